"""The subjects repository: subjects, their statements and external ids."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    RowMapping,
    and_,
    bindparam,
    delete,
    exists,
    insert,
    or_,
    select,
    update,
)

from ictd.model import Schema, Statement, Subject
from ictd.store.repository import Repository
from ictd.store.tables import external_ids, listings, statements, subject_changes, subjects

__all__ = ["SubjectRepository", "visible_to"]

# Listing statuses whose sharing scope still makes a subject visible to partners.
SHARING_STATUSES = ("active", "expired")


def visible_to(agency: str) -> ColumnElement[bool]:
    """SQL condition: the subject is visible to ``agency`` (see ``ictd.security.policy``)."""
    shared = exists().where(
        and_(
            listings.c.subject_id == subjects.c.id,
            listings.c.agency == subjects.c.agency,  # only the owner's listings share
            listings.c.status.in_(SHARING_STATUSES),
            or_(
                listings.c.sharing == "all",
                and_(
                    listings.c.sharing == "named",
                    listings.c.shared_with.contains(f",{agency},", autoescape=True),
                ),
            ),
        )
    )
    return or_(subjects.c.agency == agency, subjects.c.source.is_not(None), shared)


def statement_from_row(row: RowMapping) -> Statement:
    return Statement(
        id=row["id"],
        subject_id=row["subject_id"],
        prop=row["prop"],
        value=row["value"],
        norm=row["norm"],
        qualifier=row["qualifier"],
        lang=row["lang"],
        agency=row["agency"],
        source=row["source"],
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        retracted_at=row["retracted_at"],
        recorded_by=row["recorded_by"],
    )


def _statement_values(subject_id: int, stmt: Statement) -> dict[str, Any]:
    return {
        "subject_id": subject_id,
        "prop": stmt.prop,
        "value": stmt.value,
        "norm": stmt.norm,
        "qualifier": stmt.qualifier,
        "lang": stmt.lang,
        "agency": stmt.agency,
        "source": stmt.source,
        "first_seen": stmt.first_seen,
        "last_seen": stmt.last_seen,
        "retracted_at": stmt.retracted_at,
        "recorded_by": stmt.recorded_by,
    }


# statements of the screening path, built once (a statement object keeps its cache key)
_EXTERNAL_IDS_OF = (
    select(external_ids)
    .where(external_ids.c.subject_id.in_(bindparam("ids", expanding=True)))
    .order_by(external_ids.c.external_id)
)
# the properties are picked in Python: with a ``prop IN`` condition SQLite may plan the query
# on ``ix_statements_prop_norm`` (every subject's names …) instead of the subject ids
_STATED = (
    select(statements)
    .where(
        statements.c.subject_id.in_(bindparam("ids", expanding=True)),
        statements.c.retracted_at.is_(None),
    )
    .order_by(statements.c.id)
)
_OWNERS = select(subjects.c.id, subjects.c.schema, subjects.c.agency, subjects.c.source).where(
    subjects.c.id.in_(bindparam("ids", expanding=True)), subjects.c.deleted_at.is_(None)
)


class SubjectRepository(Repository):
    """Subjects assembled from their statements; writes go through the change feed."""

    __slots__ = ()
    READS = frozenset(
        {
            "external_ids_of",
            "find_by_external_id",
            "get",
            "get_many",
            "get_statement",
            "list_ids",
            "owners",
            "search_ids",
            "stated",
        }
    )

    def insert(self, subject: Subject, at: datetime) -> int:
        values = {
            "schema": subject.schema.value,
            "agency": subject.agency,
            "source": subject.source,
            "created_at": at,
            "updated_at": at,
        }
        result = self.conn.execute(insert(subjects).values(values))
        assert result.inserted_primary_key is not None
        subject_id = int(result.inserted_primary_key[0])
        self.conn.execute(insert(subject_changes).values(subject_id=subject_id))
        self.add_statements(subject_id, subject.statements)
        self.add_external_ids(subject_id, subject.external_ids)
        return subject_id

    def insert_many(self, items: Sequence[Subject], at: datetime) -> list[int]:
        """Insert many subjects with their statements and external ids, one statement per
        table; return their ids in the order given."""
        if not items:
            return []
        heads = [
            {"schema": s.schema.value, "agency": s.agency, "source": s.source,
             "created_at": at, "updated_at": at}
            for s in items
        ]  # fmt: skip
        query = insert(subjects).returning(subjects.c.id, sort_by_parameter_order=True)
        ids = [int(r[0]) for r in self.conn.execute(query, heads)]
        self.conn.execute(insert(subject_changes), [{"subject_id": i} for i in ids])
        pairs = list(zip(ids, items, strict=True))
        rows = [_statement_values(i, st) for i, s in pairs for st in s.statements]
        if rows:
            self.conn.execute(insert(statements), rows)
        ext = [
            {"subject_id": i, "external_id": x}
            for i, s in pairs
            for x in dict.fromkeys(s.external_ids)
        ]
        if ext:
            self.conn.execute(insert(external_ids), ext)
        return ids

    def add_statements(self, subject_id: int, stmts: Sequence[Statement]) -> None:
        if stmts:
            rows = [_statement_values(subject_id, s) for s in stmts]
            self.conn.execute(insert(statements), rows)

    def add_external_ids(self, subject_id: int, ids: Iterable[str]) -> None:
        rows = [{"subject_id": subject_id, "external_id": x} for x in dict.fromkeys(ids)]
        if rows:
            self.conn.execute(insert(external_ids), rows)

    def remove_external_ids(self, subject_id: int, ids: Iterable[str]) -> None:
        self.conn.execute(
            delete(external_ids).where(
                external_ids.c.subject_id == subject_id, external_ids.c.external_id.in_(list(ids))
            )
        )

    def touch(self, subject_id: int, at: datetime) -> None:
        """Mark a subject changed: its ``updated_at`` and an entry in the change feed."""
        self.conn.execute(update(subjects).where(subjects.c.id == subject_id).values(updated_at=at))
        self.conn.execute(insert(subject_changes).values(subject_id=subject_id))

    def retract_statements(self, ids: Sequence[int], at: datetime) -> None:
        query = update(statements).where(statements.c.id.in_(list(ids)))
        self.conn.execute(query.values(retracted_at=at))

    def see_source_statements(self, source: str, subject_ids: Sequence[int], at: datetime) -> None:
        """Record that ``source`` still states every active fact of these subjects."""
        for start in range(0, len(subject_ids), 500):
            chunk = list(subject_ids[start : start + 500])
            query = update(statements).where(
                statements.c.subject_id.in_(chunk),
                statements.c.source == source,
                statements.c.retracted_at.is_(None),
            )
            self.conn.execute(query.values(last_seen=at))

    def get_statement(self, statement_id: int) -> Statement | None:
        query = select(statements).where(statements.c.id == statement_id)
        row = self.conn.execute(query).mappings().first()
        return statement_from_row(row) if row else None

    def get(self, subject_id: int) -> Subject | None:
        found = self.get_many([subject_id])
        return found[0] if found else None

    def get_many(self, ids: Sequence[int], with_deleted: bool = False) -> list[Subject]:
        """Subjects by id, in the order asked, with all their statements and external ids."""
        if not ids:
            return []
        query = select(subjects).where(subjects.c.id.in_(list(ids)))
        if not with_deleted:
            query = query.where(subjects.c.deleted_at.is_(None))
        heads = {r["id"]: r for r in self.conn.execute(query).mappings()}
        stmts: dict[int, list[Statement]] = defaultdict(list)
        query_s = select(statements).where(statements.c.subject_id.in_(list(heads)))
        for row in self.conn.execute(query_s.order_by(statements.c.id)).mappings():
            stmts[row["subject_id"]].append(statement_from_row(row))
        ext = self.external_ids_of(list(heads))
        return [
            Subject(
                id=i,
                schema=Schema(heads[i]["schema"]),
                agency=heads[i]["agency"],
                source=heads[i]["source"],
                statements=tuple(stmts[i]),
                external_ids=ext.get(i, ()),
                created_at=heads[i]["created_at"],
                updated_at=heads[i]["updated_at"],
                deleted_at=heads[i]["deleted_at"],
            )
            for i in ids
            if i in heads
        ]

    def stated(self, ids: Sequence[int], props: Sequence[str]) -> dict[int, list[Statement]]:
        """The active statements of ``props`` about the subjects ``ids``, by subject, in the
        order they were stated (as ``Subject.values`` lists them): one statement, for a
        caller that tells a few of a subject's properties (``get_many`` reads them all)."""
        wanted = frozenset(props)
        found: dict[int, list[Statement]] = defaultdict(list)
        for row in self.conn.execute(_STATED, {"ids": list(ids)}).mappings():
            if row["prop"] in wanted:
                found[row["subject_id"]].append(statement_from_row(row))
        return found

    def list_ids(
        self,
        visible_agency: str | None,
        after: int = 0,
        limit: int = 100,
        schema: str | None = None,
        agency: str | None = None,
    ) -> list[int]:
        """Ids of live subjects in id order, optionally filtered; ``None`` sees everything."""
        query = select(subjects.c.id).where(subjects.c.id > after, subjects.c.deleted_at.is_(None))
        if visible_agency is not None:
            query = query.where(visible_to(visible_agency))
        if schema:
            query = query.where(subjects.c.schema == schema)
        if agency:
            query = query.where(subjects.c.agency == agency)
        query = query.order_by(subjects.c.id).limit(limit)
        return [int(r[0]) for r in self.conn.execute(query)]

    def search_ids(
        self, terms: Sequence[str], visible_agency: str | None, props: Sequence[str], limit: int
    ) -> list[int]:
        """Subjects with an active value of ``props`` whose normalised form contains every term."""
        conds = [statements.c.norm.contains(t, autoescape=True) for t in terms]
        query = (
            select(subjects.c.id)
            .join(statements, statements.c.subject_id == subjects.c.id)
            .where(
                statements.c.prop.in_(list(props)),
                statements.c.retracted_at.is_(None),
                subjects.c.deleted_at.is_(None),
                *conds,
            )
            .distinct()
            .order_by(subjects.c.id)
            .limit(limit)
        )
        if visible_agency is not None:
            query = query.where(visible_to(visible_agency))
        return [int(r[0]) for r in self.conn.execute(query)]

    def external_ids_of(self, ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
        found: dict[int, list[str]] = defaultdict(list)
        for row in self.conn.execute(_EXTERNAL_IDS_OF, {"ids": list(ids)}).mappings():
            found[row["subject_id"]].append(row["external_id"])
        return {k: tuple(v) for k, v in found.items()}

    def find_by_external_id(self, external_id: str) -> list[int]:
        query = select(external_ids.c.subject_id).where(external_ids.c.external_id == external_id)
        return [int(r[0]) for r in self.conn.execute(query)]

    def owners(self, ids: Sequence[int]) -> dict[int, tuple[str, str | None, str | None]]:
        """``id -> (schema, agency, source)`` of live subjects, without their statements."""
        rows = self.conn.execute(_OWNERS, {"ids": list(ids)})
        return {int(r[0]): (r[1], r[2], r[3]) for r in rows}
