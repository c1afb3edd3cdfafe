"""Compliance review over many listings at once: the job that escalates overdue urgent
reviews, and the recording of reviews for listings loaded already reviewed."""

from __future__ import annotations

from datetime import UTC, datetime

from ictd.lifecycle.checks import quality_checks
from ictd.lifecycle.compliance import (
    BATCH,
    ComplianceConfig,
    decision_input,
    operator_of,
    review_notice,
)
from ictd.model.compliance import ComplianceReview
from ictd.model.listing import ListingStatus
from ictd.outbox import AlertWriter
from ictd.security.actor import Actor
from ictd.security.policy import require_compliance_reviewer
from ictd.settings import Settings
from ictd.store import Store

__all__ = ["escalate_overdue_reviews", "record_reviews"]


def escalate_overdue_reviews(store: Store, settings: Settings, now: datetime) -> dict[str, int]:
    """Tell the operator's reviewers (notice ``compliance.overdue``) of each urgent listing
    published before review whose review deadline has passed; once per review, audited."""
    config = ComplianceConfig.from_settings(settings)
    system = Actor.system("compliance.overdue")
    escalated = 0
    while True:
        with store.begin() as session:
            found = session.compliance.overdue(now, BATCH)
            operator = operator_of(session)
            writer = AlertWriter(session, config.alerts, now)
            for review in found:
                session.compliance.update(review.copy_with(escalated_at=now))
                listing = session.listings.get(review.listing_id)
                assert listing is not None
                if operator is not None:
                    payload = review_notice(review, listing)
                    writer.notify(operator, "compliance.overdue", system.name, payload)
                session.audit.record(
                    system,
                    "compliance.overdue",
                    [f"compliance:{review.id}", f"listing:{review.listing_id}"],
                    due_at=review.due_at.isoformat() if review.due_at else None,
                )
            escalated += len(found)
        if len(found) < BATCH:
            break
    return {"escalated": escalated}


def record_reviews(
    store: Store, actor: Actor, neutrality: str, reasons: str, now: datetime | None = None
) -> int:
    """Record the operator's approval of every active shared listing that has none: listings
    loaded already reviewed (the demo's, or those taken over from another system). The
    reviewer ``actor`` states ``neutrality`` and ``reasons`` once for all; each review keeps
    the automated checks of its listing, and the act is audited. Returns how many."""
    moment = now or datetime.now(UTC)
    _decision, statement, grounds = decision_input("approved", neutrality, reasons)
    recorded, after = 0, 0
    while True:
        with store.begin() as session:
            require_compliance_reviewer(actor, operator_of(session))
            page = session.compliance.unreviewed(after, BATCH)
            for listing in page:
                assert listing.agency is not None and listing.id is not None
                subject = session.subjects.get(listing.subject_id)
                checks = quality_checks(listing, subject, moment.date()) if subject else ()
                session.compliance.insert(
                    ComplianceReview(
                        listing_id=listing.id,
                        agency=listing.agency,
                        kind="publication",
                        sharing=listing.sharing,
                        shared_with=listing.shared_with,
                        prior_status=ListingStatus.SUBMITTED.value,
                        prior_sharing=listing.sharing,
                        prior_shared_with=listing.shared_with,
                        submitted_at=listing.created_at or moment,
                        status="approved",
                        decided_at=moment,
                        decided_by=actor.user_id,
                        neutrality=statement,
                        reasons=grounds,
                        checks=checks,
                    )
                )
            if page:
                session.audit.record(
                    actor, "compliance.record", [], listings=len(page), first=page[0].id
                )
        recorded += len(page)
        if len(page) < BATCH:
            return recorded
        after = page[-1].id or after
