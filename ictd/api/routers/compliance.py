"""Compliance review before sharing: owners submit listings for sharing beyond their
agency; the operator agency's compliance reviewers see the queue with its automated checks
and decide, with a neutrality statement and reasons."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends
from pydantic import Field

from ictd.api.deps import CurrentActor, Page, SettingsDep, StoreDep
from ictd.api.schemas import Strict
from ictd.edge import AlertsDep, Id
from ictd.lifecycle import compliance

router = APIRouter(tags=["compliance review"])
Code = Annotated[str, Field(min_length=1, max_length=32)]
PageDep = Annotated[Page, Depends()]


class SubmitIn(Strict):
    sharing: Literal["named", "all"] | None = Field(
        None, description="The scope asked for; default: the listing's own."
    )
    shared_with: Annotated[list[Code], Field(max_length=200)] | None = Field(
        None, description="Agency codes, with sharing 'named'."
    )
    note: Annotated[str, Field(max_length=compliance.MAX_TEXT)] | None = Field(
        None, description="What the owner tells the reviewer."
    )


class DecisionIn(Strict):
    decision: Literal["approved", "refused"]
    neutrality: Annotated[
        str,
        Field(
            min_length=1,
            max_length=compliance.MAX_TEXT,
            description="The reviewer's neutrality assessment: that the listing serves no "
            "matter of a predominantly political, military, religious or racial character.",
        ),
    ]
    reasons: Annotated[str, Field(max_length=compliance.MAX_TEXT)] = Field(
        "", description="The grounds of the decision (required for a refusal)."
    )


@router.post("/listings/{listing_id}/submit")
def post_submission(
    listing_id: Id,
    body: SubmitIn,
    actor: CurrentActor,
    store: StoreDep,
    settings: SettingsDep,
    alerts: AlertsDep,
) -> dict[str, Any]:
    """Submit one of your agency's listings for sharing beyond your agency (``named`` or
    ``all``). A draft or refused listing becomes ``submitted`` (of a category in
    ``ICTD_REVIEW_URGENT_CATEGORIES``: ``active`` at once, reviewed within
    ``ICTD_REVIEW_URGENT_HOURS``); an active listing keeps its present scope until the
    wider one is approved. Answers the listing and the review."""
    config = compliance.ComplianceConfig.from_settings(settings, alerts.config)
    listing, review = compliance.submit_listing(
        store, actor, listing_id, body.sharing, body.shared_with, body.note, config
    )
    return {"listing": listing.to_dict(), "review": review.to_dict()}


@router.get("/listings/{listing_id}/reviews")
def get_listing_reviews(listing_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """The compliance reviews of one of your agency's listings, oldest first, with each
    decision, its neutrality statement and reasons."""
    found = compliance.reviews_of_listing(store, actor, listing_id)
    return {"items": [x.to_dict() for x in found]}


@router.get("/compliance/queue")
def get_queue(actor: CurrentActor, store: StoreDep, page: PageDep) -> dict[str, Any]:
    """The listings waiting for compliance review (the operator's compliance reviewers),
    urgent ones first, each with its automated quality checks. Follow ``next`` as ``after``."""
    views, next_cursor = compliance.compliance_queue(store, actor, page.after, page.limit)
    return {"items": [v.to_dict(with_subject=False) for v in views], "next": next_cursor}


@router.get("/compliance/reviews/{review_id}")
def get_review(review_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """One compliance review in full: the request, the listing, its subject and the checks."""
    return compliance.show_review(store, actor, review_id).to_dict()


@router.post("/compliance/reviews/{review_id}/decision")
def post_decision(
    review_id: Id,
    body: DecisionIn,
    actor: CurrentActor,
    store: StoreDep,
    settings: SettingsDep,
    alerts: AlertsDep,
) -> dict[str, Any]:
    """Approve or refuse a pending review with your neutrality assessment and reasons. The
    owner is told (``listing.approved`` / ``listing.refused``)."""
    config = compliance.ComplianceConfig.from_settings(settings, alerts.config)
    review, listing = compliance.decide_review(
        store, actor, review_id, body.decision, body.neutrality, body.reasons, config
    )
    return {"review": review.to_dict(), "listing": listing.to_dict()}
