"""The audit trail through the registry services, on both databases.

Tampering is done the way an intruder with database access would: plain SQL on
``store.engine``, bypassing the services. ``audit.verify`` must then fail and name the event.
Then: every service call adds exactly one audit event, with the right action, actor, agency,
targets and purpose.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import delete, insert, select, update

from ictd.exc import NotFound
from ictd.registry import accounts, audit, export, listings, relations, sources, subjects
from ictd.registry.listings import ListingInput
from ictd.registry.relations import RelationInput
from ictd.registry.subjects import StatementInput
from ictd.security.actor import Actor
from ictd.security.audit import AuditEvent, seal_event
from ictd.store import Store
from ictd.store.tables import audit_events, audit_head
from tests.world import World, create_published

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


def all_events(store: Store) -> list[AuditEvent]:
    with store.begin() as session:
        return list(session.audit.events())


def head_seq(store: Store) -> int:
    with store.begin() as session:
        return session.audit.head()[0]


def events_after(store: Store, seq: int) -> list[AuditEvent]:
    with store.begin() as session:
        return session.audit.query({}, seq, 1000)


def auditor(world: World) -> Actor:
    return world.actor("OPS", "auditor")


def create_person(world: World, agency: str, *names: str) -> int:
    statements = [StatementInput("name", n) for n in names]
    record = subjects.create_subject(
        world.store, world.actor(agency, "analyst"), "Person", statements, now=NOW
    )
    assert record.subject.id is not None
    return record.subject.id


@pytest.fixture
def busy(world: World) -> World:
    """The world with a little activity on top of its accounts."""
    sid = create_person(world, "AAA", "Abu Example", "Second Name")
    subjects.get_subject(world.store, world.actor("AAA", "screener"), sid)
    subjects.search_subjects(world.store, world.actor("AAA", "analyst"), "example")
    return world


# --- tampering --------------------------------------------------------------------------------


def test_an_untouched_trail_verifies(busy: World) -> None:
    store = busy.store
    events = all_events(store)
    assert len(events) > 10
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    result = audit.verify(store, auditor(busy))
    assert result.ok
    assert result.broken is None
    assert result.checked == len(events) == result.head_seq
    # verifying is itself audited, and the trail still holds afterwards
    assert all_events(store)[-1].action == "audit.verify"
    assert audit.verify(store, auditor(busy)).ok


@pytest.mark.parametrize(
    "values",
    [
        {"action": "subject.search"},
        {"detail": '{"statements": 99}'},
        {"actor": "user:999:mallory@bbb.example"},
        {"agency": "BBB"},
        {"purpose": "nothing to see"},
        {"targets": '["subject:999"]'},
        {"ts": "2020-01-01T00:00:00.000000+00:00"},
        {"hash": "0" * 64},
    ],
    ids=lambda v: next(iter(v)),
)
def test_an_updated_row_is_named(busy: World, values: dict[str, Any]) -> None:
    store = busy.store
    target = next(e for e in all_events(store) if e.action == "subject.create")
    with store.engine.begin() as conn:
        conn.execute(update(audit_events).where(audit_events.c.seq == target.seq).values(values))
    result = audit.verify(store, auditor(busy))
    assert not result.ok
    assert result.broken is not None
    assert result.broken.seq == target.seq
    assert "altered" in result.broken.reason
    assert result.checked == target.seq


def test_a_deleted_middle_row_is_named(busy: World) -> None:
    store = busy.store
    middle = len(all_events(store)) // 2
    with store.engine.begin() as conn:
        conn.execute(delete(audit_events).where(audit_events.c.seq == middle))
    result = audit.verify(store, auditor(busy))
    assert result.broken is not None
    assert result.broken.seq == middle
    assert f"event {middle} is missing" in result.broken.reason


def _forge_after_last(store: Store) -> AuditEvent:
    """A forged event appended after the last one: a correct hash of its own, a wrong link."""
    last = all_events(store)[-1]
    forged = seal_event(
        AuditEvent(actor="user:999:mallory@bbb.example", action="subject.view", agency="BBB"),
        seq=last.seq + 1,
        prev_hash="e" * 64,
        now=NOW,
    )
    assert forged.hash == forged.compute_hash()
    with store.engine.begin() as conn:
        conn.execute(insert(audit_events).values(forged.to_row()))
    return forged


def test_an_inserted_row_with_a_wrong_link_is_named(busy: World) -> None:
    store = busy.store
    forged = _forge_after_last(store)
    with store.engine.begin() as conn:  # the intruder moves the head onto the forgery too
        conn.execute(update(audit_head).values(seq=forged.seq, hash=forged.hash))
    result = audit.verify(store, auditor(busy))
    assert result.broken is not None
    assert result.broken.seq == forged.seq
    assert "does not link" in result.broken.reason


def test_an_inserted_row_beyond_the_head_is_named(busy: World) -> None:
    store = busy.store
    forged = _forge_after_last(store)
    result = audit.verify(store, auditor(busy))
    assert result.broken is not None
    assert result.broken.seq == forged.seq


def test_a_replaced_row_breaks_the_link_of_the_next_one(busy: World) -> None:
    store = busy.store
    events = all_events(store)
    victim = events[len(events) // 2]
    forged = replace(victim, actor="user:999:mallory@bbb.example", detail={})
    forged = replace(forged, hash=forged.compute_hash())
    with store.engine.begin() as conn:
        conn.execute(delete(audit_events).where(audit_events.c.seq == victim.seq))
        conn.execute(insert(audit_events).values(forged.to_row()))
    result = audit.verify(store, auditor(busy))
    assert result.broken is not None
    assert result.broken.seq == victim.seq + 1
    assert "does not link" in result.broken.reason


def test_a_deleted_last_row_is_detected_through_the_head(busy: World) -> None:
    store = busy.store
    last = all_events(store)[-1]
    with store.engine.begin() as conn:
        conn.execute(delete(audit_events).where(audit_events.c.seq == last.seq))
    result = audit.verify(store, auditor(busy))
    assert result.broken is not None
    assert result.broken.seq == last.seq
    assert result.head_seq == last.seq
    assert result.checked == last.seq - 1


def test_tampering_is_also_found_by_an_auditor_of_a_partner_agency(busy: World) -> None:
    store = busy.store
    with store.engine.begin() as conn:
        conn.execute(update(audit_events).where(audit_events.c.seq == 2).values(action="x"))
    result = audit.verify(store, busy.actor("AAA", "auditor"))
    assert result.broken is not None
    assert result.broken.seq == 2


def test_stored_rows_hold_exactly_what_was_hashed(busy: World) -> None:
    with busy.store.engine.connect() as conn:
        rows = conn.execute(select(audit_events).order_by(audit_events.c.seq)).mappings().all()
    for row in rows:
        event = AuditEvent.from_row(dict(row))
        assert event.compute_hash() == row["hash"]


# --- one event per service call -----------------------------------------------------------------


@dataclass
class Scene:
    """A world with one subject of each partner agency, a listing and a relation."""

    world: World
    subject: int  # AAA's, listed and shared with all partners
    other: int  # AAA's, unlisted
    listing: int
    relation: int

    @property
    def store(self) -> Store:
        return self.world.store

    def actor(self, agency: str, role: str) -> Actor:
        return self.world.actor(agency, role).with_purpose("case 2026/42")


@pytest.fixture
def scene(world: World) -> Scene:
    sid = create_person(world, "AAA", "Abu Example")
    other = create_person(world, "AAA", "Other Person")
    analyst = world.actor("AAA", "analyst")
    listing = create_published(
        world.store,
        analyst,
        sid,
        ListingInput(
            category="terrorist", actions=["locate-and-inform"], sharing="all", status="active"
        ),
        now=NOW,
    )
    relation = relations.create_relation(
        world.store, analyst, RelationInput(sid, other, "associate"), now=NOW
    )
    assert listing.id is not None
    assert relation.id is not None
    return Scene(world, sid, other, listing.id, relation.id)


# Each case: (who acts, as "AGENCY:role"), the call, and the action and targets expected.
# The call returns extra values the expected targets need (ids of what it created).
Call = Callable[[Scene, Actor], Any]


def _create_subject(s: Scene, a: Actor) -> int | None:
    record = subjects.create_subject(s.store, a, "Person", [StatementInput("name", "New One")])
    return record.subject.id


def _add_statements(s: Scene, a: Actor) -> None:
    subjects.add_statements(s.store, a, s.subject, [StatementInput("alias", "Abu E.")])


def _retract(s: Scene, a: Actor) -> int | None:
    stmt = subjects.get_subject(s.store, Actor.system(), s.subject).subject.statements[0]
    subjects.retract_statement(s.store, a, s.subject, stmt.id or 0)
    return stmt.id


def _create_listing(s: Scene, a: Actor) -> int | None:
    data = ListingInput(category="financier", actions=["freeze-assets"])
    return listings.create_listing(s.store, a, s.other, data).id


def _create_relation(s: Scene, a: Actor) -> int | None:
    data = RelationInput(s.other, s.subject, "family")
    return relations.create_relation(s.store, a, data).id


def _create_user(s: Scene, a: Actor) -> int | None:
    return accounts.create_user(s.store, a, "new@aaa.example", "AAA", ["screener"]).id


def _aaa_user(s: Scene) -> int:
    with s.store.begin() as session:
        user = session.accounts.get_user_by_email("screener@aaa.example")
    assert user is not None
    assert user.id is not None
    return user.id


def _create_key(s: Scene, a: Actor) -> tuple[int | None, int]:
    user_id = _aaa_user(s)
    return accounts.create_key(s.store, a, user_id)[0].id, user_id


def _revoke_key(s: Scene, a: Actor) -> int | None:
    key, _token = accounts.create_key(s.store, Actor.system(), _aaa_user(s))
    accounts.revoke_key(s.store, a, key.id or 0)
    return key.id


CASES: list[tuple[str, str, Call, Callable[[Scene, Any], list[str]]]] = [
    (
        "AAA:analyst",
        "subject.create",
        _create_subject,
        lambda s, new: [f"subject:{new}"],
    ),
    (
        "AAA:screener",
        "subject.view",
        lambda s, a: subjects.get_subject(s.store, a, s.subject),
        lambda s, _: [f"subject:{s.subject}"],
    ),
    (
        "BBB:analyst",
        "subject.view",
        lambda s, a: subjects.get_subject(s.store, a, s.subject),
        lambda s, _: [f"subject:{s.subject}"],
    ),
    (
        "AAA:analyst",
        "subject.search",
        lambda s, a: subjects.search_subjects(s.store, a, "abu example"),
        lambda s, _: [f"subject:{s.subject}"],
    ),
    (
        "BBB:duty-officer",
        "subject.list",
        lambda s, a: subjects.list_subjects(s.store, a),
        lambda s, _: [],
    ),
    (
        "AAA:analyst",
        "subject.statements.add",
        _add_statements,
        lambda s, _: [f"subject:{s.subject}"],
    ),
    (
        "AAA:analyst",
        "subject.statements.retract",
        _retract,
        lambda s, stmt: [f"subject:{s.subject}", f"statement:{stmt}"],
    ),
    (
        "AAA:analyst",
        "listing.create",
        _create_listing,
        lambda s, new: [f"listing:{new}", f"subject:{s.other}"],
    ),
    (
        "AAA:analyst",
        "listing.update",
        lambda s, a: listings.update_listing(
            s.store, a, s.listing, ListingInput(status="expired", notes="lapsed")
        ),
        lambda s, _: [f"listing:{s.listing}"],
    ),
    (
        "BBB:screener",
        "listing.view",
        lambda s, a: listings.get_listing(s.store, a, s.listing),
        lambda s, _: [f"listing:{s.listing}"],
    ),
    (
        "AAA:screener",
        "listing.list",
        lambda s, a: listings.list_listings(s.store, a),
        lambda s, _: [],
    ),
    (
        "AAA:analyst",
        "relation.create",
        _create_relation,
        lambda s, new: [f"relation:{new}", f"subject:{s.other}", f"subject:{s.subject}"],
    ),
    (
        "AAA:analyst",
        "relation.retract",
        lambda s, a: relations.retract_relation(s.store, a, s.relation),
        lambda s, _: [f"relation:{s.relation}"],
    ),
    (
        "OPS:agency-admin",
        "agency.create",
        lambda s, a: accounts.create_agency(s.store, a, "CCC", "Agency CCC"),
        lambda s, _: ["agency:CCC"],
    ),
    (
        "BBB:screener",
        "agency.list",
        lambda s, a: accounts.list_agencies(s.store, a),
        lambda s, _: [],
    ),
    (
        "AAA:agency-admin",
        "user.create",
        _create_user,
        lambda s, new: [f"user:{new}"],
    ),
    (
        "AAA:agency-admin",
        "user.update",
        lambda s, a: accounts.update_user(s.store, a, _aaa_user(s), roles=["analyst"]),
        lambda s, _: [f"user:{_aaa_user(s)}"],
    ),
    (
        "AAA:agency-admin",
        "user.list",
        lambda s, a: accounts.list_users(s.store, a, "AAA"),
        lambda s, _: ["agency:AAA"],
    ),
    (
        "AAA:agency-admin",
        "key.create",
        _create_key,
        lambda s, new: [f"key:{new[0]}", f"user:{new[1]}"],
    ),
    (
        "AAA:agency-admin",
        "key.list",
        lambda s, a: accounts.list_keys(s.store, a, "AAA"),
        lambda s, _: ["agency:AAA"],
    ),
    (
        "AAA:agency-admin",
        "key.revoke",
        _revoke_key,
        lambda s, key: [f"key:{key}"],
    ),
    (
        "AAA:auditor",
        "audit.verify",
        lambda s, a: audit.verify(s.store, a),
        lambda s, _: [],
    ),
    (
        "AAA:auditor",
        "audit.read",
        lambda s, a: audit.list_events(s.store, a, {}),
        lambda s, _: [],
    ),
    (
        "BBB:analyst",
        "source.list",
        lambda s, a: sources.list_sources(s.store, a),
        lambda s, _: [],
    ),
]


@pytest.mark.parametrize(
    ("who", "action", "call", "targets"), CASES, ids=[f"{c[1]}-{c[0]}" for c in CASES]
)
def test_every_service_call_adds_exactly_one_audit_event(
    scene: Scene,
    who: str,
    action: str,
    call: Call,
    targets: Callable[[Scene, Any], list[str]],
) -> None:
    agency, role = who.split(":")
    acting = scene.actor(agency, role)
    before = head_seq(scene.store)
    result = call(scene, acting)
    # set-up calls inside `call` act as the system: keep only the actor's own events
    events = events_after(scene.store, before)
    assert {e.actor for e in events} <= {acting.name, "system"}
    new = [e for e in events if e.actor == acting.name]
    assert [e.action for e in new] == [action]
    event = new[0]
    assert event.actor == acting.name
    assert event.actor.startswith("user:")
    assert event.agency == agency
    assert event.purpose == "case 2026/42"
    assert list(event.targets) == targets(scene, result)
    assert audit.verify(scene.store, Actor.system()).ok


def test_the_system_actor_is_audited_as_system(scene: Scene) -> None:
    before = head_seq(scene.store)
    subjects.get_subject(scene.store, Actor.system("maintenance"), scene.subject)
    [event] = events_after(scene.store, before)
    assert (event.actor, event.agency, event.purpose) == ("system", None, "maintenance")
    assert event.action == "subject.view"


def test_audit_details_record_what_was_asked(scene: Scene) -> None:
    analyst = scene.actor("AAA", "analyst")
    before = head_seq(scene.store)
    subjects.search_subjects(scene.store, analyst, "Abu")
    subjects.list_subjects(scene.store, analyst, limit=5, schema="Person")
    subjects.add_statements(
        scene.store, analyst, scene.subject, [StatementInput("nationality", "iq")]
    )
    search, listing, added = events_after(scene.store, before)
    assert search.detail == {"q": "Abu"}
    assert listing.detail == {"after": 0, "count": 2, "schema": "Person"}
    assert added.detail == {"props": ["nationality"], "added": 1}


def test_a_refused_read_writes_only_its_refusal(scene: Scene) -> None:
    before = head_seq(scene.store)
    hidden = create_person(scene.world, "BBB", "Hidden Person")
    after_setup = head_seq(scene.store)
    assert after_setup == before + 1
    with pytest.raises(NotFound):
        subjects.get_subject(scene.store, scene.actor("AAA", "analyst"), hidden)
    (refusal,) = events_after(scene.store, after_setup)
    assert (refusal.action, refusal.agency) == ("subject.read.refused", "AAA")
    assert (list(refusal.targets), refusal.detail) == ([f"subject:{hidden}"], {"owners": ["BBB"]})
    with pytest.raises(NotFound):  # a missing subject: nothing at all
        subjects.get_subject(scene.store, scene.actor("AAA", "analyst"), 424242)
    assert head_seq(scene.store) == after_setup + 1
    assert audit.verify(scene.store, Actor.system()).ok


def test_an_export_is_audited_before_and_per_batch(scene: Scene) -> None:
    analyst = scene.actor("BBB", "analyst")
    before = head_seq(scene.store)
    records = list(export.export_records(scene.store, analyst))
    assert [r.subject.id for r in records] == [scene.subject]
    start, batch = events_after(scene.store, before)
    assert (start.action, batch.action) == ("export.start", "export")
    assert list(batch.targets) == [f"subject:{scene.subject}"]
    assert {start.actor, batch.actor} == {analyst.name}
    assert {start.purpose, batch.purpose} == {"case 2026/42"}
