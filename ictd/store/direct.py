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

A statement made with ``before_begin=True`` only reads (no lock, no function with an
effect): on PostgreSQL, when it is the first of its transaction, it runs before the
``BEGIN`` (the driver in autocommit for it alone), and the ``BEGIN`` goes with the
transaction's first write: as the driver sends it before its next statement, or in the
round trip of ``commit_with`` when that is the first write. Under READ COMMITTED each
statement reads with a snapshot of its own, so such a read sees the same committed rows
before the ``BEGIN`` as after it; a request that reads the change feed and then writes
its audit event with the ``COMMIT`` makes two round trips instead of three. The ``BEGIN``
goes with a write only in a transaction that has its connection to itself
(``one_transaction``: ``Store.begin``); the driver, in autocommit from that write on so
that it sends no ``BEGIN`` of its own, leaves it at the ``COMMIT`` or when the connection
goes back to the pool (``checked_in``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.elements import BindParameter

__all__ = ["Direct", "checked_in", "commit_with", "one_transaction", "simple_results"]

_UNSEEN = object()
_OPENED = "ictd_opened"  # a connection's pool info: ``_open`` left it in autocommit
_ONE = "ictd_one_transaction"  # … and: checked out for one transaction (``one_transaction``)
_IDLE = 0  # psycopg.pq.TransactionStatus.IDLE (psycopg, PostgreSQL's driver, is optional)


class _Compiled:
    __slots__ = ("defaults", "named", "order", "pick", "processors", "sql", "writes")

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
        # an INSERT, UPDATE or DELETE (``_opening``)
        self.writes = any(getattr(compiled, k, False) for k in ("isinsert", "isupdate", "isdelete"))
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

    __slots__ = ("_by_dialect", "before_begin", "statement")

    def __init__(self, statement: ClauseElement, *, before_begin: bool = False) -> None:
        """``before_begin``: the statement only reads (module docstring)."""
        self.statement = statement
        self.before_begin = before_begin
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
        kept = _kept_cursor(conn, raw)
        if kept is not None and compiled.writes and not many and _may_open(conn, raw):
            return _opening(conn, raw, compiled.sql, args, all_rows)
        cursor = kept if kept is not None else raw.cursor()
        early = kept is not None and self.before_begin and _is_idle(raw)
        try:
            if early:
                raw.autocommit = True  # no BEGIN before this read (module docstring)
            if returning:  # psycopg 3's executemany (not in the DBAPI interface)
                cursor.executemany(compiled.sql, args, returning=True)  # type: ignore[call-arg]
                return _each_first(cursor)
            if many:
                cursor.executemany(compiled.sql, args)
                return []
            cursor.execute(compiled.sql, args)
            # psycopg builds its ``description`` anew on every look (a Column per column);
            # its ``rownumber`` says as much: None when the statement returned no rows
            if (cursor.rownumber if kept else cursor.description) is None:
                return []
            return _rows(cursor, all_rows)
        except conn.dialect.loaded_dbapi.Error as err:
            raise _wrapped(conn, raw, cursor, err, compiled.sql, args) from err
        finally:
            if early and not raw.closed:
                raw.autocommit = False  # idle still: the read ran in no transaction
            if kept is None:
                cursor.close()


def _opening(
    conn: Connection, raw: Any, sql: str, args: Any, all_rows: bool
) -> list[Sequence[Any]]:
    """psycopg: a transaction's first write when no statement has begun it (its reads ran
    before the ``BEGIN``): ``BEGIN`` and the write in one simple query, values quoted by
    the driver, rather than the driver's ``BEGIN`` and then the write, two round trips."""
    cursor = _kept_cursor(conn, raw, client=True)
    _open(conn, raw)
    try:
        cursor.execute("BEGIN; " + sql, args, prepare=False)
        cursor.nextset()  # past the BEGIN's result
        return [] if cursor.rownumber is None else _rows(cursor, all_rows)
    except conn.dialect.loaded_dbapi.Error as err:
        raise _wrapped(conn, raw, cursor, err, sql, args) from err


def _rows(cursor: Any, all_rows: bool) -> list[Sequence[Any]]:
    """The rows a statement that returned rows gave: all of them, or the first."""
    if all_rows:
        return list(cursor.fetchall())
    first = cursor.fetchone()
    return [first] if first is not None else []


def _open(conn: Connection, raw: Any) -> None:
    """psycopg: the caller sends the transaction's ``BEGIN`` itself, with its first
    statement; the driver is put in autocommit so that it sends none of its own, and stays
    so until the transaction has ended (``commit_with`` or ``checked_in``)."""
    raw.autocommit = True
    conn.connection.info[_OPENED] = True


def one_transaction(conn: Connection) -> None:
    """Mark ``conn``'s check-out as holding one transaction, which ends before the
    connection goes back to the pool (``Store.begin``): its first write may send the
    ``BEGIN`` (``_open``), as the check-in ends the autocommit that leaves
    (``checked_in``). A connection kept for several transactions is not marked: each of
    them begins as the driver begins it."""
    conn.connection.info[_ONE] = True


def checked_in(raw: Any, info: dict[Any, Any]) -> None:
    """psycopg: the driver's connection ``raw`` is back in the pool (``info``: its pool
    record's), its transaction ended: out of the autocommit ``_open`` left it in."""
    info.pop(_ONE, None)
    _leave_autocommit(raw, info)


def _leave_autocommit(raw: Any, info: dict[Any, Any]) -> None:
    if info.pop(_OPENED, False) and not raw.closed and raw.pgconn.transaction_status == _IDLE:
        raw.autocommit = False


def _may_open(conn: Connection, raw: Any) -> bool:
    """psycopg: a statement on ``raw`` would be preceded by the driver's ``BEGIN``, and
    the caller may send it instead (a check-out of one transaction, ``one_transaction``)."""
    return _is_idle(raw) and bool(conn.connection.info.get(_ONE))


def _is_idle(raw: Any) -> bool:
    """psycopg: the driver's connection ``raw`` is in no transaction and not in
    autocommit, so that its next statement would be preceded by the driver's ``BEGIN``."""
    return not raw.autocommit and raw.pgconn.transaction_status == _IDLE


def _kept_cursor(conn: Connection, raw: Any, client: bool = False) -> Any:
    """psycopg: the one cursor kept for the driver's connection ``raw`` (made on first use;
    the pool's ``info`` of a connection goes with it when it is dropped), instead of a new
    cursor per statement; a connection is used by one thread at a time, and psycopg fetches
    a statement's rows whole, so a cursor holds nothing between statements. ``client``: a
    ``ClientCursor`` (values quoted by the driver), kept beside the other. None on SQLite,
    whose cursor leaves a statement not read to its end open until closed."""
    if conn.dialect.driver != "psycopg":
        return None
    info, key = conn.connection.info, "ictd_client_cursor" if client else "ictd_cursor"
    kept = info.get(key)
    if kept is None or kept.connection is not raw or kept.closed:
        if client:
            from psycopg import ClientCursor  # the driver of PostgreSQL: optional

            kept = info[key] = ClientCursor(raw)
        else:
            kept = info[key] = raw.cursor()
    return kept


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


def simple_results(
    conn: Connection, statements: Sequence[Direct], params: Mapping[str, Any]
) -> list[list[Sequence[Any]]]:
    """Run ``statements`` one after another in one round trip and return each one's rows:
    one simple-protocol query of them all, each value quoted by the driver as a literal
    (psycopg's ``ClientCursor``, as ``commit_with``). PostgreSQL (psycopg 3) only.

    The server runs them in order, each with a snapshot of its own (READ COMMITTED), as
    if sent one by one: a statement that waits for a lock (``FOR UPDATE``) is followed by
    ones that see what was committed before the lock was granted. When one fails, the
    ones after it do not run and the transaction is left failed; the error is raised as
    SQLAlchemy raises it. ``params``: the named parameters of them all. When no statement
    has begun the transaction yet, its ``BEGIN`` goes first in the same round trip.
    """
    compiled = [s._compiled(conn) for s in statements]
    assert all(c.named for c in compiled)  # psycopg's paramstyle: %(name)s
    values: dict[str, Any] = {}
    for direct, each in zip(statements, compiled, strict=True):
        values.update(direct._args(each, params))  # through the bind processors
    statement = "; ".join(c.sql for c in compiled)
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cursor = _kept_cursor(conn, raw, client=True)
    opening = _may_open(conn, raw)  # nothing has begun the transaction: its BEGIN first
    if opening:
        _open(conn, raw)
        statement = "BEGIN; " + statement
    try:
        cursor.execute(statement, values, prepare=False)
        if opening:
            cursor.nextset()  # past the BEGIN's result
        found: list[list[Sequence[Any]]] = []
        while True:
            found.append(list(cursor.fetchall()) if cursor.rownumber is not None else [])
            if not cursor.nextset():
                return found
    except conn.dialect.loaded_dbapi.Error as err:
        raise _wrapped(conn, raw, cursor, err, statement, values) from err


def commit_with(conn: Connection, sql: str, params: Sequence[Any]) -> None:
    """Run ``sql`` (``%s`` placeholders, no other ``%``) and then ``COMMIT`` the
    transaction, in one round trip: each value quoted by the driver as a literal (psycopg's
    ``Transformer.as_literal``, as its ``ClientCursor`` quotes) and one simple-protocol
    query of both statements. PostgreSQL (psycopg 3) only.

    The placeholders are filled here, not by the cursor: psycopg parses a query's
    placeholders again on every call once it has more than 50 values (it caches smaller
    ones), which a sealing transaction's rows exceed.

    The server runs them in order: when the statement fails, the ``COMMIT`` does not run
    and the transaction is left failed, to be rolled back as for any failed statement; when
    the ``COMMIT`` fails, the transaction is rolled back. Either way the error is raised as
    SQLAlchemy raises it. After it the driver's connection is out of its transaction, so the
    ``COMMIT`` that SQLAlchemy then asks of it sends nothing. When no transaction is open
    yet on the driver's connection (its statements so far ran before the ``BEGIN``,
    ``Direct(…, before_begin=True)``), the ``BEGIN`` goes in the same round trip.
    """
    from psycopg.adapt import Transformer  # the driver of PostgreSQL: optional

    raw = conn.connection.dbapi_connection
    assert raw is not None
    pieces = sql.encode().split(b"%s")
    if len(pieces) != len(params) + 1:
        raise ValueError(f"{len(pieces) - 1} placeholders for {len(params)} values")
    quote = Transformer.from_context(raw).as_literal  # type: ignore[arg-type]  # psycopg's
    text = [pieces[0]]
    for value, piece in zip(params, pieces[1:], strict=True):
        text.append(b"NULL" if value is None else quote(value))
        text.append(piece)
    statement = b"".join(text) + b"; COMMIT"
    cursor = _kept_cursor(conn, raw, client=True)
    if _may_open(conn, raw):  # nothing has begun the transaction: its BEGIN goes too
        _open(conn, raw)
        statement = b"BEGIN; " + statement
    try:
        cursor.execute(statement, None, prepare=False)  # no parameters: sent as it is
    except conn.dialect.loaded_dbapi.Error as err:
        raise _wrapped(conn, raw, cursor, err, f"{sql}; COMMIT", params) from err
    _leave_autocommit(raw, conn.connection.info)  # committed: the driver is idle again
