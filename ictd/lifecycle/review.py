"""Review dates: the owner's queue of reviews due, extensions with a recorded assessment,
and the two scheduled jobs that warn owners ahead and let unextended listings expire."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from ictd.exc import Conflict, ErrorCollector, Forbidden, InvalidInput, NotFound
from ictd.model.lifecycle import REVIEW_WARNINGS, Extension, ReviewPolicy, add_months, parse_periods
from ictd.model.listing import Listing, ListingStatus
from ictd.model.text import check_texts
from ictd.outbox import AlertConfig, AlertWriter
from ictd.security.actor import Actor
from ictd.security.policy import (
    Permission,
    can_see_listing,
    refuse_read,
    require,
    require_write_owned,
)
from ictd.settings import Settings
from ictd.store import Session, Store

__all__ = [
    "DueListing",
    "due_listings",
    "expire_listings",
    "extend_listing",
    "extensions_of",
    "review_policy",
    "send_review_warnings",
]

BATCH = 500
MAX_REASON = 2000
WARN_MONTHS = max(months for _, months in REVIEW_WARNINGS)


def review_policy(settings: Settings) -> ReviewPolicy:
    """The review periods of ``settings``."""
    return ReviewPolicy(
        default_months=settings.listing_review_months,
        max_months=settings.listing_review_max_months,
        periods=parse_periods(settings.listing_review_months_by),
    )


@dataclass(frozen=True, slots=True)
class DueListing:
    """A listing in an owner's review queue and how many days remain before it expires."""

    listing: Listing
    days_left: int

    def to_dict(self) -> dict[str, object]:
        return {**self.listing.to_dict(), "days_left": self.days_left}


def _cursor(text: str | None) -> tuple[date, int] | None:
    if not text:
        return None
    day, _, ident = text.partition("_")
    try:
        found = date.fromisoformat(day), int(ident)
    except ValueError:
        found = None
    if found is None or not 0 < found[1] < 2**63:
        raise InvalidInput.field("after", "is not a cursor this list returned")
    return found


def due_listings(
    store: Store,
    actor: Actor,
    today: date | None = None,
    after: str | None = None,
    limit: int = 100,
) -> tuple[list[DueListing], str | None]:
    """The actor's agency's active listings whose review date is within four months (or
    passed, not yet expired), soonest first; ``next`` is the cursor of the following page."""
    require(actor, Permission.READ_RECORDS)
    day = today or datetime.now(UTC).date()
    cursor = _cursor(after)
    agency = None if actor.is_system else actor.agency
    with store.begin() as session:
        found = session.listing_review.due(agency, add_months(day, WARN_MONTHS), cursor, limit + 1)
        session.audit.record(actor, "listing.review.queue", [], count=min(len(found), limit))
    items = [DueListing(x, (x.review_date - day).days) for x in found[:limit] if x.review_date]
    last = found[limit - 1] if len(found) > limit else None
    next_cursor = f"{last.review_date}_{last.id}" if last and last.review_date else None
    return items, next_cursor


def _seen(session: Session, actor: Actor, listing_id: int) -> Listing:
    """A listing the actor sees in full; a hidden one answers as missing (audited)."""
    message = f"listing {listing_id} does not exist"
    listing = session.listings.get(listing_id)
    if listing is None:
        raise NotFound(message)
    subject = session.subjects.get(listing.subject_id)
    if subject is None and not actor.is_system:
        raise NotFound(message)
    if subject is not None and not can_see_listing(
        actor, listing, subject, session.listings.of_subjects([listing.subject_id])
    ):
        raise refuse_read(actor, message, subject=subject, listing=listing)
    return listing


def _owned(session: Session, actor: Actor, listing_id: int) -> Listing:
    """A listing the actor's agency owns and may change; a hidden one answers as missing."""
    listing = _seen(session, actor, listing_id)
    require_write_owned(actor, listing.agency)
    return listing


def extend_listing(
    store: Store,
    actor: Actor,
    listing_id: int,
    until: str,
    reason: str,
    review: ReviewPolicy | None = None,
    now: datetime | None = None,
) -> tuple[Listing, Extension]:
    """Move an active listing's review date to ``until`` (no further than the maximum
    period from today) with the owner's assessment ``reason``; before the date only."""
    moment = now or datetime.now(UTC)
    review = review or ReviewPolicy()
    require(actor, Permission.WRITE_RECORDS)  # before the look-up: no probing by role
    errors = ErrorCollector()
    check_texts(errors, {"reason": reason}, multiline=("reason",))
    text = reason.strip()
    if not text:
        errors.add("reason", "say why the listing is still needed")
    elif len(text) > MAX_REASON:
        errors.add("reason", f"at most {MAX_REASON} characters")
    new_date = None
    try:
        new_date = date.fromisoformat(until)
    except ValueError:
        errors.add("until", f"{until!r} is not a date (YYYY-MM-DD)")
    today = moment.date()
    if new_date is not None:
        latest = review.latest_date(today)
        if new_date <= today:
            errors.add("until", "must be after today")
        elif new_date > latest:
            errors.add("until", f"must be no later than {latest} ({review.max_months} months)")
    errors.raise_if_any("invalid extension")
    assert new_date is not None
    with store.begin() as session:
        listing = _owned(session, actor, listing_id)
        if listing.status is not ListingStatus.ACTIVE:
            raise Conflict(
                f"only an active listing is extended; this one is {listing.status.value}",
                {"field": "status"},
            )
        if listing.review_date is not None and listing.review_date <= today:
            raise Conflict(
                f"the review date {listing.review_date} has passed: the listing expires",
                {"field": "until"},
            )
        assert listing.agency is not None and listing.id is not None
        extension = session.listing_review.add_extension(
            Extension(
                listing_id=listing.id,
                agency=listing.agency,
                user_id=actor.user_id,
                at=moment,
                reason=text,
                previous_date=listing.review_date,
                new_date=new_date,
            )
        )
        changed = listing.copy_with(review_date=new_date, last_reviewed=today, updated_at=moment)
        session.listings.update(changed)
        session.audit.record(
            actor,
            "listing.extend",
            [f"listing:{listing.id}"],
            previous_date=listing.review_date.isoformat() if listing.review_date else None,
            new_date=new_date.isoformat(),
            extension=extension.id,
        )
    return changed, extension


def extensions_of(store: Store, actor: Actor, listing_id: int) -> list[Extension]:
    """The recorded extensions of a listing, for its owner."""
    require(actor, Permission.READ_RECORDS)
    with store.begin() as session:
        listing = _seen(session, actor, listing_id)
        if not (actor.is_system or listing.agency == actor.agency):
            raise Forbidden("only the owning agency reads a listing's extensions")
        found = session.listing_review.extensions_of(listing_id)
        session.audit.record(actor, "listing.extensions", [f"listing:{listing_id}"])
    return found


def _notice(listing: Listing, today: date, **extra: object) -> dict[str, object]:
    """What an owner's notice about a listing says: ids and dates, no personal data."""
    return {
        "listing_id": listing.id,
        "subject_id": listing.subject_id,
        "reference": listing.reference,
        "category": listing.category,
        "review_date": listing.review_date.isoformat() if listing.review_date else None,
        "days_left": (listing.review_date - today).days if listing.review_date else None,
        **extra,
    }


def send_review_warnings(store: Store, settings: Settings, now: datetime) -> dict[str, int]:
    """Warn each owner once per listing, review date and stage (four months, one month
    ahead): a ``listing.review-due`` notice on its alert stream and webhooks, audited."""
    today = now.date()
    config = AlertConfig.from_settings(settings)
    system = Actor.system("listings.review-warnings")
    cursor: tuple[date, int] | None = None
    warned = 0
    while True:
        with store.begin() as session:
            page = session.listing_review.due(None, add_months(today, WARN_MONTHS), cursor, BATCH)
            if not page:
                break
            last = page[-1]
            assert last.review_date is not None and last.id is not None
            cursor = (last.review_date, last.id)
            sent = session.listing_review.warnings_sent([x.id for x in page if x.id])
            fresh: list[tuple[int, date, str]] = []
            writer = AlertWriter(session, config, now)
            for listing in page:
                assert listing.id is not None and listing.review_date is not None
                due = [
                    (listing.id, listing.review_date, stage)
                    for stage in review_stages(listing, today)
                    if (listing.id, listing.review_date, stage) not in sent
                ]
                if not due:
                    continue
                fresh.extend(due)
                warned += 1
                stage = due[-1][2]  # the most urgent: one notice however many fell due
                assert listing.agency is not None
                notice = _notice(listing, today, stage=stage)
                writer.notify(listing.agency, "listing.review-due", "system", notice)
                session.audit.record(
                    system,
                    "listing.review.warn",
                    [f"listing:{listing.id}"],
                    stage=stage,
                    review_date=listing.review_date.isoformat(),
                )
            session.listing_review.record_warnings(fresh, now)
        if len(page) < BATCH:
            break
    return {"warned": warned}


def review_stages(listing: Listing, today: date) -> list[str]:
    """The warning stages whose time has come for ``listing`` on ``today``, earliest stage
    first (a listing two weeks from review has both; its owner is told once, of the last)."""
    if listing.review_date is None:
        return []
    return ReviewPolicy().warnings_due(listing.review_date, today)


def expire_listings(store: Store, settings: Settings, now: datetime) -> dict[str, int]:
    """Let every active agency listing whose review date has come expire: status
    ``expired`` (kept, no longer in force), audited, its owner told (``listing.expired``)."""
    today = now.date()
    config = AlertConfig.from_settings(settings)
    system = Actor.system("listings.expire")
    expired = 0
    while True:
        with store.begin() as session:
            page = session.listing_review.due(None, today, None, BATCH)
            writer = AlertWriter(session, config, now)
            for listing in page:
                assert listing.agency is not None
                session.listings.update(
                    listing.copy_with(status=ListingStatus.EXPIRED, updated_at=now)
                )
                session.audit.record(
                    system,
                    "listing.expire",
                    [f"listing:{listing.id}", f"subject:{listing.subject_id}"],
                    review_date=listing.review_date.isoformat() if listing.review_date else None,
                )
                writer.notify(listing.agency, "listing.expired", "system", _notice(listing, today))
            expired += len(page)
        if len(page) < BATCH:
            break
    return {"expired": expired}
