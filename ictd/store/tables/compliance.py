"""Tables of compliance review before sharing: each request to share a listing beyond its
owner and the operator's decision on it (kept; a listing may be reviewed many times)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, String, Table, Text

from ictd.store.tables.registry import ID, metadata
from ictd.store.types import UTCDateTime

__all__ = ["compliance_reviews"]

compliance_reviews = Table(
    "compliance_reviews",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("listing_id", ID, ForeignKey("listings.id"), nullable=False, index=True),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("sharing", String(16), nullable=False),
    Column("shared_with", Text, nullable=False),
    Column("prior_status", String(16), nullable=False),
    Column("prior_sharing", String(16), nullable=False),
    Column("prior_shared_with", Text, nullable=False),
    Column("note", Text),
    Column("urgent", Boolean, nullable=False),
    Column("submitted_at", UTCDateTime, nullable=False),
    Column("submitted_by", ID, ForeignKey("users.id")),
    Column("due_at", UTCDateTime),
    Column("status", String(16), nullable=False),
    Column("decided_at", UTCDateTime),
    Column("decided_by", ID, ForeignKey("users.id")),
    Column("neutrality", Text),
    Column("reasons", Text),
    Column("checks", Text, nullable=False),  # JSON list of the automated checks
    Column("escalated_at", UTCDateTime),
    Index("ix_compliance_reviews_status_id", "status", "id"),
)
