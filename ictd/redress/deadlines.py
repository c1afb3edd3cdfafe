"""The job ``redress.deadlines``: escalate forwarded redress requests whose answer or
decision deadline passed. Each missed deadline is escalated once (the referral records when),
so the job may run as often as wanted: a ``redress.overdue`` notice to the late agency and to
the operator agency (its redress officers), and an audit event."""

from __future__ import annotations

from datetime import datetime

from ictd.outbox.writer import AlertWriter
from ictd.redress.service import RedressConfig
from ictd.security.actor import Actor
from ictd.settings import Settings
from ictd.store import Store

__all__ = ["escalate_overdue"]

BATCH = 500


def escalate_overdue(store: Store, settings: Settings, now: datetime) -> dict[str, int]:
    """Escalate every missed, not yet escalated, deadline of an undecided referral."""
    config = RedressConfig.from_settings(settings)
    actor = Actor.system("redress deadlines")
    escalated = 0
    while True:
        with store.begin() as session:
            missed = session.redress.missed_deadlines(now, BATCH)
            if not missed:
                break
            operator = next(
                (a.code for a in session.accounts.list_agencies() if a.is_operator), None
            )
            writer = AlertWriter(session, config.alerts, now)
            for request, referral, which in missed:
                changes = {f"{which}_escalated_at": now}
                if which == "decision" and referral.answer_escalated_at is None:
                    changes["answer_escalated_at"] = now
                session.redress.update_referral(referral.id, **changes)
                payload = {
                    "redress": request.reference,
                    "kind": request.kind,
                    "agency": referral.agency,
                    "deadline": which,
                    "due": (
                        referral.decision_due if which == "decision" else referral.answer_due
                    ).isoformat(),
                }
                for code in dict.fromkeys(c for c in (referral.agency, operator) if c):
                    writer.notify(code, "redress.overdue", actor.name, payload)
                session.audit.record(
                    actor,
                    "redress.overdue",
                    [f"redress:{request.reference}"],
                    agency=referral.agency,
                    deadline=which,
                )
            escalated += len(missed)
        if len(missed) < BATCH:
            break
    return {"escalated": escalated}
