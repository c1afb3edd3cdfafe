"""Writing alerts and their events inside the caller's transaction (the outbox).

An ``AlertWriter`` lives for one transaction. ``create`` inserts an alert for a hit of a
movement on a listing in force, with its acknowledgement deadline, and emits its
``alert.created`` event; ``emit`` appends any event to the log and queues one delivery per
webhook of the owning agency that wants it. Nothing here talks to the network: the
dispatcher delivers after commit, so an alert is committed with its deliveries or not at all.

Alerts for a listing fed by a public source (no owning agency) go to the operator agency.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from ictd.alerts.config import AlertConfig
from ictd.model import Agency, Listing
from ictd.store import Session
from ictd.store.alert_rows import AlertEventRow, AlertRow, MovementRow, WebhookRow

__all__ = ["EVENT_TYPES", "AlertWriter", "new_reference"]

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
        self._webhooks: dict[str, list[WebhookRow]] = {}
        self.events: list[AlertEventRow] = []

    def agency(self, code: str | None) -> Agency | None:
        if self._agencies is None:
            self._agencies = {a.code: a for a in self.session.list_agencies()}
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

    def create(
        self,
        movement: MovementRow,
        listing: Listing,
        score: float,
        origin: str,
        reference: str | None = None,
    ) -> AlertRow | None:
        owner = self.owner_of(listing)
        if owner is None or listing.id is None:
            return None
        alert = self.session.insert_alert(
            {
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
        )
        self.emit(alert, "alert.created", "system", None, movement=movement.to_dict())
        return alert

    def emit(
        self, alert: AlertRow, type_: str, actor: str, note: str | None, **extra: Any
    ) -> AlertEventRow:
        payload = {"alert": alert.to_dict(self.now), **extra}
        event = self.session.append_alert_event(alert, type_, actor, note, payload, self.now)
        if alert.agency not in self._webhooks:
            self._webhooks[alert.agency] = self.session.list_webhooks(alert.agency)
        wanted = [w.id for w in self._webhooks[alert.agency] if w.wants(type_)]
        until = self.now + self.config.retry_window
        self.session.enqueue_deliveries(wanted, event.seq, self.now, until)
        self.events.append(event)
        return event
