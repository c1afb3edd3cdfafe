"""Rows of listings and relations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, RowMapping, insert, or_, select, update

from ictd.model import Action, Handling, Listing, ListingStatus, Relation, RelationType, Sharing
from ictd.store.tables import listings, relations

__all__ = ["ListingRows"]


def listing_from_row(row: RowMapping) -> Listing:
    return Listing(
        id=row["id"],
        subject_id=row["subject_id"],
        agency=row["agency"],
        source=row["source"],
        reference=row["reference"],
        category=row["category"],
        actions=tuple(Action(a) for a in row["actions"].split(",") if a),
        legal_basis=row["legal_basis"],
        reliability=row["reliability"],
        accuracy=row["accuracy"],
        valid_from=row["valid_from"],
        valid_until=row["valid_until"],
        review_date=row["review_date"],
        sharing=Sharing(row["sharing"]),
        shared_with=tuple(a for a in row["shared_with"].split(",") if a),
        handling=Handling(row["handling"]),
        status=ListingStatus(row["status"]),
        notes=row["notes"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        created_by=row["created_by"],
    )


def listing_values(listing: Listing) -> dict[str, Any]:
    shared = ",".join(listing.shared_with)
    return {
        "subject_id": listing.subject_id,
        "agency": listing.agency,
        "source": listing.source,
        "reference": listing.reference,
        "category": listing.category,
        "actions": ",".join(a.value for a in listing.actions),
        "legal_basis": listing.legal_basis,
        "reliability": listing.reliability,
        "accuracy": listing.accuracy,
        "valid_from": listing.valid_from,
        "valid_until": listing.valid_until,
        "review_date": listing.review_date,
        "sharing": listing.sharing.value,
        # delimited on both sides so that "contains ,CODE," is an exact membership test
        "shared_with": f",{shared}," if shared else "",
        "handling": listing.handling.value,
        "status": listing.status.value,
        "notes": listing.notes,
        "created_at": listing.created_at,
        "updated_at": listing.updated_at,
        "created_by": listing.created_by,
    }


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


class ListingRows:
    conn: Connection

    def insert_listing(self, listing: Listing) -> Listing:
        result = self.conn.execute(insert(listings).values(listing_values(listing)))
        assert result.inserted_primary_key is not None
        return listing.copy_with(id=result.inserted_primary_key[0])

    def update_listing(self, listing: Listing) -> None:
        values = listing_values(listing)
        self.conn.execute(update(listings).where(listings.c.id == listing.id).values(values))

    def get_listing(self, listing_id: int) -> Listing | None:
        row = self.conn.execute(select(listings).where(listings.c.id == listing_id)).mappings()
        first = row.first()
        return listing_from_row(first) if first else None

    def listings_for(self, subject_ids: Sequence[int]) -> list[Listing]:
        query = select(listings).where(listings.c.subject_id.in_(list(subject_ids)))
        rows = self.conn.execute(query.order_by(listings.c.id)).mappings()
        return [listing_from_row(r) for r in rows]

    def list_listings(
        self, agency: str | None, status: str | None, after: int, limit: int
    ) -> list[Listing]:
        query = select(listings).where(listings.c.id > after)
        if agency is not None:
            query = query.where(listings.c.agency == agency)
        if status is not None:
            query = query.where(listings.c.status == status)
        rows = self.conn.execute(query.order_by(listings.c.id).limit(limit)).mappings()
        return [listing_from_row(r) for r in rows]

    def insert_relation(self, relation: Relation) -> Relation:
        result = self.conn.execute(insert(relations).values(relation_values(relation)))
        assert result.inserted_primary_key is not None
        return relation.copy_with(id=result.inserted_primary_key[0])

    def insert_listings(self, items: Sequence[Listing]) -> None:
        """Insert many listings in one statement (their ids are not returned)."""
        if items:
            self.conn.execute(insert(listings), [listing_values(x) for x in items])

    def insert_relations(self, items: Sequence[Relation]) -> None:
        """Insert many relations in one statement (their ids are not returned)."""
        if items:
            self.conn.execute(insert(relations), [relation_values(r) for r in items])

    def get_relation(self, relation_id: int) -> Relation | None:
        query = select(relations).where(relations.c.id == relation_id)
        row = self.conn.execute(query).mappings().first()
        return relation_from_row(row) if row else None

    def relations_of(
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

    def retract_relation(self, relation_id: int, at: Any) -> None:
        query = update(relations).where(relations.c.id == relation_id)
        self.conn.execute(query.values(retracted_at=at))

    def source_relations(self, source: str) -> list[Relation]:
        query = select(relations).where(
            relations.c.source == source, relations.c.retracted_at.is_(None)
        )
        return [relation_from_row(r) for r in self.conn.execute(query).mappings()]
