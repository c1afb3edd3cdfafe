"""Feedback on media signals, quarantine of disputed ones, and the owner's review.

Each agency that may see a signal holds one feedback row on it: its verdict (true or false
positive) and, for URLs, the takedown state (reported, removed, still up) with its date. When
``quarantine_disputes`` agencies have called a signal a false positive since its owner last
reviewed it, the signal is quarantined: it no longer matches until the owner reviews it
(keeps it, which restores it, or withdraws it for good).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ictd.exc import ErrorCollector, InvalidInput
from ictd.model.media import FEEDBACK_VERDICTS, TAKEDOWN_STATES, SignalStatus
from ictd.model.text import text_problem
from ictd.security.actor import Actor
from ictd.security.policy import Permission, require
from ictd.signals.access import agency_of, load_visible, require_owner, shown
from ictd.signals.config import MediaConfig
from ictd.store import Store

__all__ = ["give_feedback", "review_signal"]


def _check(verdict: str | None, takedown: str | None, note: str | None) -> None:
    errors = ErrorCollector()
    if verdict is None and takedown is None:
        errors.add("verdict", "give a verdict or a takedown state")
    if verdict is not None and verdict not in FEEDBACK_VERDICTS:
        errors.add("verdict", f"must be one of {', '.join(FEEDBACK_VERDICTS)}")
    if takedown is not None and takedown not in TAKEDOWN_STATES:
        errors.add("takedown", f"must be one of {', '.join(TAKEDOWN_STATES)}")
    if note is not None:
        problem = text_problem(note, multiline=True)
        if problem or len(note) > 2000:
            errors.add("note", problem or "at most 2000 characters")
    errors.raise_if_any("invalid feedback")


def give_feedback(
    store: Store,
    actor: Actor,
    signal_id: int,
    verdict: str | None = None,
    takedown: str | None = None,
    takedown_at: datetime | None = None,
    note: str | None = None,
    config: MediaConfig | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Record the agency's verdict and/or takedown state on a signal it may see; answers
    the feedback row and the signal's status (``quarantined`` once disputes reach the
    setting)."""
    require(actor, Permission.MATCH_MEDIA)
    agency = agency_of(actor)
    _check(verdict, takedown, note)
    moment = now or datetime.now(UTC)
    changes: dict[str, Any] = {}
    if verdict is not None:
        changes["verdict"] = verdict
    if takedown is not None:
        changes["takedown"] = takedown
        changes["takedown_at"] = takedown_at or moment
    if note is not None:
        changes["note"] = note
    with store.begin() as session:
        signal = load_visible(session, actor, signal_id)
        if takedown is not None and signal.kind != "url":
            raise InvalidInput.field("takedown", "takedown states are given for URLs only")
        row = session.media_signals.set_feedback(signal_id, agency, moment, **changes)
        disputes = session.media_signals.disputes_since(signal_id, signal.reviewed_at)
        limit = (config or MediaConfig()).quarantine_disputes
        status = signal.status
        if status is SignalStatus.ACTIVE and disputes >= limit:
            status = SignalStatus.QUARANTINED
            session.media_signals.update(signal_id, status=status.value, updated_at=moment)
        session.audit.record(
            actor,
            "media.feedback",
            [f"media_signal:{signal_id}"],
            verdict=verdict,
            takedown=takedown,
            quarantined=status is SignalStatus.QUARANTINED or None,
        )
    return {**row.to_dict(), "signal_status": status.value, "disputes": disputes}


def review_signal(
    store: Store, actor: Actor, signal_id: int, keep: bool, now: datetime | None = None
) -> dict[str, Any]:
    """The owner's review: ``keep`` restores the signal (disputes before now no longer
    count); otherwise it is withdrawn and never matches again."""
    require(actor, Permission.SUBMIT_MEDIA)
    moment = now or datetime.now(UTC)
    status = SignalStatus.ACTIVE if keep else SignalStatus.WITHDRAWN
    with store.begin() as session:
        require_owner(actor, load_visible(session, actor, signal_id))
        signal = session.media_signals.update(
            signal_id, status=status.value, reviewed_at=moment, updated_at=moment
        )
        session.audit.record(actor, "media.signal.review", [f"media_signal:{signal_id}"], kept=keep)
        (answer,) = shown(session, actor, [signal.to_dict()])
    return answer
