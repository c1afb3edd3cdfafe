"""Hit reports: after acting on a hit, the reporting agency files a structured report on the
alert — place and time, route, means of transport, companions, items carried, the action
taken and its outcome (in the manner of a SIRENE hit form).

One report per alert, written once. It is seen by the listing's owner (the alert's agency)
and by the reporting agency, by no one else; filing it sends the owner the event
``alert.hit-report`` (live stream and webhooks). Filing and every read are audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ictd.alerts.access import may_report, require_hit_report_reader, require_outcome_reporter
from ictd.exc import Conflict, ErrorCollector, NotFound
from ictd.model.alert import Alert
from ictd.model.hit_report import ACTIONS_TAKEN, HIT_OUTCOMES, TRANSPORT_MEANS
from ictd.model.text import name_problem, text_problem
from ictd.outbox.config import AlertConfig
from ictd.outbox.writer import AlertWriter
from ictd.security.actor import Actor
from ictd.security.policy import Permission, require
from ictd.store import Session, Store

__all__ = ["HitReportInput", "file_hit_report", "find_hit_report", "get_hit_report"]

MAX_LIST = {"companions": 20, "items": 50}
MAX_LINE = 300
MAX_ROUTE = 500
MAX_NOTES = 4000
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class HitReportInput:
    """A hit report as a caller gives it, before validation (times as ISO 8601 text)."""

    place: str | None = None
    occurred_at: str | None = None
    transport: str | None = None
    action_taken: str | None = None
    outcome: str | None = None
    route: str | None = None
    transport_details: str | None = None
    companions: Sequence[str] = field(default_factory=tuple)
    items: Sequence[str] = field(default_factory=tuple)
    notes: str | None = None


def _line(errors: ErrorCollector, name: str, value: str | None, limit: int) -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    problem = name_problem(text) or (None if len(text) <= limit else f"at most {limit} characters")
    if problem:
        errors.add(name, problem)
    return text


def _word(errors: ErrorCollector, name: str, value: str | None, allowed: Sequence[str]) -> str:
    text = (value or "").strip()
    if not text:
        errors.add(name, "is required")
    elif text not in allowed:
        errors.add(name, f"must be one of {', '.join(allowed)}")
    return text


def _moment(errors: ErrorCollector, value: str | None, now: datetime) -> datetime:
    text = (value or "").strip()
    if not text:
        errors.add("occurred_at", "is required")
        return now
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        errors.add("occurred_at", "must be an ISO 8601 time, e.g. 2026-11-28T08:00:00Z")
        return now
    if moment.tzinfo is None:
        errors.add("occurred_at", "give the time zone, e.g. Z for UTC")
        return now
    moment = moment.astimezone(UTC)
    if moment > now + CLOCK_SKEW:
        errors.add("occurred_at", "is in the future")
    return moment


def _lines(errors: ErrorCollector, name: str, values: Sequence[str]) -> list[str]:
    kept = [v.strip() for v in values if v and v.strip()]
    if len(kept) > MAX_LIST[name]:
        errors.add(name, f"at most {MAX_LIST[name]} entries")
    for i, value in enumerate(kept):
        _line(errors, f"{name}.{i}", value, MAX_LINE)
    return kept


def validate(data: HitReportInput, now: datetime) -> dict[str, Any]:
    """The report's stored values, or ``InvalidInput`` naming every field at fault."""
    errors = ErrorCollector()
    place = _line(errors, "place", data.place, MAX_LINE)
    if place is None:
        errors.add("place", "is required")
    values: dict[str, Any] = {
        "place": place,
        "occurred_at": _moment(errors, data.occurred_at, now),
        "transport": _word(errors, "transport", data.transport, TRANSPORT_MEANS),
        "action_taken": _word(errors, "action_taken", data.action_taken, ACTIONS_TAKEN),
        "outcome": _word(errors, "outcome", data.outcome, HIT_OUTCOMES),
        "route": _line(errors, "route", data.route, MAX_ROUTE),
        "transport_details": _line(errors, "transport_details", data.transport_details, MAX_LINE),
        "companions": _lines(errors, "companions", data.companions),
        "items": _lines(errors, "items", data.items),
    }
    notes = (data.notes or "").strip() or None
    if notes is not None:
        problem = text_problem(notes, multiline=True)
        if problem is None and len(notes) > MAX_NOTES:
            problem = f"at most {MAX_NOTES} characters"
        if problem:
            errors.add("notes", problem)
    values["notes"] = notes
    errors.raise_if_any("invalid hit report")
    return values


def _load(session: Session, reference: str) -> Alert:
    alert = session.alerts.by_reference(reference)
    if alert is None:
        raise NotFound(f"alert {reference} does not exist")
    return alert


def file_hit_report(
    store: Store,
    actor: Actor,
    reference: str,
    data: HitReportInput,
    config: AlertConfig,
    now: datetime | None = None,
) -> dict[str, Any]:
    """File the reporting agency's hit report on alert ``reference``; the owner is told
    (event ``alert.hit-report``). A second report on the same alert is a conflict."""
    moment = now or datetime.now(UTC)
    require(actor, Permission.REPORT_MOVEMENTS)  # before the look-up: no probing by role
    with store.begin() as session:
        alert = _load(session, reference)
        require_outcome_reporter(actor, alert)
        values = validate(data, moment)
        if session.hit_reports.of_alert(alert.id) is not None:
            raise Conflict(f"alert {reference} already has a hit report", {"field": "alert"})
        report = session.hit_reports.insert(
            {
                **values,
                "alert_id": alert.id,
                "agency": actor.agency,
                "reported_by": actor.user_id,
                "created_at": moment,
            }
        )
        shown = report.to_dict()
        AlertWriter(session, config, moment).emit(
            alert, "alert.hit-report", actor.name, None, hit_report=shown
        )
        session.audit.record(
            actor,
            "alert.hit-report",
            [f"alert:{reference}"],
            owner=alert.agency,
            action_taken=report.action_taken,
            outcome=report.outcome,
        )
    return shown


def find_hit_report(
    store: Store, actor: Actor, reference: str
) -> tuple[dict[str, Any] | None, bool]:
    """The hit report on alert ``reference`` (``None`` before one is filed), and whether the
    actor may file it now; for the owner or the reporting agency only (a report read is
    audited)."""
    with store.begin() as session:
        alert = _load(session, reference)
        require_hit_report_reader(actor, alert)
        report = session.hit_reports.of_alert(alert.id)
        if report is not None:
            session.audit.record(actor, "alert.hit-report.view", [f"alert:{reference}"])
    may_file = report is None and may_report(actor, alert)
    return (report.to_dict() if report else None), may_file


def get_hit_report(store: Store, actor: Actor, reference: str) -> dict[str, Any]:
    """The hit report on alert ``reference``, for the owner or the reporting agency."""
    shown, _may_file = find_hit_report(store, actor, reference)
    if shown is None:
        raise NotFound(f"alert {reference} has no hit report")
    return shown
