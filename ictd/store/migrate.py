"""Schema migrations with Alembic, run in-process on the store's engine.

SQLite alters a table by building a new one and renaming it into place; while it does, the
rows of other tables point at a table that is being dropped. As SQLite's documentation
prescribes, migrations therefore run with foreign-key enforcement off on SQLite, and every
key is checked (``PRAGMA foreign_key_check``) before they commit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from ictd.exc import StoreError

__all__ = ["current_revision", "downgrade", "head_revision", "upgrade"]

MIGRATIONS = Path(__file__).parent / "migrations"


def _config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """A transaction to migrate in; on SQLite with foreign keys checked at its end only."""
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            _outside_transaction(conn, "PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                yield conn
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all() if sqlite else []
                if broken:
                    raise StoreError("a migration broke foreign keys", [list(r) for r in broken])
        finally:
            if sqlite:
                _outside_transaction(conn, "PRAGMA foreign_keys=ON")


def _outside_transaction(conn: Connection, sql: str) -> None:
    """Run ``sql`` on the driver's connection, before SQLAlchemy begins a transaction (SQLite
    ignores ``PRAGMA foreign_keys`` inside one)."""
    raw: Any = conn.connection.dbapi_connection
    raw.execute(sql)


def _run(engine: Engine, step: Callable[[Config], None]) -> None:
    cfg = _config(engine)
    with _migrating(engine) as conn:
        cfg.attributes["connection"] = conn
        step(cfg)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` (default: the newest)."""
    _run(engine, lambda cfg: command.upgrade(cfg, revision))


def downgrade(engine: Engine, revision: str = "base") -> None:
    _run(engine, lambda cfg: command.downgrade(cfg, revision))


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head()
