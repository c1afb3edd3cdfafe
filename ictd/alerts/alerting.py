"""Writing alerts and their events inside the caller's transaction (the outbox).

An ``AlertWriter`` lives for one transaction. ``create_many`` inserts an alert per hit of a
movement on a listing in force, with its acknowledgement deadline, and emits their
``alert.created`` events; ``emit_many`` appends events to the log and queues one delivery
per webhook of the owning agency that wants it. Each is a handful of statements however
many alerts a batch of movements raises (``emit`` is the one-event form).
Nothing here talks to the network: the dispatcher delivers after commit, so an alert is
committed with its deliveries or not at all.

Alerts for a listing fed by a public source (no owning agency) go to the operator agency.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from ictd.alerts.config import AlertConfig
from ictd.model import Agency, Listing
from ictd.model.alert import Alert, AlertEvent, Webhook
from ictd.model.movement import Movement
from ictd.store import Session

__all__ = ["EVENT_TYPES", "AlertWriter", "Hit", "new_reference"]

# a hit to alert on: (movement, listing, score, origin, reference or None for a new one)
Hit = tuple[Movement, Listing, float, str, str | None]
# an event to emit: (alert, type, actor, note, extra payload beside the alert)
Emit = tuple[Alert, str, str, str | None, dict[str, Any]]

EVENT_TYPES = (
    "alert.created",
    "alert.acknowledged",
    "alert.actioned",
    "alert.false-match",
    "alert.closed",
    "alert.escalated",
    "alert.outcome",
)


def new_reference() -> str:
    """A random, unguessable alert reference: ``ALR-3F9C2B1D7E0A``."""
    return f"ALR-{secrets.token_hex(6).upper()}"


class AlertWriter:
    """Creates alerts and events in one transaction; caches agencies and webhooks."""

    def __init__(self, session: Session, config: AlertConfig, now: datetime) -> None:
        self.session = session
        self.config = config
        self.now = now
        self._agencies: dict[str, Agency] | None = None
        self._webhooks: dict[str, list[Webhook]] = {}
        self.events: list[AlertEvent] = []

    def agency(self, code: str | None) -> Agency | None:
        if self._agencies is None:
            self._agencies = {a.code: a for a in self.session.accounts.list_agencies()}
        return self._agencies.get(code) if code else None

    def owner_of(self, listing: Listing) -> str | None:
        """The agency alerted about hits on ``listing``: its owner, else the operator."""
        if listing.agency:
            return listing.agency
        self.agency(None)
        assert self._agencies is not None
        return next((a.code for a in self._agencies.values() if a.is_operator), None)

    def contact(self, code: str) -> dict[str, Any]:
        found = self.agency(code)
        return {
            "agency": code,
            "name": found.name if found else None,
            "contact": found.contact if found else None,
        }

    def create_many(self, hits: Sequence[Hit]) -> list[Alert]:
        """An alert per hit whose listing has an owner (hits without one are skipped), and
        their ``alert.created`` events, in the order given."""
        planned: list[tuple[Movement, dict[str, Any]]] = []
        for movement, listing, score, origin, reference in hits:
            owner = self.owner_of(listing)
            if owner is None or listing.id is None:
                continue
            values = {
                "reference": reference or new_reference(),
                "movement_id": movement.id,
                "listing_id": listing.id,
                "subject_id": listing.subject_id,
                "agency": owner,
                "reporter": movement.agency,
                "category": listing.category,
                "actions": [a.value for a in listing.actions],
                "handling": listing.handling.value,
                "score": score,
                "origin": origin,
                "status": "new",
                "created_at": self.now,
                "updated_at": self.now,
                "due_at": self.now + self.config.ack_deadline(listing.category),
            }
            planned.append((movement, values))
        created = self.session.alerts.insert_many([values for _, values in planned])
        shown: dict[int, dict[str, Any]] = {}  # a movement's payload, once per movement
        self.emit_many(
            [
                (alert, "alert.created", "system", None, {"movement": _shown(shown, movement)})
                for alert, (movement, _) in zip(created, planned, strict=True)
            ]
        )
        return created

    def emit(
        self, alert: Alert, type_: str, actor: str, note: str | None, **extra: Any
    ) -> AlertEvent:
        (event,) = self.emit_many([(alert, type_, actor, note, extra)])
        return event

    def emit_many(self, items: Sequence[Emit]) -> list[AlertEvent]:
        """Append the events, in order, and queue their webhook deliveries."""
        if not items:
            return []
        specs = [
            (alert, type_, actor, note, {"alert": alert.to_dict(self.now), **extra})
            for alert, type_, actor, note, extra in items
        ]
        events = self.session.alerts.append_events(specs, self.now)
        pairs = [
            (hook.id, event.seq)
            for (alert, type_, *_), event in zip(items, events, strict=True)
            for hook in self._hooks(alert.agency)
            if hook.wants(type_)
        ]
        self.session.webhooks.enqueue(pairs, self.now, self.now + self.config.retry_window)
        self.events.extend(events)
        return events

    def _hooks(self, agency: str) -> list[Webhook]:
        if agency not in self._webhooks:
            self._webhooks[agency] = self.session.webhooks.of_agency(agency)
        return self._webhooks[agency]


def _shown(cache: dict[int, dict[str, Any]], movement: Movement) -> dict[str, Any]:
    if movement.id not in cache:
        cache[movement.id] = movement.to_dict()
    return cache[movement.id]
