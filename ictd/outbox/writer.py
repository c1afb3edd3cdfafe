"""Writing alerts, notices and their events inside the caller's transaction (the outbox).

An ``AlertWriter`` lives for one transaction. ``raise_many`` inserts alerts of any kind
(``NewAlert``: who must act, why, with what detail) with their acknowledgement deadlines and
emits their ``alert.created`` events; ``create_many`` is its form for hits of movements on
listings in force. ``notify`` sends a notice: an event to an agency with no alert to
acknowledge. ``emit_many`` appends events to the log and queues one delivery per webhook
of the agency that wants it. Each is a handful of statements however many alerts a batch
raises. Nothing here talks to the network: the dispatcher delivers after commit, so an
alert is committed with its deliveries or not at all.

Events are numbered under a lock on the one alert event head, held to commit (numbers
gap-free and in commit order, ``ictd.store.tables.alerting``). So that the lock is held for
as short a time as possible, a writer queues its events and writes them, with their
deliveries, at the end of the transaction (``Session.before_commit``): every other
transaction that writes alert events, in this process or another, waits for that lock, and
holding it across the rest of a request (its other statements, its audit event, and waits
for the interpreter among a server's threads) made them queue (the load test at 300
requests/s). Until then the events a writer returns and holds in ``events`` are
provisional (``seq`` 0); the writer's ``events`` hold the numbered ones after the commit.

Alerts for a listing fed by a public source (no owning agency) go to the operator agency.
An alert with a ``dedupe_key`` is raised once per agency and key (background work that
runs again raises nothing new).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ictd.model import Agency, Listing
from ictd.model.alert import NOTICE_TYPES, Alert, AlertEvent, Webhook
from ictd.model.movement import Movement
from ictd.outbox.config import AlertConfig
from ictd.security.policy import listing_contact, withheld_listing
from ictd.store import Session
from ictd.store.alerts import EventSpec

__all__ = ["EVENT_TYPES", "AlertWriter", "Hit", "NewAlert", "new_reference"]

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
    "alert.hit-report",
    *NOTICE_TYPES,
)


def new_reference() -> str:
    """A random, unguessable alert reference: ``ALR-3F9C2B1D7E0A``."""
    return f"ALR-{secrets.token_hex(6).upper()}"


@dataclass(frozen=True, slots=True)
class NewAlert:
    """An alert a service decided to raise: to ``agency``, because of what ``reporter`` did,
    explained by ``detail``; ``extra`` goes into the ``alert.created`` event beside it."""

    kind: str
    agency: str
    reporter: str
    category: str | None
    actions: tuple[str, ...]
    handling: str | None
    origin: str
    detail: dict[str, Any] = field(default_factory=dict)
    listing_id: int | None = None
    subject_id: int | None = None
    movement_id: int | None = None
    score: float | None = None
    dedupe_key: str | None = None
    reference: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class AlertWriter:
    """Creates alerts and events in one transaction; caches agencies and webhooks."""

    def __init__(self, session: Session, config: AlertConfig, now: datetime) -> None:
        self.session = session
        self.config = config
        self.now = now
        self._agencies: dict[str, Agency] | None = None
        self._webhooks: dict[str, list[Webhook]] = {}
        self._due: dict[str, datetime] = {}  # by category: one object for a batch's rows
        self.events: list[AlertEvent] = []
        """The events emitted, in order: provisional (``seq`` 0) until the end of the
        transaction writes them, numbered from then on."""
        self._queued: list[EventSpec] = []
        self.deliveries = 0
        """Webhook deliveries the events queued so far will queue (none: the dispatcher
        has nothing new)."""
        self._targets: list[tuple[str, str]] = []
        self._shown: dict[int, dict[str, Any]] = {}
        self._wanted: dict[tuple[str, str], int] = {}  # deliveries per event, by target

    def agencies(self) -> dict[str, Agency]:
        """The directory of agencies, by code (read once per writer)."""
        if self._agencies is None:
            self._agencies = {a.code: a for a in self.session.accounts.list_agencies()}
        return self._agencies

    def agency(self, code: str | None) -> Agency | None:
        return self.agencies().get(code) if code else None

    def owner_of(self, listing: Listing) -> str | None:
        """The agency alerted about hits on ``listing``: its owner, else the operator."""
        if listing.agency:
            return listing.agency
        found = listing_contact(listing, self.agencies())
        return found.code if found else None

    def contact(self, code: str) -> dict[str, Any]:
        found = self.agency(code)
        return {
            "agency": code,
            "name": found.name if found else None,
            "contact": found.contact if found else None,
        }

    def withheld(self, listing: Listing) -> dict[str, Any]:
        """What a caller outside ``listing``'s scope is told of a hit on it: the policy's
        ``withheld_listing``, with the contact card of the agency alerted about it."""
        return withheld_listing(listing, self.agencies())

    def shown(self, movement: Movement) -> dict[str, Any]:
        """``movement`` as the events of its alerts show it (``Movement.to_dict``), made
        once per movement in this transaction: the events of all its alerts (a hit, rules,
        a co-traveller's) hold the same object, and its JSON is written once
        (``ictd.store.alerts.payload_texts``)."""
        found = self._shown.get(movement.id)
        if found is None:
            found = self._shown[movement.id] = movement.to_dict()
        return found

    def create_many(self, hits: Sequence[Hit]) -> list[Alert]:
        """An alert per hit whose listing has an owner (hits without one are skipped), and
        their ``alert.created`` events, in the order given."""
        items = []
        for movement, listing, score, origin, reference in hits:
            owner = self.owner_of(listing)
            if owner is None or listing.id is None:
                continue
            items.append(
                NewAlert(
                    kind="movement",
                    agency=owner,
                    reporter=movement.agency,
                    category=listing.category,
                    actions=tuple(a.value for a in listing.actions),
                    handling=listing.handling.value,
                    origin=origin,
                    listing_id=listing.id,
                    subject_id=listing.subject_id,
                    movement_id=movement.id,
                    score=score,
                    reference=reference,
                    extra={"movement": self.shown(movement)},
                )
            )
        return self.raise_many(items)

    def raise_many(self, items: Sequence[NewAlert]) -> list[Alert]:
        """Insert the alerts (those whose ``dedupe_key`` the agency has seen are skipped) and
        emit their ``alert.created`` events, in the order given."""
        keyed = [(x.agency, x.dedupe_key) for x in items if x.dedupe_key]
        seen = self.session.alerts.dedupe_keys_seen(keyed) if keyed else set()
        fresh, taken = [], set(seen)
        for item in items:
            if item.dedupe_key:
                if (item.agency, item.dedupe_key) in taken:
                    continue
                taken.add((item.agency, item.dedupe_key))
            fresh.append(item)
        rows = [self._values(x) for x in fresh]
        created = self.session.alerts.insert_many(rows)
        self.emit_many(
            [
                (alert, "alert.created", "system", None, item.extra)
                for alert, item in zip(created, fresh, strict=True)
            ]
        )
        return created

    def notify(self, agency: str, type_: str, actor: str, payload: dict[str, Any]) -> AlertEvent:
        """A notice to ``agency``: an event of ``type_`` (``NOTICE_TYPES``) with no alert."""
        assert type_ in NOTICE_TYPES, type_
        (event,) = self._queue([(None, agency, type_, actor, None, payload)], [(agency, type_)])
        return event

    def _values(self, item: NewAlert) -> dict[str, Any]:
        return {
            "reference": item.reference or new_reference(),
            "kind": item.kind,
            "movement_id": item.movement_id,
            "listing_id": item.listing_id,
            "subject_id": item.subject_id,
            "agency": item.agency,
            "reporter": item.reporter,
            "category": item.category,
            "actions": list(item.actions),
            "handling": item.handling,
            "score": item.score,
            "origin": item.origin,
            "status": "new",
            "created_at": self.now,
            "updated_at": self.now,
            "due_at": self._due_at(item.category or ""),
            "detail": item.detail,
            "dedupe_key": item.dedupe_key,
        }

    def _due_at(self, category: str) -> datetime:
        """When an alert of ``category`` raised now must be acknowledged; the same object
        for every alert of a category, so a batch's rows share it (``Direct.many``
        processes it once)."""
        found = self._due.get(category)
        if found is None:
            found = self._due[category] = self.now + self.config.ack_deadline(category)
        return found

    def emit(
        self, alert: Alert, type_: str, actor: str, note: str | None, **extra: Any
    ) -> AlertEvent:
        (event,) = self.emit_many([(alert, type_, actor, note, extra)])
        return event

    def emit_many(self, items: Sequence[Emit]) -> list[AlertEvent]:
        """Append the events, in order, and queue their webhook deliveries (both at the end
        of the transaction: the events returned are provisional, see ``events``)."""
        if not items:
            return []
        specs: list[EventSpec] = [
            (
                alert.id,
                alert.agency,
                type_,
                actor,
                note,
                {"alert": alert.to_dict(self.now), **extra},
            )
            for alert, type_, actor, note, extra in items
        ]
        return self._queue(specs, [(alert.agency, type_) for alert, type_, *_ in items])

    def _queue(self, specs: list[EventSpec], targets: list[tuple[str, str]]) -> list[AlertEvent]:
        """Queue events for the end of the transaction (``_write``); provisional events
        (``seq`` 0) meanwhile."""
        if not self._queued:
            self.session.before_commit(self._write)
        for target in targets:  # read now, outside the head lock
            count = self._wanted.get(target)
            if count is None:
                agency, type_ = target
                count = sum(1 for hook in self._hooks(agency) if hook.wants(type_))
                self._wanted[target] = count
            self.deliveries += count
        self._queued.extend(specs)
        self._targets.extend(targets)
        moment = self.now.astimezone(UTC)
        provisional = [
            AlertEvent(0, alert_id, agency, type_, actor, note, payload, moment)
            for alert_id, agency, type_, actor, note, payload in specs
        ]
        self.events.extend(provisional)
        return provisional

    def _write(self) -> None:
        """Append the queued events (taking the head lock) and queue a delivery of each to
        every webhook of its agency that wants it."""
        specs, targets = self._queued, self._targets
        self._queued, self._targets = [], []
        events = self.session.alerts.append_events(specs, self.now)
        pairs = [
            (hook.id, event.seq)
            for (agency, type_), event in zip(targets, events, strict=True)
            for hook in self._hooks(agency)
            if hook.wants(type_)
        ]
        self.session.webhooks.enqueue(pairs, self.now, self.now + self.config.retry_window)
        self.events[len(self.events) - len(events) :] = events

    def _hooks(self, agency: str) -> list[Webhook]:
        if agency not in self._webhooks:
            self._webhooks[agency] = self.session.webhooks.of_agency(agency)
        return self._webhooks[agency]
