"""The PostgreSQL engine's liveness check: a pooled connection is pinged at check-out only
after lying idle (``ictd.store.engine.PING_AFTER_IDLE``), and the store recovers from
connections the server closed, as after a restart (here: the backend terminated with
``pg_terminate_backend``, which a client sees exactly as a restart: the socket closed by
the server)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, event, text

from ictd.exc import StoreError
from ictd.store import Store
from ictd.store.engine import make_engine
from tests.conftest import PG_ADMIN_URL

IDLE = 0.2


@pytest.fixture
def pg(pg_url: str) -> Iterator[Store]:
    """A store of its own on the session's PostgreSQL database (its own pool), pinging
    connections idle for ``IDLE`` seconds."""
    store = Store(pg_url, engine=make_engine(pg_url, ping_after_idle=IDLE))
    yield store
    store.dispose()


def _backend(store: Store) -> int:
    with store.begin() as session:
        return int(session.conn.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _terminate(pid: int) -> None:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            assert conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid}).scalar()
            for _ in range(100):  # wait until the backend is gone
                gone = conn.execute(
                    text("SELECT count(*) FROM pg_stat_activity WHERE pid = :p"), {"p": pid}
                ).scalar()
                if not gone:
                    return
                time.sleep(0.05)
    finally:
        admin.dispose()


def test_a_connection_used_a_moment_ago_is_not_pinged(pg: Store) -> None:
    first = _backend(pg)
    statements: list[str] = []

    def record(_conn: object, _cur: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(pg.engine, "before_cursor_execute", record)
    try:
        assert _backend(pg) == first  # the same pooled connection, at once
    finally:
        event.remove(pg.engine, "before_cursor_execute", record)
    assert statements == ["SELECT pg_backend_pid()"]


def test_an_idle_connection_the_server_closed_is_replaced_before_use(pg: Store) -> None:
    first = _backend(pg)
    _terminate(first)
    time.sleep(IDLE * 1.5)  # idle long enough to be pinged at check-out
    second = _backend(pg)  # no error: the ping failed, the pool connected afresh
    assert second != first


def test_a_connection_closed_within_the_idle_time_fails_once_then_the_store_recovers(
    pg: Store,
) -> None:
    store = Store(pg.url, engine=make_engine(pg.url, ping_after_idle=3600))  # never pinged
    try:
        first = _backend(store)
        _terminate(first)
        with pytest.raises(StoreError):  # the transaction that met the dead connection
            _backend(store)
        second = _backend(store)  # the pool dropped it: the next one connects afresh
        assert second != first
        with store.begin() as session:  # and writes work again
            session.conn.execute(text("SELECT 1"))
    finally:
        store.dispose()
