"""Rows for the relation graph: one hop of visible steps, edge provenance, labels, bulk loads.

``graph_steps`` answers a breadth-first hop in two set-based queries (relations, shared values),
the access rule in SQL (``visible_to``, twin of ``ictd.security.policy.can_read_subject``).
Only ids travel; the provenance of the edges a query keeps is loaded afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Date,
    Engine,
    Executable,
    and_,
    bindparam,
    exists,
    func,
    insert,
    or_,
    select,
    text,
    true,
    union_all,
)
from sqlalchemy.exc import DBAPIError

from ictd.model import Relation
from ictd.store.listings import relation_from_row
from ictd.store.subjects import visible_to
from ictd.store.tables import listings, relations, statements, subjects

__all__ = ["GraphRows", "GraphStep", "vacuum_analyze"]

CHUNK = 900


@dataclass(frozen=True, slots=True)
class GraphStep:
    """A visible step from ``here`` to ``there`` over ``edge`` (``r<relation id>`` or
    ``s<low statement id>-<high statement id>``); ``listed``: ``there`` has a listing in force."""

    edge: str
    here: int
    there: int
    listed: bool
    relation: int | None = None
    statements: tuple[int, int] | None = None  # (here's, there's) for a shared value
    prop: str | None = None


def _chunks(ids: Sequence[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


IDS: BindParameter[Any] = bindparam("ids", expanding=True)
TODAY: BindParameter[date] = bindparam("today", type_=Date)


def _in_force(of: ColumnElement[Any] = subjects.c.id, probe: bool = False) -> ColumnElement[bool]:
    """SQL: subject ``of`` has a listing in force on ``:today`` (``Listing.is_in_force``).

    ``probe`` (PostgreSQL): ``OFFSET 0`` keeps the planner from hashing every listing in force
    at each hop (a cost that grows with the listings of the whole store): the subject-id index
    of listings is probed for the rows of the hop instead."""
    found = select(listings.c.id).where(
        listings.c.subject_id == of,
        listings.c.status == "active",
        or_(listings.c.valid_from.is_(None), listings.c.valid_from <= TODAY),
        or_(listings.c.valid_until.is_(None), listings.c.valid_until >= TODAY),
    )
    return (found.offset(0) if probe else found).exists()


def _readable(agency: str | None) -> ColumnElement[bool]:
    """SQL: ``subjects`` is live and readable by ``agency`` (``None``: the operator, all)."""
    live = subjects.c.deleted_at.is_(None)
    return live if agency is None else and_(live, visible_to(agency))


@cache
def _relation_steps(agency: str | None, listed: bool, probe: bool = False) -> Executable:
    """Live relations from ``:ids`` to readable subjects, stated by a source, ``agency`` or an
    end's owner (the frontier end's probed per row: a join hashes all subjects on PostgreSQL)."""
    r, near = relations, subjects.alias("near")
    parts = []
    for here, there in ((r.c.source_id, r.c.target_id), (r.c.target_id, r.c.source_id)):
        # tested on the relation's far end, so that only listed ends are joined to subjects
        ends = _in_force(there, probe) if listed else true()
        seen: ColumnElement[bool] = true()
        if agency is not None:
            by_near = exists().where(near.c.id == here, near.c.agency == r.c.agency)
            seen = or_(r.c.agency.is_(None), r.c.agency.in_([agency, subjects.c.agency]), by_near)
        wanted = (here.in_(IDS), r.c.retracted_at.is_(None), _readable(agency), seen, ends)
        joined = r.join(subjects, subjects.c.id == there)
        flag = _in_force(probe=probe)
        parts.append(select(r.c.id, here, there, flag).select_from(joined).where(*wanted))
    return union_all(*parts)


@cache
def _shared_steps(
    sqlite: bool, agency: str | None, listed: bool, props: tuple[str, ...], hub: int
) -> Executable:
    """Pairs of live statements of ``props`` with the same normalised value, one of a subject
    in ``:ids`` and one of another readable subject, when at most ``hub`` subjects hold it."""
    mine, theirs, held = (statements.alias(n) for n in ("mine", "theirs", "held"))
    holders = select(func.count(func.distinct(held.c.subject_id))).where(
        held.c.prop == mine.c.prop, held.c.norm == mine.c.norm, held.c.retracted_at.is_(None)
    )
    # SQLite: ``|| ''`` keeps the frontier's statements off the (prop, norm) index (the subject
    # ids are far more selective); the other holders still use it. PostgreSQL needs no hint.
    prop = mine.c.prop.concat("") if sqlite else mine.c.prop
    same = and_(theirs.c.prop == prop, theirs.c.norm == mine.c.norm)
    joined = mine.join(theirs, same).join(subjects, subjects.c.id == theirs.c.subject_id)
    cols = (mine.c.id, theirs.c.id, mine.c.subject_id, theirs.c.subject_id, mine.c.prop)
    return (
        select(*cols, _in_force(probe=not sqlite))
        .select_from(joined)
        .where(
            mine.c.subject_id.in_(IDS),
            prop.in_(props),
            and_(mine.c.retracted_at.is_(None), theirs.c.retracted_at.is_(None)),
            theirs.c.subject_id != mine.c.subject_id,
            _readable(agency),
            _in_force(theirs.c.subject_id, not sqlite) if listed else true(),
            holders.scalar_subquery() <= hub,
        )
    )


class GraphRows:
    conn: Connection

    def graph_steps(
        self,
        frontier: Sequence[int],
        agency: str | None,
        today: date,
        shared: tuple[tuple[str, ...], int] | None,
        listed: bool = False,
    ) -> list[GraphStep]:
        """Visible steps from readable ``frontier`` subjects, relations by id then shared values
        by statement ids. ``agency`` is the caller's (``None``: the operator, who sees all);
        ``shared`` is ``(properties, hub limit)`` (a value held by more subjects links none),
        or ``None`` to follow relations only; ``listed``: only steps to listed subjects."""
        if self.conn.dialect.name == "postgresql":  # JIT compiling takes longer than the hop
            self.conn.exec_driver_sql("SET LOCAL jit = off")
        rels, links = [], []
        sqlite = self.conn.dialect.name == "sqlite"
        by_relation = _relation_steps(agency, listed, not sqlite)
        by_value = _shared_steps(sqlite, agency, listed, *shared) if shared else None
        for chunk in _chunks(sorted(set(frontier))):
            params = {"ids": chunk, "today": today}
            for rid, a, b, flag in self.conn.execute(by_relation, params):
                rels.append(GraphStep(f"r{rid}", a, b, bool(flag), relation=rid))
            found: Iterable[Any] = () if by_value is None else self.conn.execute(by_value, params)
            for x, y, a, b, prop, flag in found:
                edge = f"s{min(x, y)}-{max(x, y)}"
                links.append(GraphStep(edge, a, b, bool(flag), statements=(x, y), prop=prop))
        rels.sort(key=lambda s: (s.relation or 0, s.here))
        links.sort(key=lambda s: s.statements or (0, 0))
        return rels + links

    def relations_by_id(self, relation_ids: Sequence[int]) -> dict[int, Relation]:
        """The relations with these ids (the provenance of the edges a query keeps)."""
        found: dict[int, Relation] = {}
        for chunk in _chunks(sorted(set(relation_ids))):
            query = select(relations).where(relations.c.id.in_(chunk))
            for row in self.conn.execute(query).mappings():
                found[int(row["id"])] = relation_from_row(row)
        return found

    def statement_origins(self, statement_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
        """``statement id -> (value, stated by)``: the provenance of shared-value edges."""
        found: dict[int, tuple[str, str]] = {}
        for chunk in _chunks(sorted(set(statement_ids))):
            cols = (statements.c.id, statements.c.value, statements.c.agency, statements.c.source)
            query = select(*cols).where(statements.c.id.in_(chunk))
            for sid, value, agency, source in self.conn.execute(query):
                found[int(sid)] = (value, agency if agency else f"source:{source}")
        return found

    def captions(self, subject_ids: Sequence[int]) -> dict[int, str]:
        """The first name of each subject: primary, else alias, original-script or weak alias."""
        order = ("name", "alias", "originalScriptName", "weakAlias")
        best: dict[int, tuple[int, str]] = {}
        prop = statements.c.prop.concat("")  # the subject ids are the selective index
        for chunk in _chunks(sorted(set(subject_ids))):
            query = select(statements.c.subject_id, statements.c.prop, statements.c.value).where(
                statements.c.subject_id.in_(chunk),
                prop.in_(order),
                statements.c.retracted_at.is_(None),
            )
            for sid, name, value in self.conn.execute(query.order_by(statements.c.id)):
                rank = order.index(name)
                if sid not in best or rank < best[sid][0]:
                    best[int(sid)] = (rank, value)
        return {sid: value for sid, (_rank, value) in best.items()}

    def bulk_insert(self, table: str, rows: list[dict[str, Any]]) -> None:
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

    def bulk_cache(self, megabytes: int) -> None:
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

    def listed_within_sql(self, start: int, depth: int, agency: str, today: date) -> dict[int, int]:
        """Recursive-SQL walk (relations only): ``listed subject -> hops`` within ``depth`` of
        ``start`` for ``agency``. Kept for comparison in ``ictd bench graph``: it finds no paths
        and no provenance."""
        named = f"%,{agency},%"
        params = {"start": start, "k": depth, "agency": agency, "named": named, "today": today}
        return {int(r[0]): int(r[1]) for r in self.conn.execute(_WALK, params)}


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


_READABLE = """(s.agency = :agency OR s.source IS NOT NULL OR EXISTS (
    SELECT 1 FROM listings x WHERE x.subject_id = s.id AND x.status IN ('active', 'expired')
    AND (x.sharing = 'all' OR (x.sharing = 'named' AND x.shared_with LIKE :named))))"""
_WALK = text(
    f"""
WITH RECURSIVE walk(node, owner, depth) AS (
  SELECT id, agency, 0 FROM subjects WHERE id = :start
  UNION
  SELECT s.id, s.agency, w.depth + 1
  FROM walk w
  JOIN relations r ON (r.source_id = w.node OR r.target_id = w.node)
  JOIN subjects s ON s.id = CASE WHEN r.source_id = w.node THEN r.target_id ELSE r.source_id END
  WHERE w.depth < :k AND r.retracted_at IS NULL AND s.deleted_at IS NULL AND {_READABLE}
    AND (r.agency IS NULL OR r.agency = :agency OR r.agency = s.agency OR r.agency = w.owner)
)
SELECT w.node, MIN(w.depth) FROM walk w
WHERE EXISTS (SELECT 1 FROM listings l WHERE l.subject_id = w.node AND l.status = 'active'
  AND (l.valid_from IS NULL OR l.valid_from <= :today)
  AND (l.valid_until IS NULL OR l.valid_until >= :today))
GROUP BY w.node
"""
).bindparams(bindparam("today", type_=Date))
