"""Tables of hit reports: one structured report per alert, filed by the reporting agency."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, String, Table, Text

from ictd.store.tables.registry import ID, metadata
from ictd.store.types import UTCDateTime

__all__ = ["hit_reports"]

hit_reports = Table(
    "hit_reports",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("alert_id", ID, ForeignKey("alerts.id"), nullable=False, unique=True),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False),
    Column("reported_by", ID, ForeignKey("users.id")),
    Column("place", String(300), nullable=False),
    Column("occurred_at", UTCDateTime, nullable=False),
    Column("route", String(500)),
    Column("transport", String(16), nullable=False),
    Column("transport_details", String(300)),
    Column("companions", Text, nullable=False),  # JSON list of descriptions
    Column("items", Text, nullable=False),  # JSON list of descriptions
    Column("action_taken", String(32), nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("notes", Text),
    Column("created_at", UTCDateTime, nullable=False),
)
