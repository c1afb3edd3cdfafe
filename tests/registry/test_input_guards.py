"""What the services refuse whatever the edge (the CLI and file imports have no HTTP layer),
the same on both databases: ids beyond 64 bits reach the store without a crash, and text no
database may hold is refused with the field named before anything is written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ictd.exc import InvalidInput, NotFound
from ictd.model.text import MAX_ID
from ictd.registry import accounts, listings, relations, subjects
from ictd.registry.listings import ListingInput
from ictd.registry.relations import RelationInput
from ictd.registry.subjects import StatementInput
from ictd.resolve import judge
from ictd.screening.disposition import revoke_disposition
from ictd.security.actor import Actor
from ictd.store import Store
from tests.api.test_errors import audit_seq, business_rows
from tests.world import World

HUGE = MAX_ID + 1


def _analyst(world: World) -> Actor:
    return world.actor("AAA", "analyst")


@pytest.mark.parametrize(
    "call",
    [
        lambda w: subjects.get_subject(w.store, _analyst(w), HUGE),
        lambda w: subjects.add_statements(
            w.store, _analyst(w), HUGE, [StatementInput("alias", "X")]
        ),
        lambda w: subjects.retract_statement(w.store, _analyst(w), 1, HUGE),
        lambda w: listings.get_listing(w.store, _analyst(w), 2**70),
        lambda w: listings.list_listings(w.store, _analyst(w), None, HUGE, 10),
        lambda w: relations.retract_relation(w.store, _analyst(w), HUGE),
        lambda w: accounts.revoke_key(w.store, Actor.system("tests"), HUGE),
        lambda w: revoke_disposition(w.store, _analyst(w), HUGE),
        lambda w: judge(w.store, _analyst(w), 1, HUGE, "same", "a reason"),
    ],
    ids=[
        "get_subject",
        "add_statements",
        "retract_statement",
        "get_listing",
        "list_listings",
        "retract_relation",
        "revoke_key",
        "revoke_disposition",
        "judge",
    ],
)
def test_an_id_beyond_64_bits_is_refused_or_not_found_never_a_crash(
    world: World, call: Callable[[World], Any]
) -> None:
    before, seq = business_rows(world.store), audit_seq(world.store)
    with pytest.raises((InvalidInput, NotFound)):
        call(world)
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


def test_the_store_refuses_a_number_it_cannot_hold(store: Store) -> None:
    with pytest.raises(InvalidInput, match="out of the range"), store.begin() as session:
        session.subjects.get(HUGE)
    with pytest.raises(InvalidInput, match="out of the range"), store.read() as session:
        session.subjects.get(-HUGE - 1)


def _listing(**changes: Any) -> ListingInput:
    return ListingInput(category="terrorist", actions=["arrest"], **changes)


def _subject(world: World) -> int:
    record = subjects.create_subject(
        world.store, _analyst(world), "Person", [StatementInput("name", "Abu Bakr")]
    )
    assert record.subject.id is not None
    return record.subject.id


@pytest.mark.parametrize(
    ("write", "field"),
    [
        (
            lambda w, s: subjects.add_statements(
                w.store, _analyst(w), s, [StatementInput("alias", "Abu\x00Bakr")]
            ),
            "statements.0.value",
        ),
        (
            lambda w, s: subjects.add_statements(
                w.store, _analyst(w), s, [StatementInput("alias", "Abu", lang="ar\x00")]
            ),
            "statements.0.lang",
        ),
        (
            lambda w, s: subjects.create_subject(
                w.store, _analyst(w), "Person", [StatementInput("name", "A")], ["ext\x00"]
            ),
            "external_ids.0",
        ),
        (
            lambda w, s: listings.create_listing(w.store, _analyst(w), s, _listing(notes="n\x00")),
            "notes",
        ),
        (
            lambda w, s: listings.create_listing(
                w.store, _analyst(w), s, _listing(reference="R\u202e1")
            ),
            "reference",
        ),
        (
            lambda w, s: listings.create_listing(
                w.store, _analyst(w), s, _listing(shared_with=["BBB\x00"], sharing="named")
            ),
            "shared_with.0",
        ),
        (
            lambda w, s: relations.create_relation(
                w.store, _analyst(w), RelationInput(s, s, "owns", notes="\x00")
            ),
            "notes",
        ),
        (
            lambda w, s: accounts.create_agency(w.store, Actor.system("t"), "CCC", "Name\x85"),
            "name",
        ),
        (
            lambda w, s: accounts.create_user(
                w.store, Actor.system("t"), "x@aaa.example", "AAA", ["analyst"], name="X\x00"
            ),
            "name",
        ),
        (lambda w, s: judge(w.store, _analyst(w), s, s + 1, "same", "why\x00"), "reason"),
    ],
    ids=[
        "statement",
        "lang",
        "external id",
        "listing notes",
        "listing reference",
        "shared with",
        "relation notes",
        "agency name",
        "user name",
        "judgement reason",
    ],
)
def test_text_no_database_may_hold_is_refused_naming_the_field(
    world: World, write: Callable[[World, int], Any], field: str
) -> None:
    subject_id = _subject(world)
    before, seq = business_rows(world.store), audit_seq(world.store)
    with pytest.raises(InvalidInput) as err:
        write(world, subject_id)
    assert [e.field for e in err.value.errors] == [field]
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq
