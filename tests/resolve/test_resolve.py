"""Cross-agency resolution on both databases: proposals, judgements, undo, profiles."""

from __future__ import annotations

import pytest

from ictd.exc import Conflict, Forbidden, InvalidInput, NotFound
from ictd.model import Schema
from ictd.resolve import judge, resolved_profile, review_queue, undo_judgement, xref
from ictd.security.actor import Actor
from ictd.store import Store
from tests.graph.network import NOW, add_subject, list_subject
from tests.world import World

SYSTEM = Actor.system("tests")


def people(store: Store) -> dict[str, int]:
    p = Schema.PERSON
    with store.begin() as s:
        return {
            "AAA": add_subject(s, p, "Khalid Mansour Haddad", "AAA", birthDate="1971-03-02"),
            "AAA2": add_subject(s, p, "Khalid Mansour Haddad", "AAA", birthDate="1971"),
            "UN": add_subject(s, p, "HADDAD, Khalid Mansour", source="un-sc", birthDate="1971"),
            "BBB": add_subject(s, p, "Khaled Mansur Haddad", "BBB", birthDate="1971-03-02"),
            "OTHER": add_subject(s, p, "Li Wei Zhang", "BBB", birthDate="1990"),
        }


def pairs(store: Store, actor: Actor) -> set[tuple[int, int]]:
    items, _ = review_queue(store, actor, limit=100)
    return {(i["subjects"][0]["id"], i["subjects"][1]["id"]) for i in items}


def test_xref_proposes_pairs_across_owners_only(world: World) -> None:
    ids = people(world.store)
    report = xref(world.store, SYSTEM, threshold=0.5, now=NOW)
    assert report.subjects == 5
    found = pairs(world.store, SYSTEM)
    assert (ids["AAA"], ids["UN"]) in found
    assert (ids["AAA"], ids["BBB"]) in found
    assert (ids["AAA"], ids["AAA2"]) not in found  # one agency's own records
    assert not any(ids["OTHER"] in p for p in found)
    items, _ = review_queue(world.store, SYSTEM, limit=100)
    scores = [i["score"] for i in items]
    assert scores == sorted(scores, reverse=True)
    assert items[0]["explanation"]


def test_queue_shows_only_pairs_the_caller_may_read(world: World) -> None:
    ids = people(world.store)
    xref(world.store, SYSTEM, threshold=0.5, now=NOW)
    aaa = world.actor("AAA", "analyst")
    found = pairs(world.store, aaa)
    assert (ids["AAA"], ids["UN"]) in found
    assert not any(ids["BBB"] in p for p in found)
    first, cursor = review_queue(world.store, SYSTEM, limit=1)
    rest, _ = review_queue(world.store, SYSTEM, after=cursor or 0, limit=100)
    assert len(first) == 1 and first[0]["id"] not in {i["id"] for i in rest}


def test_same_links_a_profile_with_provenance(world: World) -> None:
    ids = people(world.store)
    aaa = world.actor("AAA", "analyst")
    row = judge(world.store, aaa, ids["UN"], ids["AAA"], "same", "same passport seen", now=NOW)
    assert (row.subject_a, row.subject_b, row.agency) == (ids["AAA"], ids["UN"], "AAA")
    profile = resolved_profile(world.store, aaa, ids["UN"])
    assert [m["id"] for m in profile["members"]] == [ids["AAA"], ids["UN"]]
    assert profile["cluster_id"] == ids["AAA"]
    names = {(v["value"], v["stated_by"]) for v in profile["properties"]["name"]}
    assert names == {("Khalid Mansour Haddad", "AAA"), ("HADDAD, Khalid Mansour", "source:un-sc")}
    assert len(profile["links"]) == 1
    # BBB links its own subject in too: AAA still never learns that it exists
    bbb = world.actor("BBB", "analyst")
    judge(world.store, bbb, ids["UN"], ids["BBB"], "same", "biometrics", now=NOW)
    seen = resolved_profile(world.store, aaa, ids["AAA"])
    assert [m["id"] for m in seen["members"]] == [ids["AAA"], ids["UN"]]
    assert all(v["subject_id"] != ids["BBB"] for vs in seen["properties"].values() for v in vs)
    assert len(resolved_profile(world.store, SYSTEM, ids["AAA"])["members"]) == 3
    bbb_view = resolved_profile(world.store, bbb, ids["BBB"])
    assert [m["id"] for m in bbb_view["members"]] == [ids["UN"], ids["BBB"]]
    assert bbb_view["cluster_id"] == ids["UN"]  # AAA's member (the stored cluster id) is hidden


def test_not_same_stops_the_pair_and_undo_brings_it_back(world: World) -> None:
    ids = people(world.store)
    aaa = world.actor("AAA", "analyst")
    xref(world.store, SYSTEM, threshold=0.5, now=NOW)
    pair = (ids["AAA"], ids["UN"])
    row = judge(world.store, aaa, *pair, "not-same", "different father's name", now=NOW)
    assert pair not in pairs(world.store, aaa)
    xref(world.store, SYSTEM, threshold=0.5)
    assert pair not in pairs(world.store, aaa)
    undone = undo_judgement(world.store, aaa, row.id)
    assert undone.revoked_at is not None
    xref(world.store, SYSTEM, threshold=0.5)
    assert pair in pairs(world.store, aaa)
    with world.store.begin() as session:
        history = session.resolution.judgements_of_pair(*pair)
        actions = [e.action for e in session.audit.events()]
    assert [j.decision for j in history] == ["not-same"]
    assert actions.count("judgement.create") == 1 and actions.count("judgement.undo") == 1
    assert actions.count("xref.run") == 3


def test_undo_of_same_splits_the_cluster(world: World) -> None:
    ids = people(world.store)
    first = judge(world.store, SYSTEM, ids["AAA"], ids["UN"], "same", "x", now=NOW)
    judge(world.store, SYSTEM, ids["UN"], ids["BBB"], "same", "y", now=NOW)
    assert len(resolved_profile(world.store, SYSTEM, ids["BBB"])["members"]) == 3
    undo_judgement(world.store, SYSTEM, first.id)
    assert [m["id"] for m in resolved_profile(world.store, SYSTEM, ids["AAA"])["members"]] == [
        ids["AAA"]
    ]
    assert resolved_profile(world.store, SYSTEM, ids["AAA"])["cluster_id"] is None
    assert len(resolved_profile(world.store, SYSTEM, ids["BBB"])["members"]) == 2


def test_judging_again_supersedes_and_other_agencies_must_undo_first(world: World) -> None:
    ids = people(world.store)
    aaa, bbb = world.actor("AAA", "analyst"), world.actor("BBB", "analyst")
    judge(world.store, aaa, ids["AAA"], ids["UN"], "unsure", "need the passport", now=NOW)
    later = judge(world.store, aaa, ids["AAA"], ids["UN"], "same", "passport matches", now=NOW)
    with world.store.begin() as session:
        history = session.resolution.judgements_of_pair(ids["AAA"], ids["UN"])
        list_subject(session, ids["BBB"], agency="BBB", category="terrorist")  # shared with all
    assert [(j.decision, j.revoked_at is None) for j in history] == [
        ("unsure", False),
        ("same", True),
    ]
    theirs = judge(world.store, aaa, ids["UN"], ids["BBB"], "same", "same photo", now=NOW)
    with pytest.raises(Conflict):
        judge(world.store, bbb, ids["UN"], ids["BBB"], "not-same", "different father")
    with pytest.raises(Forbidden):
        undo_judgement(world.store, bbb, theirs.id)
    with pytest.raises(Forbidden):
        undo_judgement(world.store, world.actor("AAA", "screener"), later.id)
    undo_judgement(world.store, aaa, theirs.id)
    judge(world.store, bbb, ids["UN"], ids["BBB"], "not-same", "different father")


def test_bad_and_unreadable_judgements(world: World) -> None:
    ids = people(world.store)
    aaa = world.actor("AAA", "analyst")
    with pytest.raises(InvalidInput) as err:
        judge(world.store, aaa, ids["AAA"], ids["AAA"], "maybe", " ")
    assert {e.field for e in err.value.errors} == {"subjects", "decision", "reason"}
    with pytest.raises(NotFound):
        judge(world.store, aaa, ids["AAA"], ids["BBB"], "same", "unshared")
    with pytest.raises(NotFound):
        resolved_profile(world.store, aaa, ids["BBB"])
    with pytest.raises(NotFound):
        undo_judgement(world.store, aaa, 999)
