"""Row types of movements, alerts, alert events, webhooks and deliveries."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping

__all__ = [
    "AlertEventRow",
    "AlertRow",
    "AttemptRow",
    "DeliveryRow",
    "MovementRow",
    "WebhookRow",
]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(x for x in (text or "").split(",") if x)


@dataclass(frozen=True, slots=True)
class MovementRow:
    """A reported movement: who saw whom, where, when, with which document."""

    id: int
    agency: str
    idempotency_key: str
    digest: str
    kind: str
    occurred_at: datetime
    names: tuple[str, ...]
    country: str | None = None
    point_of_entry: str | None = None
    carrier: str | None = None
    flight: str | None = None
    vehicle: str | None = None
    document_type: str | None = None
    document_number: str | None = None
    document_country: str | None = None
    birth_date: str | None = None
    nationalities: tuple[str, ...] = ()
    gender: str | None = None
    created_at: datetime | None = None
    created_by: int | None = None
    reply: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def from_row(cls, row: RowMapping) -> MovementRow:
        values = dict(row)
        values["names"] = tuple(json.loads(values["names"]))
        values["nationalities"] = _split(values["nationalities"])
        values["reply"] = json.loads(values["reply"] or "{}")
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "agency": self.agency,
            "idempotency_key": self.idempotency_key,
            "kind": self.kind,
            "time": self.occurred_at.isoformat(),
            "place": {"country": self.country, "point_of_entry": self.point_of_entry},
            "carrier": self.carrier,
            "flight": self.flight,
            "vehicle": self.vehicle,
            "document": {
                "type": self.document_type,
                "number": self.document_number,
                "country": self.document_country,
            },
            "traveller": {
                "names": list(self.names),
                "birth_date": self.birth_date,
                "nationalities": list(self.nationalities),
                "gender": self.gender,
            },
            "reported_at": _iso(self.created_at),
        }


@dataclass(frozen=True, slots=True)
class AlertRow:
    """An alert to the owning agency (``agency``) about a hit of a movement on its listing."""

    id: int
    reference: str
    movement_id: int
    listing_id: int
    subject_id: int
    agency: str
    reporter: str
    category: str
    actions: tuple[str, ...]
    handling: str
    score: float
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

    @classmethod
    def from_row(cls, row: RowMapping) -> AlertRow:
        values = dict(row)
        values["actions"] = _split(values["actions"])
        return cls(**values)

    def is_overdue(self, now: datetime) -> bool:
        """Not acknowledged by its deadline."""
        return self.status == "new" and now >= self.due_at

    def to_dict(self, now: datetime | None = None) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "status": self.status,
            "movement_id": self.movement_id,
            "listing_id": self.listing_id,
            "subject_id": self.subject_id,
            "agency": self.agency,
            "reporter": self.reporter,
            "category": self.category,
            "actions": list(self.actions),
            "handling": self.handling,
            "score": round(self.score, 4),
            "origin": self.origin,
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
class AlertEventRow:
    """One step in an alert's life, and one message of the stream and the webhooks."""

    seq: int
    alert_id: int
    agency: str
    type: str
    actor: str
    note: str | None
    payload: dict[str, Any]
    created_at: datetime

    @classmethod
    def from_row(cls, row: RowMapping) -> AlertEventRow:
        values = dict(row)
        values["payload"] = json.loads(values["payload"])
        return cls(**values)

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
class WebhookRow:
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

    @classmethod
    def from_row(cls, row: RowMapping) -> WebhookRow:
        values = dict(row)
        values["events"] = _split(values["events"])
        return cls(**values)

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
class AttemptRow:
    id: int
    delivery_id: int
    at: datetime
    code: int | None
    error: str | None
    ms: int

    def to_dict(self) -> dict[str, Any]:
        return {"at": self.at.isoformat(), "code": self.code, "error": self.error, "ms": self.ms}


@dataclass(frozen=True, slots=True)
class DeliveryRow:
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

    @classmethod
    def from_row(cls, row: RowMapping) -> DeliveryRow:
        return cls(**dict(row))

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
