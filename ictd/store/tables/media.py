"""Tables of media signals: hashes and URLs partners share, and their feedback.

``digest`` is what exact matching compares (the hex value, or the SHA-256 of a canonical
URL), unique per agency and kind; raw media is never stored. ``media_feedback`` holds one
row per signal and agency, changed in place as the agency's view changes.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint

from ictd.store.tables.registry import ID, metadata
from ictd.store.types import UTCDateTime

__all__ = ["media_feedback", "media_signals"]

media_signals = Table(
    "media_signals",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("value", Text, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("quality", Integer),
    Column("labels", Text, nullable=False, default=""),
    Column("taxonomy", String(16), nullable=False),
    Column("subject_id", ID, ForeignKey("subjects.id"), index=True),
    Column("platform", String(100)),
    Column("first_seen", UTCDateTime),
    Column("last_seen", UTCDateTime),
    Column("sharing", String(16), nullable=False),
    Column("shared_with", Text, nullable=False, default=""),
    Column("handling", String(2), nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("reviewed_at", UTCDateTime),
    Column("created_by", ID, ForeignKey("users.id")),
    UniqueConstraint("agency", "kind", "digest"),
    Index("ix_media_signals_kind_digest", "kind", "digest"),
)

media_feedback = Table(
    "media_feedback",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("signal_id", ID, ForeignKey("media_signals.id"), nullable=False),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False),
    Column("verdict", String(16)),
    Column("takedown", String(16)),
    Column("takedown_at", UTCDateTime),
    Column("note", Text),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("signal_id", "agency"),
)
