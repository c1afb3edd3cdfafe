"""The audit intake and its sealers, on both databases, on real storage.

A request's transaction puts its event into ``audit_intake`` (no lock); sealers move the
committed rows onto the hash chain under the ``audit_head`` lock. What must hold: an event
commits or rolls back with its transaction; every committed event is sealed exactly once,
whoever seals and however many seal at once (threads, two stores, another process); events
left unsealed (a crash between the commit and the sealing) are sealed by the next sealer or
read of the log; rows committed out of id order are not skipped; the chain verifies.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from psycopg import pq
from sqlalchemy import event, select

from ictd.exc import InvalidInput
from ictd.model.account import Agency
from ictd.registry import audit
from ictd.security.actor import Actor
from ictd.security.audit import AuditEvent, verify_chain
from ictd.store import Store
from ictd.store.audit import AuditRepository
from ictd.store.tables import agencies, audit_events, audit_intake

ACTOR = Actor(name="tester", agency=None, roles=frozenset())


def _orphan(store: Store, action: str, ts: str = "") -> None:
    """An event committed to the intake and then not sealed, as if the process had died
    between its commit and the sealing (the store's own ``begin`` would seal it)."""
    with store.engine.begin() as conn:
        AuditRepository(conn).append(AuditEvent(actor=ACTOR.name, action=action, ts=ts))


def _pending(store: Store) -> int:
    with store.read() as session:
        return session.audit.pending()[0]


def _chain(store: Store) -> list[AuditEvent]:
    with store.begin() as session:
        events = list(session.audit.events())
        assert verify_chain(events, session.audit.head()) == (len(events), None)
    return events


def test_an_event_is_sealed_right_after_its_commit_without_a_background_sealer(
    store: Store,
) -> None:
    with store.begin() as session:
        recorded = session.audit.record(ACTOR, "test.one", ["n:1"], size=3)
    assert recorded.ts and recorded.seq == 0  # its place in the chain comes with sealing
    assert _pending(store) == 0
    (event,) = _chain(store)
    assert (event.seq, event.action, event.targets, event.detail) == (
        1,
        "test.one",
        ("n:1",),
        {"size": 3},
    )
    assert event.ts == recorded.ts  # the time it was recorded, not the time it was sealed


def test_on_sqlite_the_recording_transaction_seals_its_own_events(store: Store) -> None:
    """SQLite: the events reach the chain in the transaction that recorded them (it holds
    the write lock already), even beside a background sealer; PostgreSQL: the background
    sealer seals them after the commit, all those of its gathering time in one go."""
    store.start_sealer()
    try:
        with store.begin() as session:
            for n in range(3):
                session.audit.record(ACTOR, "test.own", [f"n:{n}"])
            if store.dialect == "sqlite":
                assert session.audit.pending()[0] == 3  # not sealed before the block ends
        if store.dialect == "sqlite":
            with store.engine.connect() as conn:  # a plain look: no read seals first
                repository = AuditRepository(conn)
                assert repository.pending() == (0, None)
        else:
            deadline = time.monotonic() + 30
            while _pending(store) and time.monotonic() < deadline:
                time.sleep(0.01)
            assert _pending(store) == 0
    finally:
        store.stop_sealer()
    assert [e.targets[0] for e in _chain(store)] == ["n:0", "n:1", "n:2"]


def test_on_sqlite_events_go_straight_onto_the_chain_when_the_intake_is_empty(
    store: Store,
) -> None:
    """SQLite: a write transaction holds its events and seals them itself, so with nothing
    else in the intake they never pass through it (no insert, read or delete of an intake
    row: three statements fewer per audited request); the chain is the one the intake would
    have made. With a row of others in the intake, the held events go in after it and are
    sealed after it, in order."""
    if store.dialect != "sqlite":
        pytest.skip("PostgreSQL's transactions insert into the intake; a sealer seals later")
    with store.begin() as session:  # the first event of a log also makes the chain's head
        session.audit.record(ACTOR, "test.first")
    seen: list[str] = []
    with store.begin() as session:
        session.conn.connection.dbapi_connection.set_trace_callback(seen.append)  # type: ignore[union-attr]
        session.audit.record(ACTOR, "test.straight.1", ["n:1"], size=1)
        session.audit.record(ACTOR, "test.straight.2", ["n:2"])
    assert seen and not [s for s in seen if "audit_intake" in s and not s.startswith("SELECT")]
    assert len([s for s in seen if s.startswith("INSERT INTO audit_events")]) == 2
    _orphan(store, "test.orphan")  # a row of another process, left in the intake
    with store.begin() as session:
        session.audit.record(ACTOR, "test.after", ["n:3"])
    with store.begin() as session:
        session.audit.record(ACTOR, "test.read.1")
        # a read of the log in the same transaction sees the events it holds
        assert [e.action for e in session.audit.events()][-1] == "test.read.1"
        session.audit.record(ACTOR, "test.read.2")
    events = _chain(store)
    assert [e.action for e in events] == [
        "test.first",
        "test.straight.1",
        "test.straight.2",
        "test.orphan",
        "test.after",
        "test.read.1",
        "test.read.2",
    ]
    assert (events[1].targets, events[1].detail) == (("n:1",), {"size": 1})
    assert _pending(store) == 0


def test_an_event_is_sealed_as_it_was_when_recorded(store: Store) -> None:
    """A held event is rendered when it is recorded (its row, and on SQLite its hash's
    canonical form): a list its caller changes afterwards, before the commit, changes
    neither what is stored nor its hash, and the chain verifies, whichever way the event
    goes onto it (straight on SQLite, through the intake on PostgreSQL)."""
    names = ["Ali", "Dana"]
    with store.begin() as session:
        session.audit.record(ACTOR, "test.first")
    with store.begin() as session:
        session.audit.record(ACTOR, "test.kept", ["n:1"], names=names, note='"ü"')
        names.append("Later")
    events = _chain(store)
    assert [e.action for e in events] == ["test.first", "test.kept"]
    assert events[1].detail == {"names": ["Ali", "Dana"], "note": '"ü"'}
    assert events[1].hash == events[1].compute_hash()


def test_an_intake_row_is_sealed_with_its_own_text(store: Store) -> None:
    """A sealer writes an intake row's own text onto the chain, with its place and hash;
    a row without a time (not one the store wrote) gets the time of its sealing."""
    _orphan(store, "test.kept", ts="2026-12-08T04:00:00.000000+00:00")
    with store.engine.begin() as conn:
        conn.execute(
            audit_intake.insert().values(
                ts="", actor="x", action="test.timeless", targets="[]", detail='{"a": 1}'
            )
        )
    with store.read() as session:
        (row,) = [r for r in session.conn.execute(select(audit_intake)).mappings() if r["ts"]]
    store.seal_audit()
    kept, timeless = _chain(store)
    assert (kept.ts, kept.targets, kept.detail) == (row["ts"], (), {})
    assert timeless.ts and (timeless.action, timeless.detail) == ("test.timeless", {"a": 1})
    with store.read() as session:
        stored = session.conn.execute(select(audit_events).order_by(audit_events.c.seq)).mappings()
        first = next(iter(stored))
        assert (first["targets"], first["detail"]) == (row["targets"], row["detail"])


def test_the_events_commit_with_the_transaction_in_its_last_round_trip(
    store: Store, tmp_path: Path
) -> None:
    """PostgreSQL: a write transaction's events go into the intake in the round trip of
    its COMMIT (one simple query of both statements, the values quoted by the driver): no
    separate COMMIT is sent; the events and the other writes are committed, and the events
    sealed onto the chain with their text as recorded."""
    if store.dialect != "postgresql":
        pytest.skip("SQLite seals its events before the commit")
    with (tmp_path / "trace").open("w") as trace, store.begin() as session:
        pgconn = session.conn.connection.dbapi_connection.pgconn  # type: ignore[union-attr]
        pgconn.trace(trace.fileno())  # libpq's protocol trace of this connection
        session.accounts.insert_agency(
            Agency(code="RTT", name="Round trips", created_at=datetime.now(UTC))
        )
        session.audit.record(ACTOR, "test.tail.1", ["n:1"], note="it's \\ a; test")
        session.audit.record(ACTOR, "test.tail.2", ["n:2"])
        before = pgconn.transaction_status
    pgconn.untrace()
    sent = [line.split("\t")[4].strip() for line in (tmp_path / "trace").read_text().splitlines()
            if line.split("\t")[1:4:2] == ["F", "Query"]]  # fmt: skip
    with store.engine.connect() as conn:  # another connection
        assert conn.execute(select(agencies.c.code).where(agencies.c.code == "RTT")).all()
    assert before == pq.TransactionStatus.INTRANS
    assert pgconn.transaction_status == pq.TransactionStatus.IDLE
    # the transaction's simple queries (the sealing's, right after it, cut off): BEGIN (with
    # an isolation level when the pooled connection was given one), then one query of the
    # intake's insert and COMMIT, and no COMMIT of its own
    begins = [i for i, query in enumerate(sent) if query.startswith('"BEGIN')]
    ours = sent[: begins[1]] if len(begins) > 1 else sent
    assert begins[:1] == [0] and '"COMMIT"' not in ours
    assert ours[-1].startswith('"INSERT INTO audit_intake') and ours[-1].endswith('; COMMIT"')
    events = _chain(store)
    assert [(e.action, e.detail) for e in events] == [
        ("test.tail.1", {"note": "it's \\ a; test"}),
        ("test.tail.2", {}),
    ]


def test_a_sealing_transaction_takes_two_round_trips(store: Store, tmp_path: Path) -> None:
    """PostgreSQL: the store's sealing transaction sends its BEGIN, the head's lock and
    the intake's read in one simple query, then the chain's rows, the head's move, the
    intake rows' delete and the COMMIT in another; no statement of the extended protocol
    and no COMMIT of its own. The events are sealed with their text as recorded."""
    if store.dialect != "postgresql":
        pytest.skip("SQLite seals its events before the commit")
    _orphan(store, "test.first")
    store.seal_audit()  # the chain's head row exists from here on
    notes = ["it's \\ a; test", "100%s %(x)s %%", "ünï – 名前"]
    for n, note in enumerate(notes):
        with store.engine.begin() as conn:
            AuditRepository(conn).append(
                AuditEvent(actor=ACTOR.name, action=f"test.trip.{n}", detail={"note": note})
            )
    traced: list[pq.PGconn] = []

    def trace(dbapi: Any, _record: Any, _proxy: Any) -> None:
        dbapi.pgconn.trace(out.fileno())
        traced.append(dbapi.pgconn)

    with (tmp_path / "trace").open("w") as out:
        event.listen(store.engine, "checkout", trace)
        try:
            assert store.seal_audit(look_first=False) == 3
        finally:
            event.remove(store.engine, "checkout", trace)
            for pgconn in traced:
                pgconn.untrace()
    messages: list[list[str]] = []  # a query's text may span lines of the trace
    for line in (tmp_path / "trace").read_text().splitlines():
        parts = line.split("\t")
        if len(parts) > 3 and parts[1] in ("F", "B") and parts[2].isdigit():
            messages.append(parts)
        else:
            messages[-1][-1] += " " + line
    sent = [parts for parts in messages if parts[1] == "F"]  # what the client sent
    assert [parts[3] for parts in sent] == ["Query", "Query"]
    queries = [parts[4].strip() for parts in sent]
    assert queries[0].startswith('"BEGIN; SELECT audit_head')
    assert "FOR UPDATE" in queries[0] and "FROM audit_intake" in queries[0]
    assert queries[1].startswith('"INSERT INTO audit_events')
    assert "UPDATE audit_head" in queries[1] and "DELETE FROM audit_intake" in queries[1]
    assert queries[1].endswith('; COMMIT"')
    assert _pending(store) == 0
    events = _chain(store)
    assert [(e.seq, e.action, e.detail) for e in events[1:]] == [
        (n + 2, f"test.trip.{n}", {"note": note}) for n, note in enumerate(notes)
    ]


def test_an_event_that_cannot_be_stored_commits_nothing(store: Store) -> None:
    """The held events are written at the end of the transaction: when they cannot be
    stored (a purpose longer than its column on PostgreSQL), nothing of the transaction is
    committed, the caller gets the store's refusal, and the store works on."""
    if store.dialect != "postgresql":
        pytest.skip("SQLite does not hold text to its column's length")
    long = Actor(name="tester", agency=None, roles=frozenset(), purpose="p" * 600)
    with pytest.raises(InvalidInput), store.begin() as session:
        session.accounts.insert_agency(
            Agency(code="NOPE", name="Never committed", created_at=datetime.now(UTC))
        )
        session.audit.record(ACTOR, "test.fine")
        session.audit.record(long, "test.too.long")
    with store.begin() as session:
        assert session.accounts.get_agency("NOPE") is None
        session.audit.record(ACTOR, "test.after")
    assert _pending(store) == 0
    assert [e.action for e in _chain(store)] == ["test.after"]


def test_a_rolled_back_transaction_leaves_no_intake_row(store: Store) -> None:
    with pytest.raises(RuntimeError), store.begin() as session:
        session.audit.record(ACTOR, "test.doomed")
        raise RuntimeError("the act failed")
    assert _pending(store) == 0
    assert _chain(store) == []


def test_events_left_unsealed_are_sealed_by_the_next_read(store: Store) -> None:
    _orphan(store, "test.orphan.1")
    _orphan(store, "test.orphan.2")
    assert _pending(store) == 2
    with store.read() as session:  # read-only: sealed in transactions of their own
        assert [e.action for e in session.audit.events()] == ["test.orphan.1", "test.orphan.2"]
    assert _pending(store) == 0
    _orphan(store, "test.orphan.3")
    with store.begin() as session:  # a writing transaction seals in itself
        assert session.audit.head()[0] == 3
    assert [e.seq for e in _chain(store)] == [1, 2, 3]


def test_events_left_unsealed_are_sealed_by_the_next_commit_and_the_sweep(store: Store) -> None:
    _orphan(store, "test.orphan.1")
    with store.begin() as session:  # any audited commit seals what the intake holds
        session.audit.record(ACTOR, "test.next")
    assert _pending(store) == 0
    _orphan(store, "test.orphan.2")
    store.start_sealer()
    try:
        deadline = time.monotonic() + 30
        while _pending(store) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _pending(store) == 0  # the background sealer's sweep took it
    finally:
        store.stop_sealer()
    assert [e.action for e in _chain(store)] == ["test.orphan.1", "test.next", "test.orphan.2"]


def test_sealing_takes_bounded_batches(store: Store) -> None:
    with store.engine.begin() as conn:
        repository = AuditRepository(conn)
        for n in range(7):
            repository.append(
                AuditEvent(actor=ACTOR.name, action="test.batch", targets=(f"n:{n}",))
            )
    with store.begin() as session:
        assert session.audit.seal(limit=3) == 3
    assert _pending(store) == 4
    assert store.seal_audit() == 4
    assert [e.targets[0] for e in _chain(store)] == [f"n:{n}" for n in range(7)]


def test_verify_reports_events_that_waited_unsealed(store: Store) -> None:
    now = datetime.now(UTC)
    old = (now - timedelta(minutes=5)).isoformat(timespec="microseconds")
    _orphan(store, "test.stale.1", ts=old)
    _orphan(store, "test.stale.2", ts=(now - timedelta(minutes=2)).isoformat())
    _orphan(store, "test.fresh", ts=now.isoformat(timespec="microseconds"))
    result = audit.verify(store, Actor.system("tests"), now=now)
    assert result.broken is None and not result.ok
    assert result.unsealed == 2
    assert result.unsealed_age == pytest.approx(300, abs=1)
    assert result.checked == 3  # sealed first, then checked
    again = audit.verify(store, Actor.system("tests"), now=now)
    assert again.ok and again.unsealed == 0 and again.checked == 4  # + the first audit.verify


@pytest.mark.parametrize("backend", ["postgresql"])
def test_a_row_committed_out_of_id_order_is_sealed_after_the_later_ones(
    store: Store, backend: str
) -> None:
    """PostgreSQL hands out ids before commit: a row with a smaller id may commit after a
    larger one was sealed. It stays in the intake and is sealed next, never skipped."""
    if store.dialect != backend:
        pytest.skip("SQLite writers take turns: no two transactions write at once")
    with store.engine.connect() as slow:
        transaction = slow.begin()
        AuditRepository(slow).record(ACTOR, "test.late")  # the smaller id, not committed
        with store.begin() as session:
            session.audit.record(ACTOR, "test.early")  # committed and sealed at once
        assert [e.action for e in _chain(store)] == ["test.early"]
        transaction.commit()
    assert _pending(store) == 1
    assert store.seal_audit() == 1
    assert [(e.seq, e.action) for e in _chain(store)] == [(1, "test.early"), (2, "test.late")]


def test_many_writers_and_sealers_on_two_stores_seal_every_event_once(store: Store) -> None:
    """Threads on two stores (two engines, as two server workers) record events while both
    stores' background sealers, the sealing after each commit and a reader all seal."""
    other = Store(store.url)
    stores = (store, other)
    errors: list[BaseException] = []
    per_thread = 30
    names = [f"w{s}.{t}" for s in range(2) for t in range(4)]
    barrier = threading.Barrier(len(names) + 1)

    def write(name: str, target: Store) -> None:
        actor = Actor(name=name, agency=None, roles=frozenset())
        try:
            barrier.wait(timeout=30)
            for n in range(per_thread):
                with target.begin() as session:
                    session.audit.record(actor, "test.write", [f"n:{n}"])
        except BaseException as err:
            errors.append(err)

    def read() -> None:
        try:
            barrier.wait(timeout=30)
            for _ in range(10):
                with other.read() as session:
                    session.audit.head()
        except BaseException as err:
            errors.append(err)

    store.start_sealer()
    other.start_sealer()
    try:
        threads = [
            threading.Thread(target=write, args=(name, stores[int(name[1])])) for name in names
        ]
        threads.append(threading.Thread(target=read))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        assert not any(t.is_alive() for t in threads)
    finally:
        store.stop_sealer()
        other.stop_sealer()
        other.dispose()
    assert errors == []
    assert _pending(store) == 0
    events = _chain(store)
    assert [e.seq for e in events] == list(range(1, len(names) * per_thread + 1))
    assert Counter((e.actor, e.targets) for e in events) == {
        (name, (f"n:{n}",)): 1 for name in names for n in range(per_thread)
    }
    for name in names:  # each writer's events in the order it committed them
        assert [e.targets[0] for e in events if e.actor == name] == [
            f"n:{n}" for n in range(per_thread)
        ]


_ANOTHER_PROCESS = """
import sys
from ictd.security.actor import Actor
from ictd.store import Store
store = Store(sys.argv[1])
actor = Actor(name="process", agency=None, roles=frozenset())
for n in range(int(sys.argv[2])):
    with store.begin() as session:
        session.audit.record(actor, "test.write", [f"n:{n}"])
store.dispose()
"""


def test_another_process_recording_beside_a_background_sealer(store: Store) -> None:
    """A second process (as a CLI command beside a server) records and seals its events
    while this one's background sealer and writers run: each event once, chain intact."""
    count = 60
    store.start_sealer()
    try:
        process = subprocess.Popen(
            [sys.executable, "-c", _ANOTHER_PROCESS, store.url, str(count)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(count):
            with store.begin() as session:
                session.audit.record(ACTOR, "test.write", [f"n:{n}"])
        _out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    finally:
        store.stop_sealer()
    events = _chain(store)
    assert len(events) == 2 * count
    for name in ("process", ACTOR.name):
        assert [e.targets[0] for e in events if e.actor == name] == [f"n:{n}" for n in range(count)]
