"""Screening through the service, on both databases: hits, sharing, dispositions, the live index."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from ictd.exc import Forbidden, InvalidInput, NotFound
from ictd.registry import subjects
from ictd.registry.listings import ListingInput
from ictd.registry.subjects import StatementInput
from ictd.screening import LiveIndex, QueryInput, screen
from ictd.screening.disposition import record_disposition, revoke_disposition
from ictd.store.tables import subject_changes
from tests.world import World, create_published


def _person(world: World, agency: str, name: str, **props: str) -> int:
    items = [StatementInput("name", name)] + [StatementInput(k, v) for k, v in props.items()]
    created = subjects.create_subject(world.store, world.actor(agency, "analyst"), "Person", items)
    assert created.subject.id is not None
    return created.subject.id


def _list(world: World, agency: str, subject_id: int, sharing: str, action: str = "arrest") -> None:
    data = ListingInput(
        category="terrorist",
        actions=[action],
        sharing=sharing,
        status="active",
        handling="H2",
        shared_with=["BBB"] if sharing == "named" else None,
    )
    create_published(world.store, world.actor(agency, "analyst"), subject_id, data)


def _screen(
    world: World, holder: LiveIndex, agency: str, role: str, *names: str, **extra: object
) -> dict:
    holder.refresh()
    query = QueryInput(id="q", names=list(names), **extra)  # type: ignore[arg-type]
    (result,) = screen(world.store, holder, world.actor(agency, role), [query])
    return result.to_dict()


@pytest.fixture
def holder(world: World) -> LiveIndex:
    return LiveIndex(world.store)


def test_own_subject_is_a_full_hit(world: World, holder: LiveIndex) -> None:
    sid = _person(world, "AAA", "Abu Mohammed al-Adnani", birthDate="1977", nationality="SY")
    _list(world, "AAA", sid, "own")
    result = _screen(world, holder, "AAA", "screener", "Abu Muhammad al-Adnani", birth_date="1977")
    assert result["hit"] is True
    (match,) = result["matches"]
    assert match["subject_id"] == sid
    assert match["details_withheld"] is False
    assert match["listings"][0]["actions"] == ["arrest"]
    assert match["listings"][0]["legal_basis"] is None  # full listing, not the action-only view
    assert any(f["feature"] and f["detail"] for f in match["explanation"])


def test_other_agency_learns_only_hit_and_action(world: World, holder: LiveIndex) -> None:
    sid = _person(world, "AAA", "Abu Mohammed al-Adnani", birthDate="1977")
    _list(world, "AAA", sid, "own", action="locate-and-inform")
    result = _screen(world, holder, "BBB", "screener", "Abu Mohammed al-Adnani")
    (match,) = result["matches"]
    reference = match["listings"][0]["reference"]
    assert reference.startswith("LREF-")
    assert match == {
        "hit": True,
        "details_withheld": True,
        "listings": [
            {
                "category": "terrorist",
                "actions": ["locate-and-inform"],
                "handling": "H2",
                "owner": {"agency": "AAA", "name": "Agency AAA", "contact": None},
                "reference": reference,
                "details_withheld": True,
            }
        ],
    }


def test_unlisted_subject_of_another_agency_is_not_revealed(
    world: World, holder: LiveIndex
) -> None:
    _person(world, "AAA", "Abu Mohammed al-Adnani")
    result = _screen(world, holder, "BBB", "screener", "Abu Mohammed al-Adnani")
    assert result == {**result, "hit": False, "matches": []}


@pytest.mark.parametrize(("sharing", "visible"), [("all", True), ("named", True), ("own", False)])
def test_sharing_scope_decides_details(
    world: World, holder: LiveIndex, sharing: str, visible: bool
) -> None:
    sid = _person(world, "AAA", "Yusuf Hassan Mahmoud", birthDate="1980-02-03")
    _list(world, "AAA", sid, sharing)
    result = _screen(world, holder, "BBB", "screener", "Yousef Hasan Mahmud")
    (match,) = result["matches"]
    assert match["hit"] is True
    assert match["details_withheld"] is (not visible)


def test_index_follows_new_and_retracted_statements(world: World, holder: LiveIndex) -> None:
    sid = _person(world, "AAA", "Omar Farouk Abdallah")
    assert _screen(world, holder, "AAA", "analyst", "Omar Farouk Abdallah")["matches"]
    assert not _screen(world, holder, "AAA", "analyst", "Khalid Sheikh Omari")["matches"]
    record = subjects.add_statements(
        world.store,
        world.actor("AAA", "analyst"),
        sid,
        [StatementInput("alias", "Khalid Sheikh Omari")],
    )
    assert _screen(world, holder, "AAA", "analyst", "Khalid Sheikh Omari")["matches"]
    alias = next(s for s in record.subject.active if s.prop == "alias")
    assert alias.id is not None
    subjects.retract_statement(world.store, world.actor("AAA", "analyst"), sid, alias.id)
    assert not _screen(world, holder, "AAA", "analyst", "Khalid Sheikh Omari")["matches"]


def test_false_match_disposition_suppresses_and_is_reversible(
    world: World, holder: LiveIndex
) -> None:
    sid = _person(world, "AAA", "Mohammed Abdullah Saleh", birthDate="1975")
    _list(world, "AAA", sid, "all")
    query = QueryInput(id="x", names=["Mohammed Abdullah Saleh"], birth_date="1975")
    actor = world.actor("BBB", "screener")
    holder.refresh()
    assert screen(world.store, holder, actor, [query])[0].is_hit
    row = record_disposition(
        world.store, actor, query, sid, "false-match", "other person, checked passport at the desk"
    )
    (later,) = screen(
        world.store,
        holder,
        actor,
        [QueryInput(id="y", names=["mohammed  abdullah SALEH"], birth_date="1975")],
    )
    assert not later.is_hit and later.suppressed == (sid,)
    # another agency is not affected by BBB's disposition
    assert screen(world.store, holder, world.actor("AAA", "screener"), [query])[0].is_hit
    revoke_disposition(world.store, actor, row.id)
    assert screen(world.store, holder, actor, [query])[0].is_hit


def test_screening_is_audited_and_role_checked(world: World, holder: LiveIndex) -> None:
    _person(world, "AAA", "Abdul Rahman Yasin")
    with world.store.begin() as session:
        before = session.audit.head()[0]
    _screen(world, holder, "AAA", "screener", "Abdul Rahman Yasin")
    with world.store.begin() as session:
        events = session.audit.query({"action": "screen"}, before, 10)
    assert [e.agency for e in events] == ["AAA"]
    with pytest.raises(Forbidden):
        screen(world.store, holder, world.actor("AAA", "auditor"), [QueryInput("q", ["x"])])


def test_bad_queries_name_the_field(world: World, holder: LiveIndex) -> None:
    bad = [
        QueryInput("a", []),
        QueryInput("b", ["Ali"], birth_date="1975-13"),
        QueryInput("c", ["Ali"], nationalities=["XX"]),
    ]
    with pytest.raises(InvalidInput) as err:
        screen(world.store, holder, world.actor("AAA", "screener"), bad)
    fields = {e.field for e in err.value.errors}
    assert {"queries.0.names", "queries.1.birth_date", "queries.2.nationalities.0"} <= fields


def test_disposition_on_missing_subject(world: World) -> None:
    with pytest.raises(NotFound):
        record_disposition(
            world.store,
            world.actor("AAA", "screener"),
            QueryInput("q", ["Ali Hassan"]),
            999_999,
            "confirmed",
            "seen",
        )


def test_index_applies_a_change_committed_late_below_the_newest(
    world: World, holder: LiveIndex
) -> None:
    """The quick "no news" check must not hide a change whose number is below the newest seen.

    A transaction can take its feed number early and commit late. Here a change row with a
    number well above the feed's counter is written first; the next subject's change then
    takes a number below it on PostgreSQL (the sequence does not move) and above it on SQLite.
    """
    first = _person(world, "AAA", "Omar Farouk Abdallah")
    assert _screen(world, holder, "AAA", "analyst", "Omar Farouk Abdallah")["matches"]
    with world.store.read() as session:
        head = session.changes.head()
    with world.store.begin() as session:
        session.conn.execute(insert(subject_changes).values(seq=head + 50, subject_id=first))
    assert holder.refresh() == 1  # re-applying a subject is harmless
    assert holder.refresh() == 0  # nothing new: the quick check answers
    late = _person(world, "AAA", "Khalid Sheikh Omari")
    with world.store.read() as session:
        (seq,) = [s for s, sid in session.changes.after(0, 1000) if sid == late]
    assert seq != head + 50
    found = _screen(world, holder, "AAA", "analyst", "Khalid Sheikh Omari")["matches"]
    assert [m["subject_id"] for m in found] == [late]
