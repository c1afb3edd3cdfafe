"""The ``BEGIN`` with a transaction's first write (``ictd.store.direct``), PostgreSQL.

A request's transaction reads the change feed first (``Direct(…, before_begin=True)``) and
then writes: the read goes before the ``BEGIN``, which is sent with the first write (a
``Direct`` write, or the audit event with the ``COMMIT``). The tests trace what the client
sends (libpq's protocol trace) and check that the transaction stays one: what it wrote
commits together or not at all, and the connection goes back to the pool as it came (the
driver out of the autocommit it was in meanwhile), so that the next transaction on it is
one as well. On SQLite these transactions start with ``BEGIN IMMEDIATE`` as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from ictd.exc import Conflict
from ictd.model.account import Agency
from ictd.security.actor import Actor
from ictd.store import Store
from ictd.store.tables import agencies, audit_intake, movements

ACTOR = Actor(name="tester", agency="AAA", roles=frozenset())


def _movement(key: str) -> dict[str, Any]:
    when = datetime(2026, 12, 8, 1, 0, tzinfo=UTC)
    return {
        "agency": "AAA", "idempotency_key": key, "digest": "d" * 64, "kind": "border-entry",
        "occurred_at": when, "country": "FR", "names": ["Jean Dupont"], "nationalities": [],
        "created_at": when, "created_by": None, "reply": {"result": "no-hit", "hits": []},
    }  # fmt: skip


@contextmanager
def _traced(store: Store, path: Path) -> Iterator[list[str]]:
    """The messages the client sends on the connection of the first ``store.begin()`` in
    the block, to its end (its commit included, the sealing after it not): their kind
    (``Query``, ``Parse`` …) and, for a simple query, the start of its text."""
    sent: list[str] = []
    original = store.begin

    @contextmanager
    def begin() -> Iterator[Any]:
        store.begin = original  # type: ignore[method-assign]  # the first one only
        with path.open("w") as out:
            pgconn = None
            try:
                with original() as session:
                    pgconn = session.conn.connection.dbapi_connection.pgconn
                    pgconn.trace(out.fileno())
                    yield session
            finally:
                if pgconn is not None:
                    pgconn.untrace()

    store.begin = begin  # type: ignore[method-assign]
    try:
        yield sent
    finally:
        store.begin = original  # type: ignore[method-assign]
        for line in path.read_text().splitlines() if path.exists() else []:
            parts = line.split("\t")
            if len(parts) > 3 and parts[1] == "F":
                sent.append(parts[3] + (" " + parts[4].strip() if parts[3] == "Query" else ""))


def _postgres_only(store: Store) -> None:
    if store.dialect != "postgresql":
        pytest.skip("SQLite's write transactions start with BEGIN IMMEDIATE")
    with store.begin() as session:
        session.accounts.insert_agency(
            Agency(code="AAA", name="Agency AAA", created_at=datetime.now(UTC))
        )


def _count(store: Store, table: Any) -> int:
    with store.engine.connect() as conn:  # another connection
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _autocommit(store: Store) -> list[bool]:
    """Whether each idle connection of the pool's is in the driver's autocommit."""
    found = []
    with store.engine.connect() as conn:
        found.append(bool(conn.connection.dbapi_connection.autocommit))  # type: ignore[union-attr]
    return found


def test_a_screening_like_transaction_takes_two_round_trips(store: Store, tmp_path: Path) -> None:
    """The change feed's read, then the audit event with BEGIN and COMMIT: two round trips
    (three when the driver sent its own BEGIN before the read); the event is committed."""
    _postgres_only(store)
    pending = _count(store, audit_intake)
    with _traced(store, tmp_path / "trace") as sent, store.begin() as session:
        assert session.changes.window_and_hit_threshold(0, "AAA")[1] is None
        session.audit.record(ACTOR, "test.screen", ["subject:1"])
    queries = [m for m in sent if m.startswith("Query")]  # the sealing's follow the commit
    first = sent.index(queries[0])
    assert first > 0 and {"Bind", "Execute"} <= set(sent[:first])  # the read, no BEGIN
    assert queries[0].startswith('Query "BEGIN; INSERT INTO audit_intake')
    assert queries[0].endswith('; COMMIT"')
    assert _count(store, audit_intake) in (pending + 1, 0)  # committed (or sealed already)
    assert _autocommit(store) == [False]


def test_a_movement_like_transaction_sends_its_begin_with_the_insert(
    store: Store, tmp_path: Path
) -> None:
    """The change feed's read, the movement's insert with the BEGIN in one simple query,
    then the audit event with the COMMIT: three round trips, both rows committed."""
    _postgres_only(store)
    with _traced(store, tmp_path / "trace") as sent, store.begin() as session:
        session.changes.window_and_intake(0, "AAA", "k-1")
        (movement_id,) = session.movements.insert_many([_movement("k-1")])
        session.audit.record(ACTOR, "movement.report", [f"movement:{movement_id}"])
    queries = [m for m in sent if m.startswith("Query")]  # the sealing's follow the commit
    first = sent.index(queries[0])
    assert first > 0 and {"Bind", "Execute"} <= set(sent[:first])  # the read, no BEGIN
    assert sent[first + 1] == queries[1]  # nothing between the insert and the commit
    assert queries[0].startswith('Query "BEGIN; INSERT INTO movements')
    assert queries[1].startswith('Query "INSERT INTO audit_intake')
    assert queries[1].endswith('; COMMIT"')
    assert _count(store, movements) == 1
    assert _autocommit(store) == [False]


def test_a_failed_write_after_an_opening_one_commits_neither(store: Store) -> None:
    """The first insert sent its own BEGIN; the second fails (the same idempotency key):
    the transaction rolls back whole, its audit event with it, and the connection's next
    transaction is one transaction again (its failure leaves nothing either)."""
    _postgres_only(store)
    pending = _count(store, audit_intake)
    with pytest.raises(Conflict), store.begin() as session:
        session.changes.window_and_intake(0, "AAA", "k-2")
        session.movements.insert_many([_movement("k-2")])
        session.audit.record(ACTOR, "movement.report", ["movement:1"])
        session.movements.insert_many([_movement("k-2")])
    assert _count(store, movements) == 0
    assert _count(store, audit_intake) == pending
    assert _autocommit(store) == [False]
    # the same pooled connection: an insert through SQLAlchemy, then a failing one
    with pytest.raises(Conflict), store.begin() as session:
        session.accounts.insert_agency(Agency(code="BBB", name="B", created_at=datetime.now(UTC)))
        session.movements.insert_many([_movement("k-3"), _movement("k-3")])
    with store.engine.connect() as conn:
        assert conn.execute(select(agencies.c.code).where(agencies.c.code == "BBB")).all() == []
    assert _count(store, movements) == 0


def test_a_read_before_the_begin_then_a_failure_leaves_nothing(store: Store) -> None:
    """A transaction that read before its BEGIN and then failed (after a write through
    SQLAlchemy, whose BEGIN the driver sent) leaves nothing written."""
    _postgres_only(store)
    with pytest.raises(RuntimeError), store.begin() as session:
        session.changes.window(0)
        session.accounts.insert_agency(Agency(code="CCC", name="C", created_at=datetime.now(UTC)))
        raise RuntimeError("the caller fails")
    with store.engine.connect() as conn:
        assert conn.execute(select(agencies.c.code).where(agencies.c.code == "CCC")).all() == []
    assert _autocommit(store) == [False]


def test_a_connection_kept_for_several_transactions_keeps_each_one_whole(store: Store) -> None:
    """Outside ``Store.begin`` (a connection kept for several transactions), a first write
    is begun by the driver as before: a later transaction on the connection that fails
    leaves nothing, though an earlier one began with a ``Direct`` write."""
    _postgres_only(store)
    from sqlalchemy import bindparam, insert

    from ictd.store.direct import Direct

    add = Direct(insert(audit_intake).values(
        {c.name: bindparam(c.name) for c in audit_intake.c if c.name != "id"}))  # fmt: skip
    row = {"ts": "2026-12-08T00:00:00", "actor": "t", "agency": None, "action": "x",
           "purpose": None, "targets": "[]", "detail": "{}"}  # fmt: skip
    pending = _count(store, audit_intake)
    with store.engine.connect() as conn:
        with conn.begin():
            add.execute(conn, row)
        with pytest.raises(RuntimeError), conn.begin():
            conn.execute(insert(audit_intake).values(**row))
            raise RuntimeError("the caller fails")
        assert not conn.connection.dbapi_connection.autocommit  # type: ignore[union-attr]
    assert _count(store, audit_intake) == pending + 1
    with store.engine.begin() as conn:
        conn.execute(audit_intake.delete().where(audit_intake.c.actor == "t"))
