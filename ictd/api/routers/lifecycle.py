"""A listing's life cycle: the owner's reviews due, extensions of review dates, and
partners' "no action on our territory" flags."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, status
from pydantic import Field

from ictd.api.deps import CurrentActor, SettingsDep, StoreDep
from ictd.api.schemas import Strict
from ictd.edge import AlertsDep, Id
from ictd.lifecycle import flags, review

router = APIRouter(tags=["listing lifecycle"])
CURSOR = r"^\d{4}-\d{2}-\d{2}_\d{1,19}$"  # the review date and id of the last item seen


class ExtensionIn(Strict):
    until: Annotated[str, Field(min_length=10, max_length=10, description="YYYY-MM-DD")]
    reason: Annotated[
        str,
        Field(
            min_length=1,
            max_length=review.MAX_REASON,
            description="The owner's assessment: why the listing is still needed.",
        ),
    ]


@router.get("/listings/due")
def get_reviews_due(
    actor: CurrentActor,
    store: StoreDep,
    settings: SettingsDep,
    after: Annotated[str | None, Query(max_length=32, pattern=CURSOR)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    """Your agency's active listings whose review date is within four months (or has come:
    they expire at the next run of ``listings.expire``), soonest first, with ``days_left``.
    Follow ``next`` as ``after``."""
    items, next_cursor = review.due_listings(
        store, actor, after=after, limit=min(limit, settings.max_page_size)
    )
    return {"items": [x.to_dict() for x in items], "next": next_cursor}


@router.post("/listings/{listing_id}/extend")
def post_extension(
    listing_id: Id, body: ExtensionIn, actor: CurrentActor, store: StoreDep, settings: SettingsDep
) -> dict[str, Any]:
    """Extend an active listing's review date (before it has come) to ``until``, no further
    than ``ICTD_LISTING_REVIEW_MAX_MONTHS`` from today, with the owner's assessment
    ``reason``; who and when are recorded. Answers the listing and the extension."""
    listing, extension = review.extend_listing(
        store, actor, listing_id, body.until, body.reason, review.review_policy(settings)
    )
    return {"listing": listing.to_dict(), "extension": extension.to_dict()}


@router.get("/listings/{listing_id}/extensions")
def get_extensions(listing_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """The recorded extensions of one of your agency's listings, oldest first."""
    return {"items": [x.to_dict() for x in review.extensions_of(store, actor, listing_id)]}


class FlagIn(Strict):
    reason: Annotated[
        str,
        Field(
            min_length=1,
            max_length=flags.MAX_REASON,
            description="Why your agency will take no action on its territory.",
        ),
    ]


@router.post("/listings/{listing_id}/flags", status_code=status.HTTP_201_CREATED)
def post_flag(
    listing_id: Id, body: FlagIn, actor: CurrentActor, store: StoreDep, alerts: AlertsDep
) -> dict[str, Any]:
    """Flag a partner's listing "no action on our territory" (your agency's analysts): your
    screenings and movement reports then get its hits with the flag and
    ``information-only`` in place of the requested actions. The owner is told
    (``listing.flagged``)."""
    return flags.flag_listing(store, actor, listing_id, body.reason, config=alerts.config).to_dict()


@router.delete("/listings/{listing_id}/flags")
def delete_flag(
    listing_id: Id, actor: CurrentActor, store: StoreDep, alerts: AlertsDep
) -> dict[str, Any]:
    """Withdraw your agency's flag on a listing (kept in its history; the owner is told)."""
    return flags.withdraw_flag(store, actor, listing_id, config=alerts.config).to_dict()


@router.get("/listings/{listing_id}/flags")
def get_flags(listing_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """A listing's flags, withdrawn ones too: all of them for its owner, your agency's own
    otherwise."""
    return {"items": [x.to_dict() for x in flags.flags_of(store, actor, listing_id)]}
