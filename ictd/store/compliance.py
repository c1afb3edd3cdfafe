"""The compliance review repository: requests to share listings and the decisions on them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, exists, insert, or_, select, update

from ictd.model.compliance import CLOSED, PENDING, ComplianceReview, QualityCheck
from ictd.model.listing import Listing, Sharing
from ictd.store.listings import listing_from_row
from ictd.store.repository import Repository
from ictd.store.tables import compliance_reviews, listings
from ictd.store.types import split_codes

__all__ = ["ComplianceRepository", "queue_position"]

_R = compliance_reviews


def _codes(codes: Sequence[str]) -> str:
    return f",{','.join(codes)}," if codes else ""


def review_from_row(row: RowMapping) -> ComplianceReview:
    checks = json.loads(row["checks"] or "[]")
    return ComplianceReview(
        id=row["id"],
        listing_id=row["listing_id"],
        agency=row["agency"],
        kind=row["kind"],
        sharing=Sharing(row["sharing"]),
        shared_with=split_codes(row["shared_with"]),
        prior_status=row["prior_status"],
        prior_sharing=Sharing(row["prior_sharing"]),
        prior_shared_with=split_codes(row["prior_shared_with"]),
        note=row["note"],
        urgent=bool(row["urgent"]),
        submitted_at=row["submitted_at"],
        submitted_by=row["submitted_by"],
        due_at=row["due_at"],
        status=row["status"],
        decided_at=row["decided_at"],
        decided_by=row["decided_by"],
        neutrality=row["neutrality"],
        reasons=row["reasons"],
        checks=tuple(QualityCheck(c["name"], bool(c["passed"]), c["message"]) for c in checks),
        escalated_at=row["escalated_at"],
    )


def _values(review: ComplianceReview) -> dict[str, Any]:
    return {
        "listing_id": review.listing_id,
        "agency": review.agency,
        "kind": review.kind,
        "sharing": review.sharing.value,
        "shared_with": _codes(review.shared_with),
        "prior_status": review.prior_status,
        "prior_sharing": review.prior_sharing.value,
        "prior_shared_with": _codes(review.prior_shared_with),
        "note": review.note,
        "urgent": review.urgent,
        "submitted_at": review.submitted_at,
        "submitted_by": review.submitted_by,
        "due_at": review.due_at,
        "status": review.status,
        "decided_at": review.decided_at,
        "decided_by": review.decided_by,
        "neutrality": review.neutrality,
        "reasons": review.reasons,
        "checks": json.dumps([c.to_dict() for c in review.checks]),
        "escalated_at": review.escalated_at,
    }


_GROUP = 1 << 48
"""Queue positions: urgent reviews are their id, the others their id + ``_GROUP``."""


def queue_position(review: ComplianceReview) -> int:
    """Where a pending review stands in the queue (urgent first, then by id): the cursor
    that pages after it."""
    assert review.id is not None
    return review.id if review.urgent else _GROUP + review.id


class ComplianceRepository(Repository):
    """Compliance reviews by id, by listing, pending ones in order, and overdue urgent ones."""

    __slots__ = ()
    READS = frozenset(
        {"get", "of_listing", "pending", "pending_for", "overdue", "decided_for", "unreviewed"}
    )

    def insert(self, review: ComplianceReview) -> ComplianceReview:
        result = self.conn.execute(insert(_R).values(_values(review)))
        assert result.inserted_primary_key is not None
        return review.copy_with(id=result.inserted_primary_key[0])

    def update(self, review: ComplianceReview) -> None:
        self.conn.execute(update(_R).where(_R.c.id == review.id).values(_values(review)))

    def close_pending(self, listing_id: int, at: datetime) -> list[int]:
        """Close the waiting reviews of a withdrawn listing (status ``closed``, without a
        decision); the ids closed."""
        where = (_R.c.listing_id == listing_id, _R.c.status == PENDING)
        ids = [r.id for r in self.conn.execute(select(_R.c.id).where(*where))]
        if ids:
            self.conn.execute(update(_R).where(*where).values(status=CLOSED, decided_at=at))
        return ids

    def get(self, review_id: int) -> ComplianceReview | None:
        row = self.conn.execute(select(_R).where(_R.c.id == review_id)).mappings().first()
        return review_from_row(row) if row else None

    def of_listing(self, listing_id: int) -> list[ComplianceReview]:
        """Every review of a listing, oldest first."""
        query = select(_R).where(_R.c.listing_id == listing_id).order_by(_R.c.id)
        return [review_from_row(r) for r in self.conn.execute(query).mappings()]

    def pending_for(self, listing_id: int) -> ComplianceReview | None:
        """The undecided review of a listing, if one is waiting."""
        query = select(_R).where(_R.c.listing_id == listing_id, _R.c.status == PENDING)
        row = self.conn.execute(query.order_by(_R.c.id.desc())).mappings().first()
        return review_from_row(row) if row else None

    def pending(self, after: int, limit: int) -> list[ComplianceReview]:
        """Undecided reviews, urgent ones first, then oldest first, after the position
        ``after`` (``queue_position`` of the last review of the previous page; 0: from the
        start)."""
        urgent_done, after_id = divmod(after, _GROUP)
        query = select(_R).where(_R.c.status == PENDING)
        if urgent_done:  # every urgent review was on earlier pages
            query = query.where(_R.c.urgent.is_(False), _R.c.id > after_id)
        elif after_id:
            query = query.where(or_(_R.c.urgent.is_(False), _R.c.id > after_id))
        query = query.order_by(_R.c.urgent.desc(), _R.c.id).limit(limit)
        return [review_from_row(r) for r in self.conn.execute(query).mappings()]

    def decided_for(self, agency: str | None, after: int, limit: int) -> list[ComplianceReview]:
        """Decided reviews of ``agency``'s listings (every agency's when ``None``), newest first."""
        query = select(_R).where(_R.c.status != PENDING)
        if agency is not None:
            query = query.where(_R.c.agency == agency)
        if after:
            query = query.where(_R.c.id < after)
        query = query.order_by(_R.c.id.desc()).limit(limit)
        return [review_from_row(r) for r in self.conn.execute(query).mappings()]

    def overdue(self, now: datetime, limit: int) -> list[ComplianceReview]:
        """Pending urgent reviews whose deadline has passed and that nobody was told of yet."""
        query = select(_R).where(
            _R.c.status == PENDING,
            _R.c.urgent.is_(True),
            _R.c.due_at <= now,
            _R.c.escalated_at.is_(None),
        )
        query = query.order_by(_R.c.due_at, _R.c.id).limit(limit)
        return [review_from_row(r) for r in self.conn.execute(query).mappings()]

    def unreviewed(self, after: int, limit: int) -> list[Listing]:
        """Active agency listings shared beyond their owner that have no compliance review
        (written before review existed, or loaded in bulk), by id after ``after``."""
        reviewed = exists().where(_R.c.listing_id == listings.c.id)
        query = select(listings).where(
            listings.c.id > after,
            listings.c.agency.is_not(None),
            listings.c.status == "active",
            listings.c.sharing != "own",
            ~reviewed,
        )
        rows = self.conn.execute(query.order_by(listings.c.id).limit(limit)).mappings()
        return [listing_from_row(r) for r in rows]
