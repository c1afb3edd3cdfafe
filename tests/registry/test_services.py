"""Service-level behaviour of subjects, listings and relations, on both databases."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ictd.exc import Conflict, Forbidden, InvalidInput, NotFound
from ictd.lifecycle.compliance import decide_review, submit_listing
from ictd.model import ListingStatus
from ictd.registry import listings, relations, subjects
from ictd.registry.listings import TRANSITIONS, ListingInput
from ictd.registry.relations import RelationInput
from ictd.registry.subjects import StatementInput
from ictd.security.actor import Actor
from ictd.security.audit import verify_chain
from ictd.store import Store
from tests.world import NEUTRALITY, World, create_published, reviewer_of

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
S = StatementInput


def analyst(world: World, agency: str = "AAA") -> Actor:
    return world.actor(agency, "analyst")


def person(world: World, *statements: StatementInput, agency: str = "AAA") -> int:
    record = subjects.create_subject(
        world.store, analyst(world, agency), "Person", list(statements), now=NOW
    )
    assert record.subject.id is not None
    return record.subject.id


def body(world: World, schema: str, name: str, agency: str = "AAA") -> int:
    """A subject of ``schema`` with one name."""
    record = subjects.create_subject(
        world.store, analyst(world, agency), schema, [S("name", name)], now=NOW
    )
    assert record.subject.id is not None
    return record.subject.id


def fields(err: pytest.ExceptionInfo[InvalidInput]) -> list[str]:
    return [e.field for e in err.value.errors]


# --- subjects -----------------------------------------------------------------------------------


def test_create_subject_reports_every_bad_field_at_once(world: World) -> None:
    bad = [
        S("name", "Good Name"),
        S("nope", "x"),  # unknown property
        S("birthDate", "1975-02-30"),  # impossible day
        S("flag", "PA"),  # a Person has no flag
        S("nationality", "Iraq"),  # not a code
        S("alias", "Fine"),
        S("passportNumber", "A1", qualifier="ZZ"),  # bad issuing country
        S("name", "Lang", lang=""),  # empty language tag
        S("gender", "x"),
        S("name", "   "),
    ]
    with pytest.raises(InvalidInput) as err:
        subjects.create_subject(world.store, analyst(world), "Person", bad, now=NOW)
    assert fields(err) == [
        "statements.1.prop",
        "statements.2.value",
        "statements.3.prop",
        "statements.4.value",
        "statements.6.value",
        "statements.7.lang",
        "statements.8.value",
        "statements.9.value",
    ]
    assert all(e.message for e in err.value.errors)
    assert err.value.details == [e.to_dict() for e in err.value.errors]
    with world.store.begin() as session:
        assert session.subjects.list_ids(None) == []


@pytest.mark.parametrize(
    "statements",
    [
        [],
        [S("birthDate", "1975"), S("nationality", "IQ")],
        [S("notes", "no name here")],
    ],
)
def test_a_subject_needs_a_name(world: World, statements: list[StatementInput]) -> None:
    with pytest.raises(InvalidInput) as err:
        subjects.create_subject(world.store, analyst(world), "Person", statements, now=NOW)
    assert fields(err) == ["statements"]
    assert "name" in err.value.errors[0].message


@pytest.mark.parametrize("prop", ["name", "alias", "weakAlias", "originalScriptName"])
def test_any_kind_of_name_will_do(world: World, prop: str) -> None:
    sid = person(world, S(prop, "Some Name"))
    assert subjects.get_subject(world.store, analyst(world), sid).subject.names == ["Some Name"]


def test_an_unknown_schema_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput) as err:
        subjects.create_subject(world.store, analyst(world), "Robot", [S("name", "R2")], now=NOW)
    assert fields(err) == ["schema"]


@pytest.mark.parametrize("role", ["screener", "duty-officer", "agency-admin", "auditor"])
def test_only_analysts_create_subjects(world: World, role: str) -> None:
    with pytest.raises(Forbidden):
        subjects.create_subject(
            world.store, world.actor("AAA", role), "Person", [S("name", "X Y")], now=NOW
        )


def test_create_subject_normalises_and_keeps_provenance(world: World) -> None:
    actor = analyst(world)
    record = subjects.create_subject(
        world.store,
        actor,
        "Person",
        [S("name", "  Abu   Example "), S("nationality", "iq"), S("passportNumber", "a-1", "iq")],
        now=NOW,
    )
    subject = record.subject
    assert subject.agency == "AAA"
    assert [(s.prop, s.value, s.norm, s.qualifier) for s in subject.statements] == [
        ("name", "Abu Example", "abu example", None),
        ("nationality", "IQ", "IQ", None),
        ("passportNumber", "a-1", "A1", "IQ"),
    ]
    for stmt in subject.statements:
        assert stmt.agency == "AAA"
        assert stmt.source is None
        assert stmt.recorded_by == actor.user_id
        assert stmt.first_seen == stmt.last_seen == NOW


def test_add_statements_skips_facts_already_stated(world: World) -> None:
    sid = person(world, S("name", "Abu Example"), S("nationality", "IQ"))
    record = subjects.add_statements(
        world.store,
        analyst(world),
        sid,
        [
            S("name", "ABU  example"),  # same normalised name
            S("nationality", "iq"),  # same code
            S("nationality", "SY"),  # new
            S("alias", "Abu Example"),  # same value, another property: new
        ],
        now=NOW + timedelta(days=1),
    )
    assert [(s.prop, s.value) for s in record.subject.statements] == [
        ("name", "Abu Example"),
        ("nationality", "IQ"),
        ("nationality", "SY"),
        ("alias", "Abu Example"),
    ]
    assert record.subject.updated_at == NOW + timedelta(days=1)


def test_add_statements_keeps_facts_another_qualifier_makes_different(world: World) -> None:
    sid = person(world, S("name", "X Y"), S("passportNumber", "A1", "IQ"))
    record = subjects.add_statements(
        world.store, analyst(world), sid, [S("passportNumber", "a-1", "SY")], now=NOW
    )
    assert [s.qualifier for s in record.subject.statements if s.prop == "passportNumber"] == [
        "IQ",
        "SY",
    ]


def test_add_statements_dedupes_within_one_request(world: World) -> None:
    sid = person(world, S("name", "X Y"))
    record = subjects.add_statements(
        world.store, analyst(world), sid, [S("alias", "Abu Z"), S("alias", "abu  z")], now=NOW
    )
    assert record.subject.values("alias") == ["Abu Z"]


def test_add_statements_needs_at_least_one_and_valid_ones(world: World) -> None:
    sid = person(world, S("name", "X Y"))
    with pytest.raises(InvalidInput) as err:
        subjects.add_statements(world.store, analyst(world), sid, [], now=NOW)
    assert fields(err) == ["statements"]
    with pytest.raises(InvalidInput) as err:
        subjects.add_statements(
            world.store, analyst(world), sid, [S("alias", "ok"), S("imoNumber", "1")], now=NOW
        )
    assert fields(err) == ["statements.1.prop"]
    assert subjects.get_subject(world.store, analyst(world), sid).subject.values("alias") == []


def test_only_the_owning_agency_adds_statements(world: World) -> None:
    sid = person(world, S("name", "X Y"))
    create_published(
        world.store,
        analyst(world),
        sid,
        ListingInput(category="terrorist", actions=["arrest"], sharing="all", status="active"),
        now=NOW,
    )
    with pytest.raises(Forbidden):  # BBB reads it through the listing, but may not write
        subjects.add_statements(world.store, analyst(world, "BBB"), sid, [S("alias", "Z")])
    with pytest.raises(NotFound):  # a subject BBB cannot read does not exist for BBB
        subjects.add_statements(
            world.store, analyst(world, "BBB"), person(world, S("name", "Q R")), [S("alias", "Z")]
        )


def test_retract_keeps_history(world: World) -> None:
    sid = person(world, S("name", "Abu Example"), S("alias", "Old Alias"))
    before = subjects.get_subject(world.store, analyst(world), sid).subject
    alias = next(s for s in before.statements if s.prop == "alias")
    later = NOW + timedelta(hours=2)
    record = subjects.retract_statement(world.store, analyst(world), sid, alias.id or 0, now=later)
    subject = record.subject
    assert subject.values("alias") == []
    assert [s.id for s in subject.active] == [before.statements[0].id]
    retracted = next(s for s in subject.statements if s.id == alias.id)
    assert retracted.retracted_at == later
    assert retracted.value == "Old Alias"
    assert [s["retracted_at"] for s in subject.to_dict(include_retracted=True)["statements"]] == [
        None,
        later.isoformat(),
    ]
    assert len(subject.to_dict()["statements"]) == 1
    # retracting again changes nothing
    again = subjects.retract_statement(
        world.store, analyst(world), sid, alias.id or 0, now=later + timedelta(hours=1)
    )
    assert next(s for s in again.subject.statements if s.id == alias.id).retracted_at == later
    # the fact may be stated anew: a new statement, the old one stays retracted
    readded = subjects.add_statements(world.store, analyst(world), sid, [S("alias", "Old Alias")])
    aliases = [s for s in readded.subject.statements if s.prop == "alias"]
    assert [s.retracted_at is None for s in aliases] == [False, True]


def test_retract_refuses_statements_of_other_subjects_and_other_agencies(world: World) -> None:
    first = person(world, S("name", "First One"))
    second = person(world, S("name", "Second One"))
    stmt = subjects.get_subject(world.store, analyst(world), second).subject.statements[0]
    with pytest.raises(NotFound):
        subjects.retract_statement(world.store, analyst(world), first, stmt.id or 0)
    with pytest.raises(NotFound):
        subjects.retract_statement(world.store, analyst(world), first, 999_999)
    with pytest.raises(NotFound):  # BBB cannot even see AAA's unlisted subject
        subjects.retract_statement(world.store, analyst(world, "BBB"), second, stmt.id or 0)


def test_search_and_list_show_only_what_the_agency_may_read(world: World) -> None:
    own = person(world, S("name", "Abu Example"))
    hidden = person(world, S("name", "Abu Hidden"), agency="BBB")
    found = subjects.search_subjects(world.store, analyst(world), "abu")
    assert [s.id for s in found] == [own]
    page, cursor = subjects.list_subjects(world.store, analyst(world, "BBB"))
    assert ([s.id for s in page], cursor) == ([hidden], None)
    with pytest.raises(InvalidInput) as err:
        subjects.search_subjects(world.store, analyst(world), " a ")
    assert fields(err) == ["q"]


def test_list_subjects_pages_with_a_cursor(world: World) -> None:
    ids = [person(world, S("name", f"Person {i}")) for i in range(5)]
    page, cursor = subjects.list_subjects(world.store, analyst(world), limit=2)
    assert ([s.id for s in page], cursor) == (ids[:2], ids[1])
    page, cursor = subjects.list_subjects(world.store, analyst(world), after=ids[1], limit=2)
    assert ([s.id for s in page], cursor) == (ids[2:4], ids[3])
    page, cursor = subjects.list_subjects(world.store, analyst(world), after=ids[3], limit=2)
    assert ([s.id for s in page], cursor) == (ids[4:], None)


# --- listings ------------------------------------------------------------------------------------

BASIC = ListingInput(category="terrorist", actions=["locate-and-inform"])


def new_listing(world: World, status: str = "draft", **changes: Any) -> int:
    sid = person(world, S("name", "Listed Person"))
    data = ListingInput(
        category="terrorist",
        actions=["locate-and-inform"],
        status=status,
        **changes,
    )
    listing = create_published(world.store, analyst(world), sid, data, now=NOW)
    assert listing.id is not None
    return listing.id


def _submit(world: World, lid: int) -> None:
    submit_listing(world.store, analyst(world), lid, sharing="all", now=NOW)


def _refuse(world: World, lid: int) -> None:
    _submit(world, lid)
    with world.store.begin() as session:
        review = session.compliance.pending_for(lid)
    assert review is not None and review.id is not None
    decide_review(world.store, reviewer_of(world.store), review.id, "refused", NEUTRALITY, "no")


EXPECTED_TRANSITIONS = {
    ("draft", "active"),
    ("draft", "withdrawn"),
    ("submitted", "withdrawn"),
    ("refused", "draft"),
    ("refused", "withdrawn"),
    ("active", "expired"),
    ("active", "withdrawn"),
    ("expired", "active"),
    ("expired", "withdrawn"),
}
STATUSES = [s.value for s in ListingStatus]
# how to bring a fresh listing into each status
ROUTES: dict[str, tuple[str, list[Any]]] = {
    "draft": ("draft", []),
    "active": ("active", []),
    "expired": ("active", ["expired"]),
    "withdrawn": ("draft", ["withdrawn"]),
    "submitted": ("draft", [_submit]),  # through compliance review only
    "refused": ("draft", [_refuse]),
}


def test_the_transitions_table_is_as_documented() -> None:
    table = {(a.value, b.value) for a, targets in TRANSITIONS.items() for b in targets}
    assert table == EXPECTED_TRANSITIONS
    assert set(TRANSITIONS) == set(ListingStatus)


@pytest.mark.parametrize(
    ("start", "end"),
    [pytest.param(a, b, id=f"{a}->{b}") for a in STATUSES for b in STATUSES],
)
def test_listing_status_transitions(world: World, start: str, end: str) -> None:
    created, path = ROUTES[start]
    lid = new_listing(world, created)
    for step in path:
        if callable(step):
            step(world, lid)
            continue
        listings.update_listing(world.store, analyst(world), lid, ListingInput(status=step))
    assert listings.get_listing(world.store, analyst(world), lid).status == start
    change = ListingInput(status=end)
    if start == end or (start, end) in EXPECTED_TRANSITIONS:
        changed = listings.update_listing(world.store, analyst(world), lid, change, now=NOW)
        assert changed.status == end
        assert listings.get_listing(world.store, analyst(world), lid).status == end
    else:
        with pytest.raises(Conflict) as err:
            listings.update_listing(world.store, analyst(world), lid, change, now=NOW)
        assert err.value.details == {"field": "status"}
        assert listings.get_listing(world.store, analyst(world), lid).status == start


@pytest.mark.parametrize("status", ["expired", "withdrawn", "paused"])
def test_a_new_listing_is_draft_or_active(world: World, status: str) -> None:
    sid = person(world, S("name", "X Y"))
    data = ListingInput(category="terrorist", actions=["arrest"], status=status)
    with pytest.raises(InvalidInput) as err:
        listings.create_listing(world.store, analyst(world), sid, data)
    assert fields(err) == ["status"]


@pytest.mark.parametrize(
    ("changes", "bad_fields"),
    [
        ({"sharing": "named"}, ["shared_with"]),
        ({"sharing": "named", "shared_with": []}, ["shared_with"]),
        ({"sharing": "all", "shared_with": ["BBB"]}, ["shared_with"]),
        ({"shared_with": ["BBB"]}, ["shared_with"]),  # sharing defaults to own
        (
            {"sharing": "named", "shared_with": ["BBB", "ZZZ", "bbb"]},
            ["shared_with.1", "shared_with.2"],
        ),
        ({"valid_from": "2026-01-02", "valid_until": "2026-01-01"}, ["valid_until"]),
        ({"valid_from": "2026-13-01"}, ["valid_from"]),
        ({"review_date": "soon"}, ["review_date"]),
        ({"category": "villain"}, ["category"]),
        ({"actions": []}, ["actions"]),
        ({"actions": ["arrest", "shoot"]}, ["actions.1"]),
        ({"reliability": "D", "accuracy": 5}, ["reliability", "accuracy"]),
        ({"sharing": "some"}, ["sharing"]),
        ({"handling": "H4"}, ["handling"]),
    ],
)
def test_listing_validation(world: World, changes: dict[str, Any], bad_fields: list[str]) -> None:
    sid = person(world, S("name", "X Y"))
    values: dict[str, Any] = {"category": "terrorist", "actions": ["arrest"], **changes}
    data = ListingInput(**values)
    with pytest.raises(InvalidInput) as err:
        listings.create_listing(world.store, analyst(world), sid, data, now=NOW)
    assert fields(err) == bad_fields
    with world.store.begin() as session:
        assert session.listings.of_subjects([sid]) == []


def test_create_listing_requires_category_and_actions(world: World) -> None:
    sid = person(world, S("name", "X Y"))
    with pytest.raises(InvalidInput) as err:
        listings.create_listing(world.store, analyst(world), sid, ListingInput(), now=NOW)
    assert fields(err) == ["category", "actions"]


@pytest.mark.parametrize(
    "changes",
    [
        {"sharing": "named", "shared_with": ["BBB", "OPS", "BBB"]},
        {"sharing": "all"},
        {"valid_from": "2026-01-01", "valid_until": "2026-01-01"},
        {"valid_from": "2026-01-01", "valid_until": "2027-01-01", "review_date": "2026-06-01"},
        {"actions": ["arrest", "freeze-assets", "arrest"], "reliability": "A", "accuracy": 1},
    ],
)
def test_valid_listings_are_stored_as_given(world: World, changes: dict[str, object]) -> None:
    sid = person(world, S("name", "X Y"))
    values: dict[str, Any] = {"category": "terrorist", "actions": ["arrest"], **changes}
    created = listings.create_listing(
        world.store,
        analyst(world),
        sid,
        ListingInput(**values),
        now=NOW,
    )
    assert created.id is not None
    stored = listings.get_listing(world.store, analyst(world), created.id)
    assert stored == created
    assert len(stored.actions) == len(set(stored.actions))
    assert len(stored.shared_with) == len(set(stored.shared_with))


def test_named_sharing_shows_the_listing_to_the_named_agencies_only(world: World) -> None:
    lid = new_listing(world, "active", sharing="named", shared_with=["BBB"])
    assert listings.get_listing(world.store, world.actor("BBB", "screener"), lid).id == lid
    with pytest.raises(NotFound):
        listings.get_listing(world.store, world.actor("OPS", "screener"), lid)


def test_updating_sharing_is_checked_against_the_whole_listing(world: World) -> None:
    lid = new_listing(world, "draft", sharing="named", shared_with=["BBB"])
    with pytest.raises(InvalidInput) as err:  # shared_with still names BBB
        listings.update_listing(world.store, analyst(world), lid, ListingInput(sharing="all"))
    assert fields(err) == ["shared_with"]
    changed = listings.update_listing(
        world.store, analyst(world), lid, ListingInput(sharing="all", shared_with=[])
    )
    assert (changed.sharing.value, changed.shared_with) == ("all", ())
    listings.update_listing(world.store, analyst(world), lid, ListingInput(valid_from="2026-02-01"))
    with pytest.raises(InvalidInput) as err:  # checked against the stored valid_from
        listings.update_listing(
            world.store, analyst(world), lid, ListingInput(valid_until="2026-01-31")
        )
    assert fields(err) == ["valid_until"]


def test_only_the_owner_updates_a_listing(world: World) -> None:
    lid = new_listing(world, "active", sharing="all")
    with pytest.raises(Forbidden):
        listings.update_listing(
            world.store, analyst(world, "BBB"), lid, ListingInput(status="withdrawn")
        )
    assert listings.get_listing(world.store, analyst(world), lid).status == "active"


# --- relations ------------------------------------------------------------------------------------


@pytest.fixture
def pair(world: World) -> tuple[int, int]:
    return person(world, S("name", "One Person")), person(world, S("name", "Two Person"))


@pytest.mark.parametrize(
    ("changes", "bad_fields"),
    [
        ({"share": "-0.01"}, ["share"]),
        ({"share": "100.01"}, ["share"]),
        ({"share": "half"}, ["share"]),
        ({"share": "NaN"}, ["share"]),
        ({"share": "Infinity"}, ["share"]),
        ({"amount": "-5"}, ["amount"]),
        ({"amount": "1e18"}, ["amount"]),
        ({"currency": "usd"}, ["currency"]),
        ({"currency": "US"}, ["currency"]),
        ({"currency": "USDT"}, ["currency"]),
        ({"currency": "U$D"}, ["currency"]),
        ({"type": "friend-of"}, ["type"]),
        ({"start_date": "2019-13"}, ["start_date"]),
        ({"end_date": "April 2019"}, ["end_date"]),
        ({"start_date": "2019/2018"}, ["start_date"]),
        ({"type": "owns", "share": "101", "currency": "xx"}, ["share", "currency"]),
    ],
)
def test_relation_validation(
    world: World, pair: tuple[int, int], changes: dict[str, str], bad_fields: list[str]
) -> None:
    values: dict[str, Any] = {
        "source_id": pair[0],
        "target_id": pair[1],
        "type": "associate",
        **changes,
    }
    with pytest.raises(InvalidInput) as err:
        relations.create_relation(world.store, analyst(world), RelationInput(**values))
    assert fields(err) == bad_fields
    with world.store.begin() as session:
        assert session.relations.of_subjects(list(pair)) == []


def test_a_relation_links_two_different_subjects(world: World, pair: tuple[int, int]) -> None:
    with pytest.raises(InvalidInput) as err:
        relations.create_relation(
            world.store, analyst(world), RelationInput(pair[0], pair[0], "associate")
        )
    assert fields(err) == ["target_id"]


@pytest.mark.parametrize(
    "changes",
    [
        {"share": "0"},
        {"share": "100"},
        {"share": "33.3333", "type": "owns", "target": "Company"},
        {"amount": "1500000.50", "currency": "USD", "type": "paid"},
        {"start_date": "2019", "end_date": "2019-04"},
        {"start_date": "2019-04-02", "end_date": "2020-01-01"},
        {"start_date": "2015/2016"},
    ],
)
def test_valid_relations_are_stored(
    world: World, pair: tuple[int, int], changes: dict[str, str]
) -> None:
    changes = dict(changes)  # the parameters are shared by both databases' runs
    target = changes.pop("target", None)
    values: dict[str, Any] = {
        "source_id": pair[0],
        "target_id": body(world, target, "Target Holding Ltd") if target else pair[1],
        "type": "associate",
        **changes,
    }
    relation = relations.create_relation(
        world.store,
        analyst(world),
        RelationInput(**values),
        now=NOW,
    )
    with world.store.begin() as session:
        stored = session.relations.get(relation.id or 0)
    assert stored is not None
    assert stored.agency == "AAA"
    assert stored.type.value == values["type"]
    for name in ("start_date", "end_date", "currency"):
        assert getattr(stored, name) == changes.get(name)
    for name in ("share", "amount"):
        expected = changes.get(name)
        got = getattr(stored, name)
        assert (got is None) if expected is None else (got == type(got)(expected))


def test_a_relation_cannot_end_before_it_starts(world: World, pair: tuple[int, int]) -> None:
    data = RelationInput(pair[0], pair[1], "member-of", start_date="2020", end_date="2019")
    with pytest.raises(InvalidInput) as err:
        relations.create_relation(world.store, analyst(world), data)
    assert fields(err) == ["end_date"]


@pytest.mark.parametrize(
    ("type", "source", "target", "misfit"),
    [
        ("member-of", "Person", "Person", "its target is a Person"),
        ("leader-of", "Company", "Organization", "its source is a Company"),
        ("owns", "Person", "Person", "its target is a Person"),
        ("family", "Person", "Organization", "its target is an Organization"),
        ("director-of", "Vessel", "Company", "its source is a Vessel"),
    ],
)
def test_a_relation_type_links_only_the_kinds_it_allows(
    world: World, type: str, source: str, target: str, misfit: str
) -> None:
    ends = [
        body(world, schema, f"{end} {schema}") for end, schema in (("A", source), ("B", target))
    ]
    with pytest.raises(InvalidInput) as err:
        relations.create_relation(world.store, analyst(world), RelationInput(*ends, type))
    assert fields(err) == ["type"]
    assert err.value.errors[0].message.startswith(f"{type} runs from ")
    assert misfit in err.value.errors[0].message
    with world.store.begin() as session:
        assert session.relations.of_subjects(ends) == []


def test_relations_need_existing_subjects(world: World, pair: tuple[int, int]) -> None:
    for data, field in [
        (RelationInput(999_999, pair[0], "associate"), "source_id"),
        (RelationInput(pair[0], 999_999, "associate"), "target_id"),
    ]:
        with pytest.raises(NotFound) as err:
            relations.create_relation(world.store, analyst(world), data)
        assert err.value.details == {"field": field}


def test_relations_need_readable_subjects(world: World, pair: tuple[int, int]) -> None:
    hidden = person(world, S("name", "Hidden One"), agency="BBB")
    with pytest.raises(NotFound, match=f"subject {hidden} does not exist"):
        relations.create_relation(
            world.store, analyst(world), RelationInput(pair[0], hidden, "associate")
        )
    with world.store.begin() as session:
        assert session.relations.of_subjects([hidden]) == []


def test_a_hidden_subject_is_answered_exactly_like_a_missing_one(
    world: World, pair: tuple[int, int]
) -> None:
    hidden = person(world, S("name", "Hidden One"), agency="BBB")
    missing = hidden + 1000
    answers = []
    for other in (hidden, missing):
        with pytest.raises(NotFound) as err:
            relations.create_relation(
                world.store, analyst(world), RelationInput(pair[0], other, "associate")
            )
        answers.append((err.value.message.replace(str(other), "N"), err.value.details))
    assert answers[0] == answers[1]


def test_retract_relation_keeps_it_and_only_the_owner_may(
    world: World, pair: tuple[int, int]
) -> None:
    relation = relations.create_relation(
        world.store, analyst(world), RelationInput(pair[0], pair[1], "family"), now=NOW
    )
    with pytest.raises(Forbidden):
        relations.retract_relation(world.store, world.actor("AAA", "screener"), relation.id or 0)
    later = NOW + timedelta(days=1)
    retracted = relations.retract_relation(world.store, analyst(world), relation.id or 0, now=later)
    assert retracted.retracted_at == later
    with world.store.begin() as session:
        assert session.relations.of_subjects([pair[0]]) == []
        kept = session.relations.of_subjects([pair[0]], with_retracted=True)
    assert [(r.id, r.retracted_at) for r in kept] == [(relation.id, later)]
    assert subjects.get_subject(world.store, analyst(world), pair[0]).relations == ()


# --- concurrency --------------------------------------------------------------------------------


def test_concurrent_audit_appends_keep_the_chain_intact(store: Store) -> None:
    with store.begin() as session:  # the chain head exists before the race starts
        session.audit.record(Actor.system("tests"), "test.start")
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def append(name: str) -> None:
        actor = Actor(name=name, agency=None, roles=frozenset())
        try:
            barrier.wait(timeout=30)
            for i in range(50):
                with store.begin() as session:
                    session.audit.record(actor, "test.append", [f"n:{i}"])
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=append, args=(f"thread:{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    assert errors == []
    with store.begin() as session:
        events = list(session.audit.events())
        head = session.audit.head()
    assert verify_chain(events, head) == (101, None)
    assert [e.seq for e in events] == list(range(1, 102))
    for name in ("thread:0", "thread:1"):
        mine = [e.targets[0] for e in events if e.actor == name]
        assert mine == [f"n:{i}" for i in range(50)]


def test_get_and_list_agree_on_what_an_agency_may_read(world: World) -> None:
    sid = person(world, S("name", "Shared Once"), agency="BBB")
    shared = create_published(
        world.store,
        analyst(world, "BBB"),
        sid,
        ListingInput(category="terrorist", actions=["arrest"], sharing="all", status="active"),
        now=NOW,
    )
    listings.create_listing(world.store, analyst(world), sid, BASIC, now=NOW)  # AAA's draft
    listings.update_listing(
        world.store, analyst(world, "BBB"), shared.id or 0, ListingInput(status="withdrawn")
    )
    # the owner withdrew its sharing: AAA's own draft listing does not keep the subject open
    with pytest.raises(NotFound):
        subjects.get_subject(world.store, analyst(world), sid)
    page, _cursor = subjects.list_subjects(world.store, analyst(world))
    found = subjects.search_subjects(world.store, analyst(world), "shared once")
    assert [s.id for s in page] == []
    assert [s.id for s in found] == []
