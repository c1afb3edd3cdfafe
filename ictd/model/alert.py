"""Alerts: messages to an owning agency about a hit on its listing, their lifecycle events,
and the webhooks and deliveries that carry those events out.

``AlertEvent.to_dict`` is the wire form of the live stream and of webhook bodies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

__all__ = [
    "ALERT_KINDS",
    "NOTICE_TYPES",
    "Alert",
    "AlertEvent",
    "Delivery",
    "DeliveryAttempt",
    "Webhook",
]

ALERT_KINDS = (
    "movement",
    "probing",
    "document",
    "rule",
    "trade",
    "media",
    "co-traveller",
    "ais",
)
"""What raised an alert: a movement's hit on a listing; repeated screening of a record the
screener may not see; a movement's document on the lost/stolen register (to the recording
agency); a movement matching an agency's risk rule (to the rule's owner); a screened
shipment that touched a listing, an embargoed area or embargoed goods (``ictd.embargo``);
a match by another agency on a media signal attributed to a listed organisation; a
traveller on the same booking as a hit on a listing or on the register (to that owner); an
AIS track that loitered, went dark or met another vessel in or near an embargoed area (to
the area's owner, ``ictd.embargo``)."""
NOTICE_TYPES = (
    "screening.hit-withheld",
    "listing.review-due",
    "listing.expired",
    "listing.flagged",
    "redress.forwarded",
    "redress.overdue",
    "listing.submitted",
    "listing.approved",
    "listing.refused",
    "compliance.overdue",
)
"""Events sent to an agency without an alert (nothing to acknowledge)."""


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True, slots=True)
class Alert:
    """An alert to ``agency`` that needs a person: a hit of a movement on its listing
    (kind ``movement``), or another kind raised by a service (``ALERT_KINDS``), each with the
    ``detail`` that explains it. The lifecycle and deadlines are the same for every kind."""

    id: int
    reference: str
    movement_id: int | None
    listing_id: int | None
    subject_id: int | None
    agency: str
    reporter: str
    category: str | None
    actions: tuple[str, ...]
    handling: str | None
    score: float | None
    origin: str
    status: str
    created_at: datetime
    updated_at: datetime
    due_at: datetime
    escalated_at: datetime | None = None
    closed_at: datetime | None = None
    close_reason: str | None = None
    outcome: str | None = None
    outcome_note: str | None = None
    outcome_at: datetime | None = None
    kind: str = "movement"
    detail: dict[str, Any] = field(default_factory=dict, compare=False)
    dedupe_key: str | None = None

    def is_overdue(self, now: datetime) -> bool:
        """Not acknowledged by its deadline."""
        return self.status == "new" and now >= self.due_at

    def to_dict(self, now: datetime | None = None) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "kind": self.kind,
            "status": self.status,
            "movement_id": self.movement_id,
            "listing_id": self.listing_id,
            "subject_id": self.subject_id,
            "agency": self.agency,
            "reporter": self.reporter,
            "category": self.category,
            "actions": list(self.actions),
            "handling": self.handling,
            "score": round(self.score, 4) if self.score is not None else None,
            "origin": self.origin,
            "detail": self.detail,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "due_at": self.due_at.isoformat(),
            "overdue": self.is_overdue(now) if now else None,
            "escalated_at": _iso(self.escalated_at),
            "closed_at": _iso(self.closed_at),
            "close_reason": self.close_reason,
            "outcome": self.outcome,
            "outcome_note": self.outcome_note,
            "outcome_at": _iso(self.outcome_at),
        }


@dataclass(frozen=True, slots=True)
class AlertEvent:
    """One step in an alert's life, or a notice to an agency (no alert), and one message of
    the stream and the webhooks."""

    seq: int
    alert_id: int | None
    agency: str
    type: str
    actor: str
    note: str | None
    payload: dict[str, Any]
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        """The message body sent on the stream and to webhooks."""
        return {
            "id": self.seq,
            "type": self.type,
            "created_at": self.created_at.isoformat(),
            "note": self.note,
            **self.payload,
        }


@dataclass(frozen=True, slots=True)
class Webhook:
    id: int
    agency: str
    url: str
    secret: str
    events: tuple[str, ...]
    active: bool
    created_at: datetime
    updated_at: datetime
    created_by: int | None = None
    deleted_at: datetime | None = None

    def wants(self, event_type: str) -> bool:
        return (
            self.active
            and self.deleted_at is None
            and (not self.events or event_type in self.events)
        )

    def to_dict(self) -> dict[str, Any]:
        """Never the secret."""
        return {
            "id": self.id,
            "agency": self.agency,
            "url": self.url,
            "events": list(self.events),
            "active": self.active,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class DeliveryAttempt:
    id: int
    delivery_id: int
    at: datetime
    code: int | None
    error: str | None
    ms: int

    def to_dict(self) -> dict[str, Any]:
        return {"at": self.at.isoformat(), "code": self.code, "error": self.error, "ms": self.ms}


@dataclass(frozen=True, slots=True)
class Delivery:
    """One event to one webhook: pending until delivered, or dead after its retry window."""

    id: int
    webhook_id: int
    event_seq: int
    status: str
    attempts: int
    next_attempt_at: datetime
    retry_until: datetime
    created_at: datetime
    last_attempt_at: datetime | None = None
    delivered_at: datetime | None = None
    last_code: int | None = None
    last_error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "webhook_id": self.webhook_id,
            "event_id": self.event_seq,
            "status": self.status,
            "attempts": self.attempts,
            "next_attempt_at": self.next_attempt_at.isoformat(),
            "retry_until": self.retry_until.isoformat(),
            "created_at": self.created_at.isoformat(),
            "last_attempt_at": _iso(self.last_attempt_at),
            "delivered_at": _iso(self.delivered_at),
            "last_code": self.last_code,
            "last_error": self.last_error,
        }
