"""Erasure of one agency's data on a subject, as a redress decision orders it: the agency's
listings on the subject are withdrawn and the statements it made are retracted, inside the
caller's transaction. Nothing is deleted: the withdrawn listings and the retracted
statements (tombstones with the time of retraction) stay in the history, and the act is
audited with the reason (the redress request's reference)."""

from __future__ import annotations

from datetime import datetime

from ictd.model import ListingStatus
from ictd.registry.listings import close_reviews
from ictd.security.actor import Actor
from ictd.store import Session

__all__ = ["erase_agency_data"]


def erase_agency_data(
    session: Session, actor: Actor, subject_id: int, agency: str, at: datetime, reason: str
) -> dict[str, int]:
    """Withdraw ``agency``'s listings on the subject and retract its statements; the counts."""
    withdrawn = []
    for listing in session.listings.of_subjects([subject_id]):
        if listing.agency != agency or listing.status is ListingStatus.WITHDRAWN:
            continue
        session.listings.update(listing.copy_with(status=ListingStatus.WITHDRAWN, updated_at=at))
        assert listing.id is not None
        close_reviews(session, actor, listing.id, at)
        withdrawn.append(listing.id)
    subject = session.subjects.get(subject_id)
    retracted = [
        s.id for s in (subject.active if subject else ()) if s.agency == agency and s.id is not None
    ]
    if retracted:
        session.subjects.retract_statements(retracted, at)
    if withdrawn or retracted:
        session.subjects.touch(subject_id, at)
    session.audit.record(
        actor,
        "subject.erase",
        [f"subject:{subject_id}", *(f"listing:{i}" for i in withdrawn)],
        agency=agency,
        reason=reason,
        withdrawn=len(withdrawn),
        retracted=len(retracted),
    )
    return {"withdrawn": len(withdrawn), "retracted": len(retracted)}
