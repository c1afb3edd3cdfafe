"""The alert lifecycle: new → acknowledged → actioned | false-match → closed.

Each step is taken by a user with a note; it is written to the alert's event log (and so
streamed and sent to webhooks) and audited. The reporting agency adds the outcome of the
requested action; the owner sees it in the alert. Listing ends close open alerts
(``close_for_listings``, used by the dispatcher).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from ictd.alerts.access import (
    require_alert_handler,
    require_alert_reader,
    require_outcome_reporter,
)
from ictd.exc import Conflict, InvalidInput, NotFound
from ictd.model.alert import Alert
from ictd.model.text import text_problem
from ictd.outbox.config import AlertConfig
from ictd.outbox.writer import AlertWriter
from ictd.security.actor import Actor
from ictd.security.policy import Permission, require
from ictd.store import Session, Store

__all__ = [
    "OUTCOMES",
    "STEPS",
    "close_for_listings",
    "get_alert",
    "list_alerts",
    "report_outcome",
    "step_alert",
]

# step name -> (status it leads to, statuses it may start from)
STEPS: dict[str, tuple[str, frozenset[str]]] = {
    "acknowledge": ("acknowledged", frozenset({"new"})),
    "action": ("actioned", frozenset({"acknowledged"})),
    "false-match": ("false-match", frozenset({"acknowledged"})),
    "close": ("closed", frozenset({"actioned", "false-match"})),
}
STATUSES = ("new", "acknowledged", "actioned", "false-match", "closed")
OUTCOMES = ("located", "detained", "not-found", "refused-entry", "other")
MAX_NOTE = 4000


def _note(note: str | None, required: bool = True) -> str | None:
    text = (note or "").strip()
    if required and not text:
        raise InvalidInput.field("note", "give a note")
    if len(text) > MAX_NOTE:
        raise InvalidInput.field("note", f"at most {MAX_NOTE} characters")
    problem = text_problem(text, multiline=True)
    if problem:
        raise InvalidInput.field("note", problem)
    return text or None


def _load(session: Session, reference: str) -> Alert:
    alert = session.alerts.by_reference(reference)
    if alert is None:
        raise NotFound(f"alert {reference} does not exist")
    return alert


def get_alert(
    store: Store, actor: Actor, reference: str, now: datetime | None = None
) -> dict[str, Any]:
    """One alert of the actor's agency, with its movement and its event log."""
    agency = require_alert_reader(actor)
    with store.begin() as session:
        alert = _load(session, reference)
        if alert.agency != agency:
            raise NotFound(f"alert {reference} does not exist")
        movement = None
        if alert.movement_id is not None:
            movement = session.movements.get_many([alert.movement_id])[alert.movement_id]
        events = session.alerts.events_of(alert.id)
        session.audit.record(actor, "alert.view", [f"alert:{reference}"])
    return {
        **alert.to_dict(now or datetime.now(UTC)),
        "movement": movement.to_dict() if movement else None,
        "events": [e.to_dict() | {"actor": e.actor} for e in events],
    }


def list_alerts(
    store: Store,
    actor: Actor,
    status: str | None = None,
    overdue: bool = False,
    after: int = 0,
    limit: int = 100,
    now: datetime | None = None,
) -> tuple[list[dict[str, Any]], int | None]:
    """The actor's agency's alerts, oldest first, a page at a time."""
    agency = require_alert_reader(actor)
    if status is not None and status not in STATUSES:
        raise InvalidInput.field("status", f"must be one of {', '.join(STATUSES)}")
    moment = now or datetime.now(UTC)
    with store.begin() as session:
        rows = session.alerts.page(agency, status, moment if overdue else None, after, limit + 1)
        session.audit.record(actor, "alert.list", [], status=status, count=min(len(rows), limit))
    page = rows[:limit]
    return [a.to_dict(moment) for a in page], (page[-1].id if len(rows) > limit else None)


def step_alert(
    store: Store,
    actor: Actor,
    reference: str,
    step: str,
    note: str | None,
    config: AlertConfig,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Take one lifecycle ``step`` (acknowledge, action, false-match, close) with a note."""
    if step not in STEPS:
        raise InvalidInput.field("step", f"must be one of {', '.join(STEPS)}")
    target, sources = STEPS[step]
    text = _note(note)
    moment = now or datetime.now(UTC)
    require(actor, Permission.HANDLE_ALERTS)  # before the look-up: no probing by role
    with store.begin() as session:
        alert = _load(session, reference)
        require_alert_handler(actor, alert)
        if alert.status not in sources:
            raise Conflict(f"a {alert.status} alert cannot be moved to {target}", {"step": step})
        changes: dict[str, Any] = {"status": target, "updated_at": moment}
        if target == "closed":
            changes.update(closed_at=moment, close_reason=text)
        alert = session.alerts.update(alert.id, **changes)
        AlertWriter(session, config, moment).emit(alert, f"alert.{target}", actor.name, text)
        session.audit.record(actor, f"alert.{step}", [f"alert:{reference}"], status=target)
    return alert.to_dict(moment)


def report_outcome(
    store: Store,
    actor: Actor,
    reference: str,
    outcome: str,
    note: str | None,
    config: AlertConfig,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The reporting agency says what came of the requested action; the owner is told."""
    if outcome not in OUTCOMES:
        raise InvalidInput.field("outcome", f"must be one of {', '.join(OUTCOMES)}")
    text = _note(note, required=False)
    moment = now or datetime.now(UTC)
    require(actor, Permission.REPORT_MOVEMENTS)  # before the look-up: no probing by role
    with store.begin() as session:
        alert = _load(session, reference)
        require_outcome_reporter(actor, alert)
        alert = session.alerts.update(
            alert.id, outcome=outcome, outcome_note=text, outcome_at=moment, updated_at=moment
        )
        AlertWriter(session, config, moment).emit(alert, "alert.outcome", actor.name, text)
        session.audit.record(actor, "alert.outcome", [f"alert:{reference}"], outcome=outcome)
    return {"reference": reference, "outcome": outcome, "outcome_at": moment.isoformat()}


def close_for_listings(
    session: Session,
    listing_reasons: dict[int, str],
    writer: AlertWriter,
) -> Sequence[Alert]:
    """Close every open alert of the listings that ended, with the reason as the note."""
    closed = []
    for alert in session.alerts.open_of_listings(sorted(listing_reasons)):
        assert alert.listing_id is not None  # found by its listing
        reason = listing_reasons[alert.listing_id]
        alert = session.alerts.update(
            alert.id,
            status="closed",
            closed_at=writer.now,
            close_reason=reason,
            updated_at=writer.now,
        )
        writer.emit(alert, "alert.closed", "system", reason)
        closed.append(alert)
    return closed
