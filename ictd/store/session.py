"""The store: one engine, transactions, and the row methods of every table."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

import ictd.store.tables_graph  # registers the resolution tables on metadata
import ictd.store.tables_web  # noqa: F401  (web console sessions)
from ictd.exc import Conflict, StoreError
from ictd.store import migrate
from ictd.store.accounts import AccountRows
from ictd.store.alerts import AlertRows
from ictd.store.audit import AuditRows
from ictd.store.engine import make_engine
from ictd.store.graph import GraphRows
from ictd.store.listings import ListingRows
from ictd.store.resolve import ResolveRows
from ictd.store.screening import ScreeningRows
from ictd.store.sources import SourceRows
from ictd.store.subjects import SubjectRows
from ictd.store.tables import metadata
from ictd.store.web import WebSessionRows

__all__ = ["Session", "Store"]


class Session(
    AccountRows,
    SubjectRows,
    ListingRows,
    AuditRows,
    SourceRows,
    ScreeningRows,
    GraphRows,
    ResolveRows,
    AlertRows,
    WebSessionRows,
):
    """One transaction. Row methods live in the mixins, one per family of tables."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    @property
    def dialect(self) -> str:
        return self.conn.dialect.name


class Store:
    """The database behind ICTD: SQLite (embedded default) or PostgreSQL."""

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        self._reader = self.engine.execution_options(ictd_read_only=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def init(self) -> None:
        """Create or upgrade the schema to the newest migration."""
        migrate.upgrade(self.engine)

    def is_ready(self) -> bool:
        try:
            return migrate.current_revision(self.engine) == migrate.head_revision()
        except (OperationalError, ProgrammingError):
            return False

    def check_ready(self) -> None:
        if not self.is_ready():
            raise StoreError("the database is not initialised or not up to date: run `ictd init`")

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on any exception."""
        try:
            with self.engine.begin() as conn:
                yield Session(conn)
        except IntegrityError as err:
            raise Conflict("the change conflicts with existing data", str(err.orig)) from err
        except OperationalError as err:
            raise StoreError("the database failed", type(err.orig).__name__) from err

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only transaction: on SQLite it does not wait for, or block, writers."""
        try:
            with self._reader.begin() as conn:
                yield Session(conn)
        except OperationalError as err:
            raise StoreError("the database failed", type(err.orig).__name__) from err

    def truncate_all(self) -> None:
        """Empty every table and restart ids at 1 (tests start from a clean store).

        DELETE rather than TRUNCATE: on the small tables of a test it is far quicker.
        """
        with self.engine.begin() as conn:
            for table in reversed(metadata.sorted_tables):
                conn.execute(table.delete())
            if self.dialect != "postgresql":
                return
            for table in metadata.sorted_tables:
                for column in table.primary_key.columns:
                    if column.autoincrement is True:
                        conn.execute(
                            text("SELECT setval(pg_get_serial_sequence(:t, :c), 1, false)"),
                            {"t": table.name, "c": column.name},
                        )

    def dispose(self) -> None:
        self.engine.dispose()
