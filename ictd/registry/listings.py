"""Listings: an agency's request on a subject, its sharing scope and its life cycle."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Any

from ictd.exc import Conflict, ErrorCollector, InvalidInput, NotFound
from ictd.model import Action, Handling, Listing, ListingStatus, Sharing
from ictd.model.lifecycle import ReviewPolicy
from ictd.model.listing import ACCURACY_GRADES, CATEGORIES, RELIABILITY_GRADES
from ictd.model.text import check_texts
from ictd.security.actor import Actor
from ictd.security.policy import (
    Permission,
    can_see_listing,
    listing_contact,
    refuse_read,
    require,
    require_read_subject,
    require_write_owned,
)
from ictd.store import Session, Store

__all__ = [
    "ListingInput",
    "close_reviews",
    "create_listing",
    "get_listing",
    "list_listings",
    "resolve_reference",
    "update_listing",
]

# Allowed status changes by the owner; a withdrawn listing stays withdrawn. ``submitted``
# and ``refused`` are reached through compliance review only (``ictd.lifecycle.compliance``).
TRANSITIONS: dict[ListingStatus, frozenset[ListingStatus]] = {
    ListingStatus.DRAFT: frozenset({ListingStatus.ACTIVE, ListingStatus.WITHDRAWN}),
    ListingStatus.SUBMITTED: frozenset({ListingStatus.WITHDRAWN}),
    ListingStatus.REFUSED: frozenset({ListingStatus.DRAFT, ListingStatus.WITHDRAWN}),
    ListingStatus.ACTIVE: frozenset({ListingStatus.EXPIRED, ListingStatus.WITHDRAWN}),
    ListingStatus.EXPIRED: frozenset({ListingStatus.ACTIVE, ListingStatus.WITHDRAWN}),
    ListingStatus.WITHDRAWN: frozenset(),
}


@dataclass(frozen=True, slots=True)
class ListingInput:
    """Listing fields as a caller gives them; ``None`` means "not given"."""

    category: str | None = None
    actions: list[str] | None = None
    reference: str | None = None
    legal_basis: str | None = None
    reliability: str | None = None
    accuracy: int | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    review_date: str | None = None
    sharing: str | None = None
    shared_with: list[str] | None = None
    handling: str | None = None
    status: str | None = None
    notes: str | None = None


def _enum(errors: ErrorCollector, name: str, kind: Any, value: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        errors.add(name, f"{value!r} is not one of {', '.join(k.value for k in kind)}")
        return None


def _day(errors: ErrorCollector, name: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.add(name, f"{value!r} is not a date (YYYY-MM-DD)")
        return None


def _apply(base: Listing, data: ListingInput, session: Session) -> Listing:
    """Validate ``data`` and return ``base`` with the given fields changed."""
    errors = ErrorCollector()
    if not check_texts(errors, asdict(data), multiline=("legal_basis", "notes")):
        errors.raise_if_any("invalid listing")
    changes: dict[str, Any] = {}
    if data.category is not None:
        if data.category not in CATEGORIES:
            errors.add(
                "category", f"{data.category!r} is not one of {', '.join(sorted(CATEGORIES))}"
            )
        changes["category"] = data.category
    if data.actions is not None:
        if not data.actions:
            errors.add("actions", "give at least one requested action")
        acts = [_enum(errors, f"actions.{i}", Action, a) for i, a in enumerate(data.actions)]
        changes["actions"] = tuple(dict.fromkeys(a for a in acts if a))
    if data.reliability is not None:
        if data.reliability not in RELIABILITY_GRADES:
            errors.add("reliability", f"must be one of {', '.join(RELIABILITY_GRADES)}")
        changes["reliability"] = data.reliability
    if data.accuracy is not None:
        if data.accuracy not in ACCURACY_GRADES:
            errors.add("accuracy", "must be 1, 2, 3 or 4")
        changes["accuracy"] = data.accuracy
    for name in ("valid_from", "valid_until", "review_date"):
        if getattr(data, name) is not None:
            changes[name] = _day(errors, name, getattr(data, name))
    if data.sharing is not None:
        changes["sharing"] = _enum(errors, "sharing", Sharing, data.sharing)
    if data.shared_with is not None:
        changes["shared_with"] = _agencies(errors, session, data.shared_with)
    if data.handling is not None:
        changes["handling"] = _enum(errors, "handling", Handling, data.handling)
    for name in ("reference", "legal_basis", "notes"):
        if getattr(data, name) is not None:
            changes[name] = getattr(data, name)
    errors.raise_if_any("invalid listing")
    listing = base.copy_with(**changes)
    _check_consistency(listing)
    return listing


def _agencies(errors: ErrorCollector, session: Session, codes: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for i, code in enumerate(codes):
        if session.accounts.get_agency(code) is None:
            errors.add(f"shared_with.{i}", f"agency {code!r} does not exist")
        out.append(code)
    return tuple(dict.fromkeys(out))


def _check_consistency(listing: Listing) -> None:
    errors = ErrorCollector()
    if not listing.actions:
        errors.add("actions", "give at least one requested action")
    if listing.sharing is Sharing.NAMED and not listing.shared_with:
        errors.add("shared_with", "name at least one agency when sharing is 'named'")
    if listing.sharing is not Sharing.NAMED and listing.shared_with:
        errors.add("shared_with", "only a listing with sharing 'named' names agencies")
    if listing.valid_from and listing.valid_until and listing.valid_until < listing.valid_from:
        errors.add("valid_until", "is before valid_from")
    errors.raise_if_any("invalid listing")


def _check_review_date(listing: Listing, review: ReviewPolicy, today: date) -> Listing:
    """A listing with a review date: the one given (no further than the policy's maximum
    from ``today``) or the policy's default for its category and actions."""
    if listing.review_date is None:
        return listing.copy_with(review_date=review.default_date(listing, today))
    latest = review.latest_date(today)
    if listing.review_date > latest:
        raise InvalidInput.field(
            "review_date",
            f"must be no later than {latest.isoformat()} ({review.max_months} months)",
        )
    return listing


REVIEW_NEEDED = (
    "a listing shared beyond its agency is published through compliance review: "
    "submit it (POST /api/v1/listings/{id}/submit, `ictd listing submit`)"
)


def _check_review(current: Listing | None, changed: Listing) -> None:
    """Sharing beyond the owner is published by the operator's compliance review, never by
    an edit: an active listing may not become shared, or more widely shared, here; nor
    may a listing waiting for review change its scope."""
    if current is not None and current.status is ListingStatus.SUBMITTED:
        if (changed.sharing, changed.shared_with) != (current.sharing, current.shared_with):
            raise Conflict(
                "the listing is waiting for compliance review: its sharing cannot change",
                {"field": "sharing"},
            )
        return
    if changed.status is not ListingStatus.ACTIVE or not changed.is_shared:
        return
    if current is None or current.status is not ListingStatus.ACTIVE:
        if (
            current is not None
            and current.status is ListingStatus.EXPIRED
            and not current.widens(changed.sharing, changed.shared_with)
        ):
            return  # an expired listing, published before, comes back as it was
        raise Conflict(REVIEW_NEEDED, {"field": "status"})
    if current.widens(changed.sharing, changed.shared_with):
        raise Conflict(REVIEW_NEEDED, {"field": "sharing"})


def create_listing(
    store: Store,
    actor: Actor,
    subject_id: int,
    data: ListingInput,
    now: datetime | None = None,
    review: ReviewPolicy | None = None,
) -> Listing:
    """List a subject the actor can read, on behalf of the actor's agency (draft or active;
    active only when shared with nobody else: sharing beyond the agency is published
    through compliance review, ``ictd.lifecycle.compliance.submit_listing``).

    Without a review date the listing gets the default of ``review`` (the review periods of
    the settings) for its category and actions; a given one may be no further off than the
    maximum period."""
    moment = now or datetime.now(UTC)
    review = review or ReviewPolicy()
    require_write_owned(actor, actor.agency)
    errors = ErrorCollector()
    if data.category is None:
        errors.add("category", "is required")
    if data.actions is None:
        errors.add("actions", "is required")
    status = ListingStatus.DRAFT
    if data.status is not None:
        status = _enum(errors, "status", ListingStatus, data.status) or status
        if status not in (ListingStatus.DRAFT, ListingStatus.ACTIVE):
            errors.add("status", "a new listing is 'draft' or 'active'")
    errors.raise_if_any("invalid listing")
    with store.begin() as session:
        subject = session.subjects.get(subject_id)
        if subject is None:
            raise NotFound(f"subject {subject_id} does not exist")
        require_read_subject(actor, subject, session.listings.of_subjects([subject_id]))
        base = Listing(
            subject_id=subject_id,
            category="",
            actions=(),
            agency=actor.agency,
            status=status,
            created_at=moment,
            updated_at=moment,
            created_by=actor.user_id,
            last_reviewed=moment.date(),
        )
        listing = _check_review_date(_apply(base, data, session), review, moment.date())
        _check_review(None, listing)
        listing = session.listings.insert(listing)
        session.audit.record(
            actor,
            "listing.create",
            [f"listing:{listing.id}", f"subject:{subject_id}"],
            status=status.value,
            category=listing.category,
        )
    return listing


def update_listing(
    store: Store,
    actor: Actor,
    listing_id: int,
    data: ListingInput,
    now: datetime | None = None,
    review: ReviewPolicy | None = None,
) -> Listing:
    """Change a listing's fields or status; only its owner may, along allowed transitions.
    A review date may be brought forward here; a later one needs a recorded extension
    (``ictd.lifecycle.review.extend_listing``)."""
    moment = now or datetime.now(UTC)
    review = review or ReviewPolicy()
    require(actor, Permission.WRITE_RECORDS)  # before the look-up: no probing by role
    with store.begin() as session:
        current = _get(session, actor, listing_id)
        require_write_owned(actor, current.agency)
        changed = _apply(current, data, session)
        if data.review_date is not None and changed.review_date != current.review_date:
            _check_later_review(current, changed, review, moment.date())
        if data.status is not None:
            errors = ErrorCollector()
            new_status = _enum(errors, "status", ListingStatus, data.status)
            errors.raise_if_any("invalid listing")
            if new_status != current.status and new_status not in TRANSITIONS[current.status]:
                raise Conflict(
                    f"a {current.status.value} listing cannot become {new_status.value}",
                    {"field": "status"},
                )
            changed = changed.copy_with(status=new_status)
        _check_review(current, changed)
        changed = changed.copy_with(updated_at=moment)
        session.listings.update(changed)
        if changed.status is ListingStatus.WITHDRAWN:
            close_reviews(session, actor, listing_id, moment)
        session.audit.record(
            actor,
            "listing.update",
            [f"listing:{listing_id}"],
            status=changed.status.value,
            fields=sorted(k for k, v in vars_of(data).items() if v is not None),
        )
    return changed


def close_reviews(session: Session, actor: Actor, listing_id: int, at: datetime) -> None:
    """A withdrawn listing's compliance reviews still waiting are closed without a decision
    (nothing is left in the reviewers' queue for a listing that no longer asks to be shared),
    and the closing is audited."""
    closed = session.compliance.close_pending(listing_id, at)
    if closed:
        session.audit.record(
            actor,
            "compliance.close",
            [*(f"compliance:{i}" for i in closed), f"listing:{listing_id}"],
            reason="listing withdrawn",
        )


def _check_later_review(
    current: Listing, changed: Listing, review: ReviewPolicy, today: date
) -> None:
    if changed.review_date is None:
        raise InvalidInput.field("review_date", "a listing keeps a review date")
    if current.review_date is not None and changed.review_date > current.review_date:
        raise InvalidInput.field(
            "review_date",
            "a later review date needs a recorded extension (who, why, until when): "
            f"extend listing {current.id}",
        )
    _check_review_date(changed, review, today)


def vars_of(data: ListingInput) -> dict[str, Any]:
    return {name: getattr(data, name) for name in ListingInput.__dataclass_fields__}


def _get(session: Session, actor: Actor, listing_id: int) -> Listing:
    """A listing the actor may see in full; a hidden one answers as a missing one (audited)."""
    require(actor, Permission.READ_RECORDS)
    message = f"listing {listing_id} does not exist"
    listing = session.listings.get(listing_id)
    if listing is None:
        raise NotFound(message)
    subject = session.subjects.get(listing.subject_id)
    listings = session.listings.of_subjects([listing.subject_id])
    if subject is None and not actor.is_system:
        raise NotFound(message)
    if subject is not None and not can_see_listing(actor, listing, subject, listings):
        raise refuse_read(actor, message, subject=subject, listing=listing)
    return listing


def get_listing(store: Store, actor: Actor, listing_id: int) -> Listing:
    with store.begin() as session:
        listing = _get(session, actor, listing_id)
        session.audit.record(actor, "listing.view", [f"listing:{listing_id}"])
    return listing


def resolve_reference(store: Store, actor: Actor, reference: str) -> Listing:
    """The listing behind a contact reference a partner quoted (``LREF-…``), for the agency
    that owns it (for a source's listing: the operator agency) only; to any other caller the
    reference does not exist (and the attempt is audited for the owner)."""
    require(actor, Permission.READ_RECORDS)
    message = f"listing reference {reference} does not exist"
    with store.begin() as session:
        listing = session.listings.by_contact_ref(reference.strip().upper())
        if listing is None:
            raise NotFound(message)
        owner = listing_contact(listing, {a.code: a for a in session.accounts.list_agencies()})
        if not actor.is_system and (owner is None or owner.code != actor.agency):
            raise refuse_read(actor, message, listing=listing)
        session.audit.record(
            actor,
            "listing.resolve",
            [f"listing:{listing.id}", f"subject:{listing.subject_id}"],
            reference=listing.contact_ref,
        )
    return listing


def list_listings(
    store: Store, actor: Actor, status: str | None = None, after: int = 0, limit: int = 100
) -> tuple[list[Listing], int | None]:
    """The actor's agency's own listings, a page at a time."""
    require(actor, Permission.READ_RECORDS)
    if status is not None:
        errors = ErrorCollector()
        _enum(errors, "status", ListingStatus, status)
        errors.raise_if_any("invalid filter")
    agency = None if actor.is_system else actor.agency
    with store.begin() as session:
        found = session.listings.page(agency, status, after, limit + 1)
        session.audit.record(actor, "listing.list", [], status=status, count=min(len(found), limit))
    next_cursor = found[limit - 1].id if len(found) > limit else None
    return found[:limit], next_cursor
