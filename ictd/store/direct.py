"""Statements run straight on the driver's cursor, for the few every request makes.

SQLAlchemy's ``Connection.execute`` costs about 50 µs of CPU per statement on SQLite (130 µs
on PostgreSQL) beyond the driver's own work, even for a statement built once: more than
SQLite takes to run a statement as small as the audit intake insert, which every audited
request makes.
A ``Direct`` statement is a Core statement compiled once per dialect; it runs on the DBAPI
cursor of the transaction's connection (the same transaction), with the parameters in the
compiled order. A driver error is raised as SQLAlchemy raises it (``IntegrityError``,
``OperationalError`` …, so ``Store.begin`` answers it as for any statement), and a
connection found dead is invalidated, so the pool does not hand it out again.

Parameters pass through their type's bind processor, as SQLAlchemy passes them (an aware
``UTCDateTime`` is stored naive in UTC); in ``many``, a value object shared by the rows (the
transaction's time) is processed once. Result columns are not converted, so only for
statements whose columns need no conversion (integers and text). ``many_returning``
(PostgreSQL) answers the row each run of an ``INSERT … RETURNING`` returned, in order, from
the same pipeline: a batch's ids without a second statement to read them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.elements import BindParameter

__all__ = ["Direct", "commit_with"]

_UNSEEN = object()


class _Compiled:
    __slots__ = ("defaults", "named", "order", "pick", "processors", "sql")

    def __init__(self, statement: ClauseElement, conn: Connection) -> None:
        dialect = conn.dialect
        compiled = statement.compile(dialect=dialect)
        self.sql = str(compiled)
        self.defaults = {k: v for k, v in compiled.params.items() if v is not None}
        binds: dict[str, BindParameter[Any]] = getattr(compiled, "binds", {})  # SQLCompiler
        found = {k: b.type.dialect_impl(dialect) for k, b in binds.items()}
        processors = {k: t.bind_processor(dialect) for k, t in found.items()}
        self.processors: tuple[tuple[str, Callable[[Any], Any]], ...] = tuple(
            (k, f) for k, f in processors.items() if f is not None
        )
        positions: list[str] | None = getattr(compiled, "positiontup", None)  # SQLCompiler
        self.named = positions is None
        self.order = tuple(positions or ())
        # the positional parameters out of a row's values, in C (``itemgetter`` of one key
        # answers the value, not a tuple)
        self.pick: Callable[[dict[str, Any]], Any] = (
            itemgetter(*self.order)
            if len(self.order) > 1
            else lambda v: tuple(v[k] for k in self.order)
        )


class Direct:
    """A Core statement run on the driver's cursor (see the module docstring)."""

    __slots__ = ("_by_dialect", "statement")

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._by_dialect: dict[str, _Compiled] = {}

    def _compiled(self, conn: Connection) -> _Compiled:
        name = conn.dialect.name
        found = self._by_dialect.get(name)
        if found is None:
            found = self._by_dialect[name] = _Compiled(self.statement, conn)
        return found

    def execute(self, conn: Connection, params: Mapping[str, Any]) -> Sequence[Any] | None:
        """Run the statement with ``params``; the first row when it returns rows, else None."""
        found = self._run(conn, (params,), all_rows=False)
        return found[0] if found else None

    def rows(self, conn: Connection, params: Mapping[str, Any]) -> list[Sequence[Any]]:
        """Run the statement with ``params``; every row it returns."""
        return self._run(conn, (params,), all_rows=True)

    def many(self, conn: Connection, params: Sequence[Mapping[str, Any]]) -> None:
        """Run the statement once per set of ``params`` (the driver's ``executemany``)."""
        if params:
            self._run(conn, params, all_rows=False, many=True)

    def many_returning(
        self, conn: Connection, params: Sequence[Mapping[str, Any]]
    ) -> list[Sequence[Any]]:
        """Run the statement (one that returns a row: ``INSERT … RETURNING``) once per set
        of ``params`` and answer the row of each run, in the order given. PostgreSQL
        (psycopg 3) only: its ``executemany(returning=True)`` sends the runs in one pipeline
        and keeps each run's result, so the rows are those of their own parameters."""
        return self._run(conn, params, all_rows=False, many=True, returning=True) if params else []

    def _args(
        self,
        compiled: _Compiled,
        params: Mapping[str, Any],
        done: dict[tuple[str, int], Any] | None = None,
    ) -> Any:
        """The driver's parameters of one row. ``done``: values processed already in this
        batch, by parameter and object identity (every object stays alive in the caller's
        rows while the batch is built, so an identity is not reused)."""
        values = {**compiled.defaults, **params}
        for name, process in compiled.processors:
            value = values[name]
            if done is None:
                values[name] = process(value)
                continue
            key = (name, id(value))
            found = done.get(key, _UNSEEN)
            if found is _UNSEEN:
                found = done[key] = process(value)
            values[name] = found
        return values if compiled.named else compiled.pick(values)

    def _run(self, conn: Connection, params: Sequence[Mapping[str, Any]], all_rows: bool,
             many: bool = False, returning: bool = False) -> list[Sequence[Any]]:  # fmt: skip
        compiled = self._compiled(conn)
        if many:
            done: dict[tuple[str, int], Any] = {}
            args: Any = [self._args(compiled, p, done) for p in params]
        else:
            args = self._args(compiled, params[0])
        raw = conn.connection.dbapi_connection
        assert raw is not None
        cursor = raw.cursor()
        try:
            if returning:  # psycopg 3's executemany (not in the DBAPI interface)
                cursor.executemany(compiled.sql, args, returning=True)  # type: ignore[call-arg]
                return _each_first(cursor)
            if many:
                cursor.executemany(compiled.sql, args)
                return []
            cursor.execute(compiled.sql, args)
            if cursor.description is None:
                return []
            if all_rows:
                return list(cursor.fetchall())
            first = cursor.fetchone()
            return [first] if first is not None else []
        except conn.dialect.loaded_dbapi.Error as err:
            raise _wrapped(conn, raw, cursor, err, compiled.sql, args) from err
        finally:
            cursor.close()


def _each_first(cursor: Any) -> list[Sequence[Any]]:
    """The first row of each result of a psycopg ``executemany(returning=True)``."""
    rows = []
    while True:
        row = cursor.fetchone()
        if row is None:
            raise RuntimeError("a run of the statement returned no row")
        rows.append(row)
        if not cursor.nextset():
            return rows


def _wrapped(
    conn: Connection, raw: Any, cursor: Any, err: Any, sql: str, args: Any
) -> StatementError:
    """The driver's ``err`` as SQLAlchemy raises it (a ``DBAPIError``), the connection
    invalidated first when the error says it is lost."""
    dead = conn.dialect.is_disconnect(err, raw, cursor)
    if dead:
        conn.invalidate(err)
    error: StatementError = DBAPIError.instance(
        sql,
        args,
        err,
        conn.dialect.loaded_dbapi.Error,
        connection_invalidated=dead,
        dialect=conn.dialect,
    )
    return error


def commit_with(conn: Connection, sql: str, params: Sequence[Any]) -> None:
    """Run ``sql`` (``%s`` placeholders) and then ``COMMIT`` the transaction, in one round
    trip: psycopg's client-side binding (``ClientCursor``: each value quoted by the driver
    as a literal) and one simple-protocol query of both statements. PostgreSQL (psycopg 3)
    only.

    The server runs them in order: when the statement fails, the ``COMMIT`` does not run
    and the transaction is left failed, to be rolled back as for any failed statement; when
    the ``COMMIT`` fails, the transaction is rolled back. Either way the error is raised as
    SQLAlchemy raises it. After it the driver's connection is out of its transaction, so the
    ``COMMIT`` that SQLAlchemy then asks of it sends nothing.
    """
    from psycopg import ClientCursor  # the driver of PostgreSQL: an optional dependency

    raw = conn.connection.dbapi_connection
    assert raw is not None
    statement = f"{sql}; COMMIT"
    cursor = ClientCursor(raw)  # type: ignore[call-overload]  # a psycopg connection here
    try:
        cursor.execute(statement, params, prepare=False)
    except conn.dialect.loaded_dbapi.Error as err:
        raise _wrapped(conn, raw, cursor, err, statement, params) from err
    finally:
        cursor.close()
