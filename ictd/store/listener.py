"""Cross-process wake-ups: a PostgreSQL connection that LISTENs for committed alert events."""

from __future__ import annotations

import contextlib
from typing import Any

from sqlalchemy import Engine

from ictd.store.alerts import EVENTS_CHANNEL

__all__ = ["EventListener"]


class EventListener:
    """A dedicated PostgreSQL connection that LISTENs on ``EVENTS_CHANNEL``: ``wait`` returns
    as soon as a transaction that appended alert events commits, in any process.

    ``open`` gives None on other databases (SQLite has no such signal: poll the head row).
    """

    def __init__(self, engine: Engine) -> None:
        self._conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            self._conn.exec_driver_sql(f"LISTEN {EVENTS_CHANNEL}")
        except Exception:
            self.close()
            raise
        self._driver: Any = self._conn.connection.driver_connection  # psycopg.Connection

    @classmethod
    def open(cls, engine: Engine) -> EventListener | None:
        return cls(engine) if engine.dialect.name == "postgresql" else None

    def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds; True when events were committed meanwhile."""
        got = False
        for _ in self._driver.notifies(timeout=timeout, stop_after=1):
            got = True
        return got

    def close(self) -> None:
        """Close the connection for good (a listening connection never goes back to the pool)."""
        with contextlib.suppress(Exception):  # it may be broken already: that is why we close
            self._conn.invalidate()
            self._conn.close()
