"""The relations repository: typed, dated edges between subjects."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import RowMapping, insert, or_, select, update

from ictd.model import Relation, RelationType
from ictd.store.repository import Repository
from ictd.store.tables import relations

__all__ = ["RelationRepository", "relation_from_row"]


def relation_from_row(row: RowMapping) -> Relation:
    return Relation(
        id=row["id"],
        source_id=row["source_id"],
        target_id=row["target_id"],
        type=RelationType(row["type"]),
        agency=row["agency"],
        source=row["source"],
        start_date=row["start_date"],
        end_date=row["end_date"],
        share=row["share"],
        amount=row["amount"],
        currency=row["currency"],
        notes=row["notes"],
        created_at=row["created_at"],
        retracted_at=row["retracted_at"],
        recorded_by=row["recorded_by"],
    )


def relation_values(relation: Relation) -> dict[str, Any]:
    return {
        "source_id": relation.source_id,
        "target_id": relation.target_id,
        "type": relation.type.value,
        "agency": relation.agency,
        "source": relation.source,
        "start_date": relation.start_date,
        "end_date": relation.end_date,
        "share": relation.share,
        "amount": relation.amount,
        "currency": relation.currency,
        "notes": relation.notes,
        "created_at": relation.created_at,
        "recorded_by": relation.recorded_by,
    }


class RelationRepository(Repository):
    """Relations by id, by subject and by source; retracted ones are kept."""

    __slots__ = ()
    READS = frozenset({"get", "of_source", "of_subjects"})

    def insert(self, relation: Relation) -> Relation:
        result = self.conn.execute(insert(relations).values(relation_values(relation)))
        assert result.inserted_primary_key is not None
        return relation.copy_with(id=result.inserted_primary_key[0])

    def insert_many(self, items: Sequence[Relation]) -> None:
        """Insert many relations in one statement (their ids are not returned)."""
        if items:
            self.conn.execute(insert(relations), [relation_values(r) for r in items])

    def get(self, relation_id: int) -> Relation | None:
        query = select(relations).where(relations.c.id == relation_id)
        row = self.conn.execute(query).mappings().first()
        return relation_from_row(row) if row else None

    def of_subjects(
        self, subject_ids: Sequence[int], with_retracted: bool = False
    ) -> list[Relation]:
        ids = list(subject_ids)
        query = select(relations).where(
            or_(relations.c.source_id.in_(ids), relations.c.target_id.in_(ids))
        )
        if not with_retracted:
            query = query.where(relations.c.retracted_at.is_(None))
        rows = self.conn.execute(query.order_by(relations.c.id)).mappings()
        return [relation_from_row(r) for r in rows]

    def retract(self, relation_id: int, at: Any) -> None:
        query = update(relations).where(relations.c.id == relation_id)
        self.conn.execute(query.values(retracted_at=at))

    def of_source(self, source: str) -> list[Relation]:
        query = select(relations).where(
            relations.c.source == source, relations.c.retracted_at.is_(None)
        )
        return [relation_from_row(r) for r in self.conn.execute(query).mappings()]
