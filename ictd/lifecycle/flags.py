"""Flags: a partner agency's "no action on our territory" on another agency's listing.

While a flag is in force, the flagging agency's screenings and movement reports still get
the hit, with the flag and "information only" in place of the requested actions. The owner
sees every flag on its listings and is told of each (notice ``listing.flagged``).
"""

from __future__ import annotations

from datetime import UTC, datetime

from ictd.exc import Conflict, ErrorCollector, NotFound
from ictd.model.lifecycle import Flag
from ictd.model.listing import Listing
from ictd.model.text import check_texts
from ictd.outbox import AlertConfig, AlertWriter
from ictd.security.actor import Actor
from ictd.security.policy import Permission, can_see_listing, refuse_read, require
from ictd.store import Session, Store

__all__ = ["MAX_REASON", "flag_listing", "flags_of", "withdraw_flag"]

MAX_REASON = 2000


def _seen(session: Session, actor: Actor, listing_id: int) -> Listing:
    """A listing the actor sees in full; a hidden one answers as a missing one (audited)."""
    message = f"listing {listing_id} does not exist"
    listing = session.listings.get(listing_id)
    if listing is None:
        raise NotFound(message)
    subject = session.subjects.get(listing.subject_id)
    if subject is None:
        raise NotFound(message)
    listings = session.listings.of_subjects([listing.subject_id])
    if not can_see_listing(actor, listing, subject, listings):
        raise refuse_read(actor, message, subject=subject, listing=listing)
    return listing


def _tell_owner(
    session: Session, config: AlertConfig | None, now: datetime, listing: Listing, flag: Flag
) -> None:
    writer = AlertWriter(session, config or AlertConfig(), now)
    owner = writer.owner_of(listing)
    if owner is not None:
        payload = {
            "listing_id": listing.id,
            "reference": listing.reference,
            "category": listing.category,
            "flag": flag.to_dict(),
        }
        writer.notify(owner, "listing.flagged", flag.agency, payload)


def flag_listing(
    store: Store,
    actor: Actor,
    listing_id: int,
    reason: str,
    now: datetime | None = None,
    config: AlertConfig | None = None,
) -> Flag:
    """Flag a partner's listing "no action on our territory" on behalf of the actor's agency
    (an analyst's decision, with its reason); one flag in force per agency and listing."""
    moment = now or datetime.now(UTC)
    require(actor, Permission.WRITE_RECORDS)
    if actor.agency is None:
        raise Conflict("a flag is an agency's: act as a user of the flagging agency")
    errors = ErrorCollector()
    check_texts(errors, {"reason": reason}, multiline=("reason",))
    text = reason.strip()
    if not text:
        errors.add("reason", "say why your agency will not act on this listing")
    elif len(text) > MAX_REASON:
        errors.add("reason", f"at most {MAX_REASON} characters")
    errors.raise_if_any("invalid flag")
    with store.begin() as session:
        listing = _seen(session, actor, listing_id)
        if listing.agency == actor.agency:
            raise Conflict(
                "an agency does not flag its own listing: change its requested actions",
                {"field": "listing"},
            )
        if session.listing_flags.active_of(actor.agency, [listing_id]):
            raise Conflict(f"{actor.agency} has flagged this listing already", {"field": "listing"})
        flag = session.listing_flags.insert(
            Flag(
                listing_id=listing_id,
                agency=actor.agency,
                reason=text,
                created_at=moment,
                created_by=actor.user_id,
            )
        )
        session.audit.record(
            actor, "listing.flag", [f"listing:{listing_id}"], flag=flag.id, owner=listing.agency
        )
        _tell_owner(session, config, moment, listing, flag)
    return flag


def withdraw_flag(
    store: Store,
    actor: Actor,
    listing_id: int,
    now: datetime | None = None,
    config: AlertConfig | None = None,
) -> Flag:
    """Withdraw the actor's agency's flag on a listing (it stays in the history)."""
    moment = now or datetime.now(UTC)
    require(actor, Permission.WRITE_RECORDS)
    with store.begin() as session:
        listing = _seen(session, actor, listing_id)
        found = session.listing_flags.active_of(actor.agency or "", [listing_id]).get(listing_id)
        if found is None:
            raise NotFound(f"{actor.agency} has no flag on listing {listing_id}")
        flag = Flag(
            **{
                **{name: getattr(found, name) for name in Flag.__dataclass_fields__},
                "withdrawn_at": moment,
                "withdrawn_by": actor.user_id,
            }
        )
        session.listing_flags.withdraw(flag)
        session.audit.record(actor, "listing.unflag", [f"listing:{listing_id}"], flag=flag.id)
        _tell_owner(session, config, moment, listing, flag)
    return flag


def flags_of(store: Store, actor: Actor, listing_id: int) -> list[Flag]:
    """A listing's flags, withdrawn ones too: all of them for its owner, the actor's
    agency's own for a partner."""
    require(actor, Permission.READ_RECORDS)
    with store.begin() as session:
        listing = _seen(session, actor, listing_id)
        owner = actor.is_system or listing.agency == actor.agency
        found = session.listing_flags.of_listing(listing_id, None if owner else actor.agency)
        session.audit.record(actor, "listing.flags", [f"listing:{listing_id}"], count=len(found))
    return found
