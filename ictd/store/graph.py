"""The graph repository: one hop of visible steps, edge provenance, captions.

``steps`` answers a breadth-first hop in two set-based queries (relations, shared values),
the access rule in SQL (``visible_to``, twin of ``ictd.security.policy.can_read_subject``).
Only ids travel; the provenance of the edges a query keeps is loaded afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Date,
    Executable,
    and_,
    bindparam,
    exists,
    func,
    or_,
    select,
    text,
    true,
    union_all,
)

from ictd.model import Relation
from ictd.model.graph import GraphStep
from ictd.store.relations import relation_from_row
from ictd.store.repository import Repository
from ictd.store.subjects import visible_to
from ictd.store.tables import listings, relations, statements, subjects

__all__ = ["GraphRepository", "chunks"]

CHUNK = 900


def chunks(ids: Sequence[Any]) -> Iterator[list[Any]]:
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


class GraphRepository(Repository):
    """One hop of visible steps, and what the steps a query keeps need: provenance, captions."""

    __slots__ = ()
    READS = frozenset(
        {"captions", "listed_within_sql", "relations_by_id", "statement_origins", "steps"}
    )

    def steps(
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
        for chunk in chunks(sorted(set(frontier))):
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
        for chunk in chunks(sorted(set(relation_ids))):
            query = select(relations).where(relations.c.id.in_(chunk))
            for row in self.conn.execute(query).mappings():
                found[int(row["id"])] = relation_from_row(row)
        return found

    def statement_origins(self, statement_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
        """``statement id -> (value, stated by)``: the provenance of shared-value edges."""
        found: dict[int, tuple[str, str]] = {}
        for chunk in chunks(sorted(set(statement_ids))):
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
        for chunk in chunks(sorted(set(subject_ids))):
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

    def listed_within_sql(self, start: int, depth: int, agency: str, today: date) -> dict[int, int]:
        """Recursive-SQL walk (relations only): ``listed subject -> hops`` within ``depth`` of
        ``start`` for ``agency``. Kept for comparison in ``ictd bench graph``: it finds no paths
        and no provenance."""
        named = f"%,{agency},%"
        params = {"start": start, "k": depth, "agency": agency, "named": named, "today": today}
        return {int(r[0]): int(r[1]) for r in self.conn.execute(_WALK, params)}


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
