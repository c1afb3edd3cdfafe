"""Compliance review before sharing: owners submit, the operator's reviewers decide.

A listing shared beyond its owner goes draft → submitted → active, or → refused with
reasons (``submit_listing``, ``decide_review``). Widening an active listing's sharing is a
review of kind ``sharing``: the wider scope applies on approval. A listing of an urgent
category (``ComplianceConfig.urgent``) is published at once and reviewed within the urgent
period; the job ``compliance.overdue`` tells the operator's reviewers of one that waits
too long (once); refused after publication, it is withdrawn from partners. The owner is
told of each decision with its reasons (notices ``listing.approved``, ``listing.refused``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ictd.exc import Conflict, ErrorCollector, InvalidInput, NotFound
from ictd.lifecycle.checks import quality_checks
from ictd.model.compliance import (
    NEUTRALITY_GROUNDS,
    REVIEW_DECISIONS,
    ComplianceReview,
    QualityCheck,
    parse_categories,
)
from ictd.model.listing import Listing, ListingStatus, Sharing
from ictd.model.subject import Subject
from ictd.model.text import check_texts
from ictd.outbox import AlertConfig, AlertWriter
from ictd.security.actor import Actor
from ictd.security.policy import (
    Permission,
    can_review_compliance,
    can_see_listing,
    refuse_read,
    require,
    require_compliance_reviewer,
    require_write_owned,
)
from ictd.settings import Settings
from ictd.store import Session, Store
from ictd.store.compliance import queue_position

__all__ = [
    "ComplianceConfig",
    "ReviewView",
    "compliance_queue",
    "decide_review",
    "reviews_of_listing",
    "show_review",
    "submit_listing",
]

BATCH = 500
MAX_TEXT = 4000
SUBMITTABLE = (ListingStatus.DRAFT, ListingStatus.REFUSED, ListingStatus.ACTIVE)


@dataclass(frozen=True, slots=True)
class ComplianceConfig:
    """Which categories are published at once, and how soon they must then be reviewed."""

    urgent: frozenset[str] = frozenset()
    urgent_hours: int = 24
    alerts: AlertConfig = field(default_factory=AlertConfig)

    @classmethod
    def from_settings(
        cls, settings: Settings, alerts: AlertConfig | None = None
    ) -> ComplianceConfig:
        """The urgent categories and period of ``settings``; notices go out with ``alerts``
        (a server's alert configuration) or the settings' own."""
        try:
            urgent = parse_categories(settings.review_urgent_categories)
        except ValueError as err:
            raise InvalidInput.field("ICTD_REVIEW_URGENT_CATEGORIES", str(err)) from err
        alerts = alerts or AlertConfig.from_settings(settings)
        return cls(urgent, settings.review_urgent_hours, alerts)


@dataclass(frozen=True, slots=True)
class ReviewView:
    """What a reviewer sees of a review: the request, the listing, its subject and the
    automated checks (as of now while pending; as shown at the decision once decided)."""

    review: ComplianceReview
    listing: Listing
    subject: Subject | None
    checks: tuple[QualityCheck, ...]

    def to_dict(self, with_subject: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            **self.review.to_dict(),
            "checks": [c.to_dict() for c in self.checks],
            "checks_failed": sum(1 for c in self.checks if not c.passed),
            "listing": self.listing.to_dict(),
        }
        if with_subject and self.subject is not None:
            out["subject"] = self.subject.to_dict()
        elif self.subject is not None:
            out["subject"] = {"id": self.subject.id, "schema": self.subject.schema.value}
        return out


def operator_of(session: Session) -> str | None:
    return next((a.code for a in session.accounts.list_agencies() if a.is_operator), None)


def _owned(session: Session, actor: Actor, listing_id: int) -> tuple[Listing, Subject]:
    message = f"listing {listing_id} does not exist"
    listing = session.listings.get(listing_id)
    subject = session.subjects.get(listing.subject_id) if listing else None
    if listing is None or subject is None:
        raise NotFound(message)
    listings = session.listings.of_subjects([listing.subject_id])
    if not can_see_listing(actor, listing, subject, listings):
        raise refuse_read(actor, message, subject=subject, listing=listing)
    require_write_owned(actor, listing.agency)
    return listing, subject


def _scope(
    session: Session, listing: Listing, sharing: str | None, shared_with: list[str] | None
) -> tuple[Sharing, tuple[str, ...]]:
    """The sharing scope asked for: the given one, or the listing's own."""
    errors = ErrorCollector()
    scope, named = listing.sharing, listing.shared_with
    if sharing is not None:
        try:
            scope = Sharing(sharing)
        except ValueError:
            errors.add("sharing", f"{sharing!r} is not one of named, all")
        named = () if shared_with is None else named
    if shared_with is not None:
        for i, code in enumerate(shared_with):
            if session.accounts.get_agency(code) is None:
                errors.add(f"shared_with.{i}", f"agency {code!r} does not exist")
        named = tuple(dict.fromkeys(shared_with))
    errors.raise_if_any("invalid submission")
    if scope is Sharing.OWN:
        raise InvalidInput.field(
            "sharing", "an owner-only listing needs no review: make it active (named or all here)"
        )
    if scope is Sharing.NAMED and not named:
        raise InvalidInput.field("shared_with", "name at least one agency when sharing is 'named'")
    if scope is Sharing.ALL and named:
        raise InvalidInput.field("shared_with", "only sharing 'named' names agencies")
    return scope, named


def _note(note: str | None) -> str | None:
    if note is None:
        return None
    errors = ErrorCollector()
    check_texts(errors, {"note": note}, multiline=("note",))
    if len(note) > MAX_TEXT:
        errors.add("note", f"at most {MAX_TEXT} characters")
    errors.raise_if_any("invalid submission")
    return note.strip() or None


def submit_listing(
    store: Store,
    actor: Actor,
    listing_id: int,
    sharing: str | None = None,
    shared_with: list[str] | None = None,
    note: str | None = None,
    config: ComplianceConfig | None = None,
    now: datetime | None = None,
) -> tuple[Listing, ComplianceReview]:
    """Ask the operator's compliance reviewers to let ``listing_id`` be shared beyond its
    owner (with ``sharing``/``shared_with``, or the scope it has). A draft or refused
    listing becomes ``submitted`` (or, of an urgent category, ``active`` at once, reviewed
    within the urgent period); an active one keeps its present scope until the wider one
    is approved (an urgent one gets it at once)."""
    moment = now or datetime.now(UTC)
    config = config or ComplianceConfig()
    require(actor, Permission.WRITE_RECORDS)  # before the look-up: no probing by role
    text = _note(note)
    with store.begin() as session:
        listing, _subject = _owned(session, actor, listing_id)
        assert listing.agency is not None and listing.id is not None
        if listing.status not in SUBMITTABLE:
            raise Conflict(
                f"a {listing.status.value} listing cannot be submitted", {"field": "status"}
            )
        if session.compliance.pending_for(listing.id) is not None:
            raise Conflict("the listing is already waiting for compliance review")
        scope, named = _scope(session, listing, sharing, shared_with)
        active = listing.status is ListingStatus.ACTIVE
        if active and not listing.widens(scope, named):
            raise InvalidInput.field("sharing", "the listing is already shared this widely")
        urgent = listing.category in config.urgent
        review = ComplianceReview(
            listing_id=listing.id,
            agency=listing.agency,
            kind="sharing" if active else "publication",
            sharing=scope,
            shared_with=named,
            prior_status=listing.status.value,
            prior_sharing=listing.sharing,
            prior_shared_with=listing.shared_with,
            submitted_at=moment,
            submitted_by=actor.user_id,
            note=text,
            urgent=urgent,
            due_at=moment + timedelta(hours=config.urgent_hours) if urgent else None,
        )
        review = session.compliance.insert(review)
        changed = listing
        if urgent:
            changed = listing.copy_with(
                status=ListingStatus.ACTIVE, sharing=scope, shared_with=named
            )
        elif not active:
            changed = listing.copy_with(
                status=ListingStatus.SUBMITTED, sharing=scope, shared_with=named
            )
        if changed != listing:
            changed = changed.copy_with(updated_at=moment)
            session.listings.update(changed)
        session.audit.record(
            actor,
            "listing.submit",
            [f"listing:{listing.id}", f"compliance:{review.id}"],
            kind=review.kind,
            sharing=scope.value,
            urgent=urgent,
            status=changed.status.value,
        )
        operator = operator_of(session)
        if operator is not None:
            writer = AlertWriter(session, config.alerts, moment)
            writer.notify(operator, "listing.submitted", "system", review_notice(review, changed))
    return changed, review


def review_notice(review: ComplianceReview, listing: Listing, **extra: Any) -> dict[str, Any]:
    """What a notice about a review says: ids, category, scope, decision; no personal data."""
    return {
        "review_id": review.id,
        "listing_id": listing.id,
        "subject_id": listing.subject_id,
        "agency": review.agency,
        "reference": listing.reference,
        "category": listing.category,
        "kind": review.kind,
        "sharing": review.sharing.value,
        "urgent": review.urgent,
        "status": listing.status.value,
        "due_at": review.due_at.isoformat() if review.due_at else None,
        **extra,
    }


def _view(session: Session, review: ComplianceReview, now: datetime) -> ReviewView:
    listing = session.listings.get(review.listing_id)
    assert listing is not None
    subject = session.subjects.get(listing.subject_id)
    if not review.is_pending:
        checks = review.checks
    elif subject is None:
        checks = (QualityCheck("identifying-data", False, "the subject has been deleted"),)
    else:
        checks = quality_checks(listing, subject, now.date())
    return ReviewView(review, listing, subject, checks)


def compliance_queue(
    store: Store, actor: Actor, after: int = 0, limit: int = 100, now: datetime | None = None
) -> tuple[list[ReviewView], int | None]:
    """The reviews waiting for a decision, urgent ones first, with their automated checks."""
    moment = now or datetime.now(UTC)
    with store.begin() as session:
        require_compliance_reviewer(actor, operator_of(session))
        found = session.compliance.pending(after, limit + 1)
        views = [_view(session, r, moment) for r in found[:limit]]
        session.audit.record(actor, "compliance.queue", [], count=len(views))
    next_cursor = queue_position(found[limit - 1]) if len(found) > limit else None
    return views, next_cursor


def show_review(
    store: Store, actor: Actor, review_id: int, now: datetime | None = None
) -> ReviewView:
    """One review in full for a reviewer: the request, the listing, its subject, the checks."""
    moment = now or datetime.now(UTC)
    with store.begin() as session:
        require_compliance_reviewer(actor, operator_of(session))
        review = session.compliance.get(review_id)
        if review is None:
            raise NotFound(f"compliance review {review_id} does not exist")
        view = _view(session, review, moment)
        session.audit.record(
            actor,
            "compliance.view",
            [
                f"compliance:{review_id}",
                f"listing:{review.listing_id}",
                f"subject:{view.listing.subject_id}",
            ],
        )
    return view


def decision_input(decision: str, neutrality: str, reasons: str) -> tuple[str, str, str | None]:
    errors = ErrorCollector()
    check_texts(
        errors, {"neutrality": neutrality, "reasons": reasons}, multiline=("neutrality", "reasons")
    )
    if decision not in REVIEW_DECISIONS:
        errors.add("decision", f"{decision!r} is not one of {', '.join(REVIEW_DECISIONS)}")
    if not neutrality.strip():
        errors.add(
            "neutrality",
            "state that the listing serves no matter of a predominantly "
            f"{', '.join(NEUTRALITY_GROUNDS)} character (or why it does)",
        )
    if decision == "refused" and not reasons.strip():
        errors.add("reasons", "a refusal gives its reasons")
    for name, value in (("neutrality", neutrality), ("reasons", reasons)):
        if len(value) > MAX_TEXT:
            errors.add(name, f"at most {MAX_TEXT} characters")
    errors.raise_if_any("invalid decision")
    return decision, neutrality.strip(), reasons.strip() or None


def decide_review(
    store: Store,
    actor: Actor,
    review_id: int,
    decision: str,
    neutrality: str,
    reasons: str = "",
    config: ComplianceConfig | None = None,
    now: datetime | None = None,
) -> tuple[ComplianceReview, Listing]:
    """Approve or refuse a pending review, with the reviewer's neutrality statement and
    reasons (required for a refusal). Approval publishes the listing with the scope asked
    for; refusal leaves a submitted listing ``refused``, takes a listing published urgently
    away from partners, and keeps an active listing's present scope. The owner is told."""
    moment = now or datetime.now(UTC)
    config = config or ComplianceConfig()
    decision, statement, grounds = decision_input(decision, neutrality, reasons)
    with store.begin() as session:
        require_compliance_reviewer(actor, operator_of(session))
        review = session.compliance.get(review_id)
        if review is None:
            raise NotFound(f"compliance review {review_id} does not exist")
        if not review.is_pending:
            raise Conflict(f"compliance review {review_id} is already {review.status}")
        if review.submitted_by is not None and review.submitted_by == actor.user_id:
            raise Conflict("a reviewer does not decide a listing they submitted")
        view = _view(session, review, moment)
        listing = view.listing
        changed = _apply_decision(review, listing, decision)
        decided = review.copy_with(
            status=decision,
            decided_at=moment,
            decided_by=actor.user_id,
            neutrality=statement,
            reasons=grounds,
            checks=view.checks,
        )
        session.compliance.update(decided)
        if changed != listing:
            changed = changed.copy_with(updated_at=moment)
            session.listings.update(changed)
        verb = "approve" if decision == "approved" else "refuse"
        session.audit.record(
            actor,
            f"compliance.{verb}",
            [f"compliance:{review_id}", f"listing:{listing.id}", f"subject:{listing.subject_id}"],
            kind=review.kind,
            urgent=review.urgent,
            status=changed.status.value,
            sharing=changed.sharing.value,
            checks_failed=sum(1 for c in view.checks if not c.passed),
        )
        writer = AlertWriter(session, config.alerts, moment)
        payload = review_notice(decided, changed, decision=decision, reasons=grounds)
        writer.notify(review.agency, f"listing.{decision}", "system", payload)
    return decided, changed


def _apply_decision(review: ComplianceReview, listing: Listing, decision: str) -> Listing:
    """The listing after the decision on ``review`` (a withdrawn listing stays withdrawn)."""
    if listing.status in (ListingStatus.WITHDRAWN, ListingStatus.EXPIRED):
        return listing
    if decision == "approved":
        return listing.copy_with(
            status=ListingStatus.ACTIVE, sharing=review.sharing, shared_with=review.shared_with
        )
    if review.kind == "publication":
        return listing.copy_with(status=ListingStatus.REFUSED)
    # a widened sharing refused: the listing keeps (or, if published urgently, gets back)
    # the scope it had before the request
    return listing.copy_with(sharing=review.prior_sharing, shared_with=review.prior_shared_with)


def reviews_of_listing(store: Store, actor: Actor, listing_id: int) -> list[ComplianceReview]:
    """A listing's compliance reviews with their decisions and reasons: for its owner's
    users and the operator's reviewers."""
    message = f"listing {listing_id} does not exist"
    with store.begin() as session:
        reviewer = can_review_compliance(actor, operator_of(session))
        if not reviewer:  # before the look-up: no probing by role
            require(actor, Permission.READ_RECORDS)
        listing = session.listings.get(listing_id)
        if listing is None:
            raise NotFound(message)
        if not reviewer and not actor.is_system and listing.agency != actor.agency:
            raise refuse_read(actor, message, listing=listing)
        found = session.compliance.of_listing(listing_id)
        session.audit.record(actor, "compliance.history", [f"listing:{listing_id}"])
    return found
