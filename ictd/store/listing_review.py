"""The listing review repository: review dates coming up, recorded extensions, warnings sent."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import RowMapping, insert, select, tuple_

from ictd.model.lifecycle import Extension
from ictd.model.listing import Listing
from ictd.store.listings import listing_from_row
from ictd.store.repository import Repository
from ictd.store.tables import listing_extensions, listing_review_warnings, listings

__all__ = ["ListingReviewRepository"]

# the statuses whose review date counts: a listing in force (or waiting to be)
REVIEWED_STATUSES = ("active",)


def extension_from_row(row: RowMapping) -> Extension:
    return Extension(
        id=row["id"],
        listing_id=row["listing_id"],
        agency=row["agency"],
        user_id=row["user_id"],
        at=row["at"],
        reason=row["reason"],
        previous_date=row["previous_date"],
        new_date=row["new_date"],
    )


class ListingReviewRepository(Repository):
    """Agencies' listings by review date; their extensions; the review warnings sent."""

    __slots__ = ()
    READS = frozenset({"due", "extensions_of", "warnings_sent"})

    def due(
        self, agency: str | None, until: date, after: tuple[date, int] | None, limit: int
    ) -> list[Listing]:
        """Active listings of ``agency`` (of every agency when ``None``; never a source's)
        whose review date is on or before ``until``, by review date then id, after the
        ``(review_date, id)`` cursor ``after``."""
        query = select(listings).where(
            listings.c.status.in_(REVIEWED_STATUSES),
            listings.c.agency.is_not(None),
            listings.c.review_date.is_not(None),
            listings.c.review_date <= until,
        )
        if agency is not None:
            query = query.where(listings.c.agency == agency)
        if after is not None:
            query = query.where(tuple_(listings.c.review_date, listings.c.id) > tuple_(*after))
        query = query.order_by(listings.c.review_date, listings.c.id).limit(limit)
        return [listing_from_row(r) for r in self.conn.execute(query).mappings()]

    def add_extension(self, extension: Extension) -> Extension:
        values = {
            "listing_id": extension.listing_id,
            "agency": extension.agency,
            "user_id": extension.user_id,
            "at": extension.at,
            "reason": extension.reason,
            "previous_date": extension.previous_date,
            "new_date": extension.new_date,
        }
        result = self.conn.execute(insert(listing_extensions).values(values))
        assert result.inserted_primary_key is not None
        return Extension(**{**values, "id": result.inserted_primary_key[0]})

    def extensions_of(self, listing_id: int) -> list[Extension]:
        query = (
            select(listing_extensions)
            .where(listing_extensions.c.listing_id == listing_id)
            .order_by(listing_extensions.c.id)
        )
        return [extension_from_row(r) for r in self.conn.execute(query).mappings()]

    def warnings_sent(self, listing_ids: Sequence[int]) -> set[tuple[int, date, str]]:
        """``(listing_id, review_date, stage)`` of the warnings already sent for these listings."""
        if not listing_ids:
            return set()
        w = listing_review_warnings
        query = select(w.c.listing_id, w.c.review_date, w.c.stage).where(
            w.c.listing_id.in_(list(listing_ids))
        )
        return {(int(i), d, s) for i, d, s in self.conn.execute(query)}

    def record_warnings(self, sent: Sequence[tuple[int, date, str]], at: datetime) -> None:
        if sent:
            rows = [
                {"listing_id": i, "review_date": d, "stage": s, "sent_at": at} for i, d, s in sent
            ]
            self.conn.execute(insert(listing_review_warnings), rows)
