"""The listings repository: agencies' (and sources') requests attached to subjects."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, bindparam, insert, select, tuple_, update

from ictd.model import Action, Handling, Listing, ListingStatus, Sharing
from ictd.model.listing import new_contact_ref
from ictd.store.repository import Repository
from ictd.store.tables import listings
from ictd.store.types import UTCDateTime, split_codes

__all__ = ["ListingRepository", "listing_from_row"]


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
        shared_with=split_codes(row["shared_with"]),
        handling=Handling(row["handling"]),
        status=ListingStatus(row["status"]),
        notes=row["notes"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        created_by=row["created_by"],
        contact_ref=row["contact_ref"],
        last_reviewed=row["last_reviewed"],
    )


def listing_values(listing: Listing) -> dict[str, Any]:
    """The row of a listing; a listing written for the first time gets its contact reference."""
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
        "contact_ref": listing.contact_ref or new_contact_ref(),
        "last_reviewed": listing.last_reviewed,
    }


# built once: a statement object keeps its cache key (the screening path)
_OF_SUBJECTS = (
    select(listings)
    .where(listings.c.subject_id.in_(bindparam("ids", expanding=True)))
    .order_by(listings.c.id)
)

# the retro watcher's read at every pass of the dispatcher, work or not
_WRITTEN_AFTER = (
    select(listings.c.id, listings.c.updated_at)
    .where(
        tuple_(listings.c.updated_at, listings.c.id)
        > tuple_(bindparam("at", type_=UTCDateTime()), bindparam("after_id"))
    )
    .order_by(listings.c.updated_at, listings.c.id)
    .limit(bindparam("limit"))
)


class ListingRepository(Repository):
    """Listings by id and by subject; the watcher of retro-screening reads them in write order."""

    __slots__ = ()
    READS = frozenset({"by_contact_ref", "get", "get_many", "of_subjects", "page", "written_after"})

    def insert(self, listing: Listing) -> Listing:
        values = listing_values(listing)
        result = self.conn.execute(insert(listings).values(values))
        assert result.inserted_primary_key is not None
        new_id = result.inserted_primary_key[0]
        return listing.copy_with(id=new_id, contact_ref=values["contact_ref"])

    def update(self, listing: Listing) -> None:
        values = listing_values(listing)
        if listing.contact_ref is None:  # a listing's reference never changes
            del values["contact_ref"]
        self.conn.execute(update(listings).where(listings.c.id == listing.id).values(values))

    def by_contact_ref(self, reference: str) -> Listing | None:
        """The listing with this contact reference (``LREF-…``), if any."""
        query = select(listings).where(listings.c.contact_ref == reference)
        row = self.conn.execute(query).mappings().first()
        return listing_from_row(row) if row else None

    def get(self, listing_id: int) -> Listing | None:
        row = self.conn.execute(select(listings).where(listings.c.id == listing_id)).mappings()
        first = row.first()
        return listing_from_row(first) if first else None

    def of_subjects(self, subject_ids: Sequence[int]) -> list[Listing]:
        rows = self.conn.execute(_OF_SUBJECTS, {"ids": list(subject_ids)}).mappings()
        return [listing_from_row(r) for r in rows]

    def page(self, agency: str | None, status: str | None, after: int, limit: int) -> list[Listing]:
        query = select(listings).where(listings.c.id > after)
        if agency is not None:
            query = query.where(listings.c.agency == agency)
        if status is not None:
            query = query.where(listings.c.status == status)
        rows = self.conn.execute(query.order_by(listings.c.id).limit(limit)).mappings()
        return [listing_from_row(r) for r in rows]

    def insert_many(self, items: Sequence[Listing]) -> None:
        """Insert many listings in one statement (their ids are not returned)."""
        if items:
            self.conn.execute(insert(listings), [listing_values(x) for x in items])

    def get_many(self, ids: Sequence[int]) -> list[Listing]:
        if not ids:
            return []
        query = select(listings).where(listings.c.id.in_(list(ids))).order_by(listings.c.id)
        return [listing_from_row(r) for r in self.conn.execute(query).mappings()]

    def written_after(self, at: datetime, after_id: int, limit: int) -> list[tuple[int, datetime]]:
        """``(id, updated_at)`` of listings written after ``(at, after_id)``, in that order
        (a light read: the watcher loads in full only the listings it has not seen)."""
        found = self.conn.execute(_WRITTEN_AFTER, {"at": at, "after_id": after_id, "limit": limit})
        return [(int(i), stamp) for i, stamp in found]
