"""Tables of movements and alerts: reports, alerts, their event log, webhooks and the outbox.

``alert_events`` is both the lifecycle log of every alert and the feed the live stream and
the webhooks deliver: its ``seq`` is allocated under a lock on the one ``alert_event_head``
row, so sequence numbers are gap-free and in commit order (a stream resumed after ``seq``
misses nothing). ``deliveries`` is the outbox: one row per (webhook, event), written in the
transaction that wrote the event, worked off by the dispatcher.

The index on ``listings (updated_at, id)`` serves the retro-screening watcher, which follows
listing writes in that order (``ictd.alerts.retro``); it is declared here, beside its user.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from ictd.model.movement import MOVEMENT_FIELDS
from ictd.store.tables.registry import ID, listings, metadata
from ictd.store.types import UTCDateTime

__all__ = [
    "alert_cursors",
    "alert_event_head",
    "alert_events",
    "alerts",
    "deliveries",
    "delivery_attempts",
    "movements",
    "webhooks",
]


def _report_columns() -> list[Column[Any]]:
    """The columns of a movement's reported fields, from their one declaration: one value
    a column (``String`` of its stored width); a list of countries joined by commas; any
    other list as JSON text."""
    out: list[Column[Any]] = []
    for spec in MOVEMENT_FIELDS:
        if spec.column_name == "occurred_at":
            out.append(Column("occurred_at", UTCDateTime, nullable=False, index=True))
        elif spec.many and spec.country:
            width = spec.stored_length or spec.max_length * spec.many
            out.append(Column(spec.name, String(width), nullable=False, default=""))
        elif spec.many:
            out.append(Column(spec.name, Text, nullable=False))
        else:
            width = spec.stored_length or spec.max_length
            out.append(Column(spec.column_name, String(width), nullable=not spec.required))
    return out


movements = Table(
    "movements",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False),
    Column("digest", String(64), nullable=False),
    *_report_columns(),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", ID, ForeignKey("users.id")),
    Column("reply", Text, nullable=False),
    UniqueConstraint("agency", "idempotency_key"),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("reference", String(32), nullable=False, unique=True),
    Column("kind", String(32), nullable=False, server_default="movement", index=True),
    Column("movement_id", ID, ForeignKey("movements.id"), index=True),
    Column("listing_id", ID, ForeignKey("listings.id"), index=True),
    Column("subject_id", ID, ForeignKey("subjects.id")),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False),
    Column("reporter", String(32), ForeignKey("agencies.code"), nullable=False),
    Column("category", String(64)),
    Column("actions", String(300), nullable=False),
    Column("handling", String(2)),
    Column("score", Float),
    Column("origin", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("due_at", UTCDateTime, nullable=False),
    Column("escalated_at", UTCDateTime),
    Column("closed_at", UTCDateTime),
    Column("close_reason", Text),
    Column("outcome", String(20)),
    Column("outcome_note", Text),
    Column("outcome_at", UTCDateTime),
    Column("detail", Text),
    Column("dedupe_key", String(200)),
    UniqueConstraint("movement_id", "listing_id"),
    UniqueConstraint("agency", "dedupe_key", name="uq_alerts_agency_dedupe_key"),
    Index("ix_alerts_agency_status", "agency", "status"),
    Index("ix_alerts_status_due_at", "status", "due_at"),
)

alert_events = Table(
    "alert_events",
    metadata,
    Column("seq", ID, primary_key=True, autoincrement=False),
    Column("alert_id", ID, ForeignKey("alerts.id"), index=True),  # none: a notice
    Column("agency", String(32), nullable=False),
    Column("type", String(32), nullable=False),
    Column("actor", String(300), nullable=False),
    Column("note", Text),
    Column("payload", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ix_alert_events_agency_seq", "agency", "seq"),
)

alert_event_head = Table(
    "alert_event_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", ID, nullable=False),
)

webhooks = Table(
    "webhooks",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False, index=True),
    Column("url", String(2000), nullable=False),
    Column("secret", String(200), nullable=False),
    Column("events", String(300), nullable=False, default=""),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("created_by", ID, ForeignKey("users.id")),
    Column("deleted_at", UTCDateTime),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("webhook_id", ID, ForeignKey("webhooks.id"), nullable=False),
    Column("event_seq", ID, ForeignKey("alert_events.seq"), nullable=False),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("retry_until", UTCDateTime, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_attempt_at", UTCDateTime),
    Column("delivered_at", UTCDateTime),
    Column("last_code", Integer),
    Column("last_error", String(500)),
    UniqueConstraint("webhook_id", "event_seq"),
    Index("ix_deliveries_status_next_attempt_at", "status", "next_attempt_at"),
)

delivery_attempts = Table(
    "delivery_attempts",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("delivery_id", ID, ForeignKey("deliveries.id"), nullable=False, index=True),
    Column("at", UTCDateTime, nullable=False),
    Column("code", Integer),
    Column("error", String(500)),
    Column("ms", Integer, nullable=False),
)

# Small named positions of the background work (the listing watermark of retro-screening).
alert_cursors = Table(
    "alert_cursors",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# The retro-screening watcher reads listing writes in (updated_at, id) order.
ix_listings_updated_at = Index("ix_listings_updated_at_id", listings.c.updated_at, listings.c.id)
