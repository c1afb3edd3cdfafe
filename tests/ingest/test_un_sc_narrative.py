"""Relations derived from the narratives of the UN list shipped with ictd, with real counts;
on both databases, the exposure queries then work on the public list."""

from __future__ import annotations

from collections import Counter

from ictd.graph import exposure
from ictd.ingest import UN_SC_LIST, read_un_sc
from ictd.ingest.sync import sync_batch
from ictd.ingest.un_sc_narrative import PROVENANCE, derive_relations
from ictd.model.relation import RelationType
from ictd.model.schema import Schema
from ictd.security.actor import Actor
from ictd.store import Store
from tests.world import World


def test_the_shipped_list_yields_its_relations() -> None:
    batch = read_un_sc(UN_SC_LIST)
    kinds = Counter(r.relation.type.value for r in batch.relations)
    assert len(batch.relations) == 506
    assert kinds == {
        "associate": 293,
        "member-of": 106,
        "leader-of": 77,
        "family": 28,
        "director-of": 2,
    }
    assert all(
        r.relation.notes and r.relation.notes.startswith(PROVENANCE) for r in batch.relations
    )
    assert all(r.relation.source == "un-sc" for r in batch.relations)
    assert all(r.source_key != r.target_key for r in batch.relations)


def test_clauses_decide_the_type() -> None:
    person, org = Schema.PERSON, Schema.ORGANIZATION
    entries = [
        ("a", "QDi.006", person, "Leader of Al-Qaida (QDe.004). Brother of X (QDi.007)."),
        ("b", "QDe.004", org, "Associated with Y (QDe.005)."),
        (
            "c",
            "QDi.007",
            person,
            "Member of Al-Qaida (QDe.004), son of Z (QDi.006) and W (QDi.008)",
        ),
        ("d", "QDi.008", person, "Member of X (QDi.007). Names QDi.999 and itself (QDi.008)."),
        ("e", "QDe.005", org, None),
    ]
    found = {(r.source_key, r.target_key): r.relation.type for r in derive_relations(entries, "s")}
    assert found == {
        ("a", "b"): RelationType.LEADER_OF,
        ("a", "c"): RelationType.FAMILY,
        ("b", "e"): RelationType.ASSOCIATE,
        ("c", "b"): RelationType.MEMBER_OF,
        ("c", "a"): RelationType.FAMILY,
        ("c", "d"): RelationType.FAMILY,  # the list goes on: "son of Z (…) and W (…)"
        ("d", "c"): RelationType.ASSOCIATE,  # member-of a person does not fit
    }


def test_exposure_works_on_the_public_list(store: Store, world: World) -> None:
    sync_batch(store, Actor.system("tests"), read_un_sc(UN_SC_LIST))
    with store.begin() as session:
        assert len(session.relations.of_source("un-sc")) == 506
        (leader,) = session.subjects.find_by_external_id("un-sc-ref:QDi.006")
        (group,) = session.subjects.find_by_external_id("un-sc-ref:QDe.004")
    found = exposure(store, world.actor("BBB", "analyst"), leader, depth=1, limit=50)
    path = next(p for p in found["paths"] if p["listed_subject_id"] == group)
    assert [e["type"] for e in path["edges"]] == ["leader-of"]
