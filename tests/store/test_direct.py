"""Statements on the driver's cursor (``ictd.store.direct``), on both databases: a movement
inserted alone (``Direct``, its times through their type's bind processor) is stored as one
inserted with others (SQLAlchemy's ``execute``), and reads back the same."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy.exc import StatementError

from ictd.registry import accounts
from ictd.security.actor import Actor
from ictd.store import Store
from ictd.store.engine import make_engine


def _row(key: str, when: datetime) -> dict[str, Any]:
    return {
        "agency": "AAA",
        "idempotency_key": key,
        "digest": "d" * 64,
        "kind": "border-entry",
        "occurred_at": when,
        "country": "FR",
        "names": ["Jean Dupont"],
        "nationalities": ["SA", "FR"],
        "created_at": when + timedelta(minutes=1),
        "created_by": None,
        "reply": {"result": "no-hit", "hits": []},
    }


def test_a_movement_inserted_alone_is_stored_as_one_inserted_with_others(store: Store) -> None:
    accounts.create_agency(store, Actor.system("tests"), "AAA", "Agency AAA")
    east = timezone(timedelta(hours=3))
    when = datetime(2026, 11, 28, 11, 30, 15, 250000, tzinfo=east)  # stored in UTC
    with store.begin() as session:
        (alone,) = session.movements.insert_many([_row("alone", when)])
        together = session.movements.insert_many([_row("with-1", when), _row("with-2", when)])
    assert alone < together[0] < together[1]
    with store.read() as session:
        found = session.movements.by_keys("AAA", ["alone", "with-1"])
    one, other = found["alone"], found["with-1"]
    assert one.occurred_at == other.occurred_at == when
    assert one.occurred_at.tzinfo == UTC and one.created_at == when + timedelta(minutes=1)
    assert one.names == other.names == ("Jean Dupont",)
    assert one.nationalities == other.nationalities == ("SA", "FR")
    assert one.reply == other.reply == {"result": "no-hit", "hits": []}
    assert (one.country, one.point_of_entry, one.created_by) == ("FR", None, None)


def test_a_naive_time_is_refused_alone_as_with_others(store: Store) -> None:
    accounts.create_agency(store, Actor.system("tests"), "AAA", "Agency AAA")
    naive = datetime(2026, 11, 28, 11, 30)  # the case refused
    for rows in ([_row("a", naive)], [_row("b", naive), _row("c", naive)]):
        refused = pytest.raises((ValueError, StatementError), match="timezone-aware")
        with refused, store.begin() as session:
            session.movements.insert_many(rows)
    with store.read() as session:
        assert session.movements.by_keys("AAA", ["a", "b", "c"]) == {}


def test_every_row_and_many_parameter_sets_on_the_driver_cursor(store: Store) -> None:
    from sqlalchemy import bindparam, delete, insert, select

    from ictd.store.direct import Direct
    from ictd.store.tables import audit_intake

    add = Direct(insert(audit_intake).values(
        {c.name: bindparam(c.name) for c in audit_intake.c if c.name != "id"}))  # fmt: skip
    rows = [{"ts": f"2026-12-0{n}T00:00:00", "actor": "t", "agency": None, "action": "x",
             "purpose": None, "targets": "[]", "detail": "{}"} for n in (1, 2, 3)]  # fmt: skip
    some = Direct(select(audit_intake.c.id, audit_intake.c.ts)
                  .order_by(audit_intake.c.id).limit(bindparam("limit")))  # fmt: skip
    with store.begin() as session:
        add.many(session.conn, rows)
        add.many(session.conn, [])  # nothing to run
        found = some.rows(session.conn, {"limit": 2})
        assert [ts for _, ts in found] == ["2026-12-01T00:00:00", "2026-12-02T00:00:00"]
        gone = Direct(delete(audit_intake).where(audit_intake.c.id == bindparam("id")))
        gone.many(session.conn, [{"id": found[0][0]}, {"id": found[1][0]}])
        assert [ts for _, ts in some.rows(session.conn, {"limit": 10})] == ["2026-12-03T00:00:00"]
        assert some.rows(session.conn, {"limit": 0}) == []
        session.conn.execute(delete(audit_intake))


def test_on_postgresql_one_cursor_serves_a_connections_statements(store: Store) -> None:
    """psycopg: the statements on one connection run on one kept cursor, not a new one
    each (psycopg's cursor costs a few tens of µs to make); it answers rows and no rows as
    a new one would, goes on after a failed statement, and a dropped connection's cursor
    goes with it."""
    if store.dialect != "postgresql":
        pytest.skip("SQLite's cursors are made per statement")
    from sqlalchemy import bindparam, insert, select, text, update

    from ictd.store.direct import Direct
    from ictd.store.tables import audit_intake

    add = Direct(insert(audit_intake).values(
        {c.name: bindparam(c.name) for c in audit_intake.c if c.name != "id"}))  # fmt: skip
    row = {"ts": "2026-12-01T00:00:00", "actor": "t", "agency": None, "action": "x",
           "purpose": None, "targets": "[]", "detail": "{}"}  # fmt: skip
    rename = Direct(update(audit_intake).values(actor=bindparam("actor")))
    count = Direct(select(text("count(*)")).select_from(audit_intake))
    bad = Direct(select(text("1 / 0")))
    made: list[object] = []
    engine = make_engine(store.url)  # a pool of its own: nothing kept from other tests
    with engine.connect() as conn:
        raw: Any = conn.connection.dbapi_connection
        make = raw.cursor
        raw.cursor = lambda *a, **k: made.append(1) or make(*a, **k)
        try:
            for _ in range(3):
                with conn.begin():
                    assert add.execute(conn, row) is not None  # its id (RETURNING)
                    assert rename.execute(conn, {"actor": "u"}) is None  # no rows
                    assert count.execute(conn, {}) is not None
            with pytest.raises(StatementError), conn.begin():
                bad.execute(conn, {})
            with conn.begin():
                assert count.rows(conn, {}) == [(3,)]
        finally:
            raw.cursor = make
        assert len(made) == 1
        conn.invalidate()
        with conn.begin():
            assert count.execute(conn, {}) == (3,)
        with conn.begin():
            conn.execute(audit_intake.delete())
    engine.dispose()


def test_on_postgresql_one_client_cursor_serves_a_connections_commits(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """psycopg: ``commit_with`` (every audited request's last round trip) runs on one kept
    ``ClientCursor`` per connection, and each of its transactions commits."""
    if store.dialect != "postgresql":
        pytest.skip("PostgreSQL only")
    import psycopg
    from sqlalchemy import func, select

    from ictd.store.direct import commit_with
    from ictd.store.tables import audit_intake

    made: list[object] = []

    class Counted(psycopg.ClientCursor):  # type: ignore[type-arg]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            made.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(psycopg, "ClientCursor", Counted)
    sql = (
        "INSERT INTO audit_intake (ts, actor, action, targets, detail) VALUES (%s, %s, %s, %s, %s)"
    )
    engine = make_engine(store.url)  # a pool of its own: nothing kept from other tests
    with engine.connect() as conn:
        for n in range(4):
            with conn.begin():
                commit_with(conn, sql, [f"2026-12-0{n + 1}", "t", "x", "[]", "{}"])
        assert len(made) == 1
    engine.dispose()
    with store.engine.connect() as other:
        assert other.execute(select(func.count()).select_from(audit_intake)).scalar() == 4
        other.execute(audit_intake.delete())
        other.commit()
