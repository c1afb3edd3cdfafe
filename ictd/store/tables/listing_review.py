"""Tables of a listing's life cycle: recorded extensions of its review date, the review
warnings sent to its owner (one row per listing, review date and stage: each goes once),
and partners' flags (withdrawn ones kept)."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, String, Table, Text

from ictd.store.tables.registry import ID, metadata
from ictd.store.types import UTCDateTime

__all__ = ["listing_extensions", "listing_flags", "listing_review_warnings"]

listing_extensions = Table(
    "listing_extensions",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("listing_id", ID, ForeignKey("listings.id"), nullable=False, index=True),
    Column("agency", String(32), nullable=False),
    Column("user_id", ID, ForeignKey("users.id")),
    Column("at", UTCDateTime, nullable=False),
    Column("reason", Text, nullable=False),
    Column("previous_date", Date),
    Column("new_date", Date, nullable=False),
)

listing_review_warnings = Table(
    "listing_review_warnings",
    metadata,
    Column("listing_id", ID, ForeignKey("listings.id"), primary_key=True),
    Column("review_date", Date, primary_key=True),
    Column("stage", String(16), primary_key=True),
    Column("sent_at", UTCDateTime, nullable=False),
)

listing_flags = Table(
    "listing_flags",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("listing_id", ID, ForeignKey("listings.id"), nullable=False, index=True),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", ID, ForeignKey("users.id")),
    Column("withdrawn_at", UTCDateTime),
    Column("withdrawn_by", ID, ForeignKey("users.id")),
)
