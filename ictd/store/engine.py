"""Engine creation: every dialect-specific setting lives here.

SQLite runs in WAL mode with foreign keys on, and every writing transaction starts with
``BEGIN IMMEDIATE`` so writers queue for the lock instead of failing mid-transaction;
read-only transactions (``Store.read``) start with a plain ``BEGIN``.
PostgreSQL uses psycopg 3. A pooled connection is checked for life (``SELECT 1``) when it
is checked out after lying idle for ``PING_AFTER_IDLE`` seconds or more, not on every
check-out (a round trip per request): a connection used within the last second is taken
as alive. One that died all the same (a database restarted in under that second, a
backend terminated) fails the statement that uses it: the transaction rolls back and is
answered as a ``StoreError``, and SQLAlchemy then drops that connection and every other
one made before it, so the next transaction connects afresh.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError

from ictd.store.direct import Direct, checked_in

__all__ = ["PING_AFTER_IDLE", "make_engine", "normalize_url"]

PING_AFTER_IDLE = 1.0
"""Seconds a pooled PostgreSQL connection may lie idle and still be used without a ping."""


def normalize_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` and use the psycopg 3 driver for them."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str, *, ping_after_idle: float = PING_AFTER_IDLE, **kwargs: Any) -> Engine:
    """The engine for ``url``; ``ping_after_idle``: see ``PING_AFTER_IDLE`` (PostgreSQL)."""
    url = normalize_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        _configure_sqlite(engine)
        return engine
    engine = create_engine(url, **kwargs)
    _ping_when_idle(engine, ping_after_idle)
    return engine


def _ping_when_idle(engine: Engine, idle: float) -> None:
    """Ping a pooled connection at check-out when it was idle ``idle`` seconds or more; a
    failed ping makes the pool drop it and check out another (or connect)."""

    @event.listens_for(engine, "checkin")
    def _on_checkin(dbapi_conn: Any, record: Any) -> None:
        record.info["ictd_idle_since"] = time.monotonic()
        if dbapi_conn is not None:
            checked_in(dbapi_conn, record.info)  # its own BEGIN's autocommit ends here

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.pop("ictd_idle_since", None)
        if since is None or time.monotonic() - since < idle:
            return  # fresh from connect, or used a moment ago
        try:
            engine.dialect.do_ping(dbapi_conn)
        except engine.dialect.loaded_dbapi.Error as err:
            raise DisconnectionError(f"a pooled connection failed its ping: {err}") from err


_BEGIN = Direct(text("BEGIN"))
_BEGIN_IMMEDIATE = Direct(text("BEGIN IMMEDIATE"))


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        # in WAL mode: a commit survives a crash of the process, not a power loss (the
        # last commits may be lost, the file stays consistent); docs/deployment.md
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # readers (Store.read) take no write lock, so WAL lets them run beside a writer;
        # on the driver's cursor (``Direct``): every transaction starts here
        read_only = conn.get_execution_options().get("ictd_read_only", False)
        (_BEGIN if read_only else _BEGIN_IMMEDIATE).execute(conn, {})
