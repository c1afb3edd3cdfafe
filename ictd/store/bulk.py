"""The bulk loader: large loads into the core tables (benchmarks, test graphs).

Rows are streamed (``COPY`` on PostgreSQL, one prepared ``executemany`` on SQLite); the
secondary indexes can be dropped for the load and built again after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Engine, bindparam, insert, text
from sqlalchemy.exc import DBAPIError

from ictd.store.repository import Repository
from ictd.store.tables import listings, relations, statements, subjects

__all__ = ["BULK_TABLES", "BulkLoader", "vacuum_analyze"]


class BulkLoader(Repository):
    """Bulk writes into ``BULK_TABLES``, index deferral, and cache sizing for big loads."""

    __slots__ = ()
    READS = frozenset({"index_ddl"})

    def insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Insert many rows of a core table at once (test graphs)."""
        if rows:
            self.conn.execute(insert(BULK_TABLES[table]), rows)

    def load_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Append ``rows`` (tuples in ``columns`` order) to a core table in one streamed pass:
        one prepared INSERT run by ``executemany`` on SQLite, ``COPY … FROM STDIN`` on
        PostgreSQL. Values go through the columns' types (aware datetimes are stored as naive
        UTC), so the rows are those the product writes. Returns the number of rows."""
        cols = [BULK_TABLES[table].c[name] for name in columns]
        dialect = self.conn.dialect
        ready = _bind(cols, dialect)
        quote = dialect.identifier_preparer.quote
        names = ", ".join(quote(c.name) for c in cols)
        raw: Any = self.conn.connection.dbapi_connection
        counted = _Counter(map(ready, rows))
        if dialect.name == "postgresql":
            sql = f"COPY {quote(table)} ({names}) FROM STDIN"
        else:
            sql = f"INSERT INTO {quote(table)} ({names}) VALUES ({', '.join('?' for _ in cols)})"
        try:
            if dialect.name == "postgresql":
                with raw.cursor() as cur, cur.copy(sql) as copy:
                    for row in counted:
                        copy.write_row(row)
            else:
                cur = raw.cursor()
                try:
                    cur.executemany(sql, counted)
                finally:
                    cur.close()
        except dialect.loaded_dbapi.Error as err:  # as SQLAlchemy would raise it
            raise DBAPIError.instance(sql, None, err, dialect.loaded_dbapi.Error) from err
        return counted.count

    def index_ddl(self, tables: Sequence[str]) -> list[tuple[str, str, str]]:
        """``(table, name, definition)`` of the secondary indexes of these tables (not those of
        primary keys or unique constraints), and on PostgreSQL of their foreign keys (name
        prefixed ``fk:``), sorted: what ``defer_indexes`` drops and ``restore_indexes`` puts
        back, as the migrations made them."""
        params = {"t": list(tables)}
        if self.conn.dialect.name == "postgresql":
            rows: list[tuple[Any, ...]] = [tuple(r) for r in self.conn.execute(_PG_INDEXES, params)]
            rows += [(t, f"fk:{n}", d) for t, n, d in self.conn.execute(_PG_FKS, params)]
        else:
            rows = [tuple(r) for r in self.conn.execute(_SQLITE_INDEXES, params)]
        found = [(str(t), str(n), str(d)) for t, n, d in rows]
        return sorted(found)

    def defer_indexes(self, tables: Sequence[str]) -> list[tuple[str, str, str]]:
        """Drop the secondary indexes (and, on PostgreSQL, the foreign keys) of these tables
        for a bulk load into them, in this transaction; return what ``restore_indexes`` needs.
        Primary keys stay. SQLite keeps checking foreign keys while loading (a primary-key
        probe per row); PostgreSQL validates them again, in one pass, when they come back."""
        found = self.index_ddl(tables)
        quote = self.conn.dialect.identifier_preparer.quote
        for table, name, _ddl in sorted(found, key=lambda x: not x[1].startswith("fk:")):
            if name.startswith("fk:"):
                self.conn.exec_driver_sql(
                    f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name[3:])}"
                )
            else:
                self.conn.exec_driver_sql(f"DROP INDEX {quote(name)}")
        return found

    def restore_indexes(self, found: Sequence[tuple[str, str, str]]) -> None:
        """Create again what ``defer_indexes`` dropped: indexes first, then foreign keys."""
        quote = self.conn.dialect.identifier_preparer.quote
        if self.conn.dialect.name == "postgresql":  # sort in memory, not on disk
            self.conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
        for table, name, ddl in sorted(found, key=lambda x: x[1].startswith("fk:")):
            if name.startswith("fk:"):
                self.conn.exec_driver_sql(
                    f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name[3:])} {ddl}"
                )
            else:
                self.conn.exec_driver_sql(ddl)

    def cache(self, megabytes: int) -> None:
        """SQLite: let this connection's page cache grow to ``megabytes`` (loads, index builds);
        ``0`` puts the default back. PostgreSQL: nothing (the server's memory is its own)."""
        if self.conn.dialect.name == "sqlite":
            size = -1024 * megabytes if megabytes else -2000
            self.conn.exec_driver_sql(f"PRAGMA cache_size = {int(size)}")

    def reset_sequences(self) -> None:
        """After bulk inserts with explicit ids (PostgreSQL): move sequences on, refresh stats."""
        if self.conn.dialect.name != "postgresql":
            return
        for table in (subjects, statements, relations, listings):
            self.conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 1))"
                )
            )
            self.conn.execute(text(f"ANALYZE {table.name}"))


BULK_TABLES = {t.name: t for t in (subjects, statements, relations, listings)}

_PG_INDEXES = text(
    """
SELECT t.relname, i.relname, pg_get_indexdef(x.indexrelid)
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = current_schema() AND t.relname IN :t AND NOT EXISTS (
  SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid
  AND k.contype IN ('p', 'u', 'x'))
"""
).bindparams(bindparam("t", expanding=True))
_SQLITE_INDEXES = text(
    "SELECT tbl_name, name, sql FROM sqlite_master "
    "WHERE type = 'index' AND tbl_name IN :t AND sql IS NOT NULL"
).bindparams(bindparam("t", expanding=True))
_PG_FKS = text(
    """
SELECT t.relname, k.conname, pg_get_constraintdef(k.oid)
FROM pg_constraint k
JOIN pg_class t ON t.oid = k.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = current_schema() AND t.relname IN :t AND k.contype = 'f'
"""
).bindparams(bindparam("t", expanding=True))


def vacuum_analyze(engine: Engine, tables: Sequence[str]) -> None:
    """PostgreSQL, after a bulk load: ``VACUUM ANALYZE`` these core tables outside any
    transaction, as autovacuum soon would. Without it the first reads of each fresh row set its
    hint bits (dirtying the page) and no index-only scan is possible. SQLite: nothing."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        quote = conn.dialect.identifier_preparer.quote
        for table in tables:
            conn.exec_driver_sql(f"VACUUM ANALYZE {quote(BULK_TABLES[table].name)}")


class _Counter:
    """Passes rows through, counting them."""

    def __init__(self, rows: Iterator[Sequence[Any]]) -> None:
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[Sequence[Any]]:
        for row in self.rows:
            self.count += 1
            yield row


def _bind(cols: Sequence[Any], dialect: Any) -> Any:
    """A function turning a row of Python values into the DB-API values of ``cols``, as
    SQLAlchemy would bind them (repeated values, such as one load time, are converted once)."""
    procs = [(i, p) for i, c in enumerate(cols) if (p := c.type.bind_processor(dialect))]
    if not procs:
        return lambda row: row
    memo: list[dict[Any, Any]] = [{} for _ in procs]

    def ready(row: Sequence[Any]) -> Sequence[Any]:
        out = list(row)
        for (i, proc), seen in zip(procs, memo, strict=True):
            value = out[i]
            if value is None:
                continue
            done = seen.get(value)
            if done is None:
                if len(seen) > 4096:
                    seen.clear()
                done = seen[value] = proc(value)
            out[i] = done
        return out

    return ready
