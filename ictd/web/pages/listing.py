"""Creating and editing listings, with validation messages next to the fields; finding the
listing behind a contact reference a partner quoted. A listing made active and shared
beyond the agency is saved as it stands and submitted for compliance review."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.datastructures import FormData

from ictd.edge import Id
from ictd.exc import InvalidInput
from ictd.lifecycle.compliance import ComplianceConfig, submit_listing
from ictd.lifecycle.review import review_policy
from ictd.model import Action, Handling, Listing, ListingStatus, Sharing
from ictd.model.listing import ACCURACY_GRADES, CATEGORIES, RELIABILITY_GRADES
from ictd.registry import listings, subjects
from ictd.registry.listings import ListingInput
from ictd.security.policy import require_write_owned
from ictd.web.deps import AlertsDep, Form, StoreDep, User, WebSettings
from ictd.web.forms import field_errors, number, split, text, texts
from ictd.web.render import page, redirect
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)
FIELDS = (
    "category",
    "reference",
    "legal_basis",
    "reliability",
    "valid_from",
    "valid_until",
    "review_date",
    "sharing",
    "handling",
    "status",
    "notes",
)


def listing_input(form: FormData) -> ListingInput:
    values: dict[str, Any] = {name: text(form, name) for name in FIELDS}
    return ListingInput(
        **values,
        actions=texts(form, "actions"),
        accuracy=number(form, "accuracy", 1, 4),
        shared_with=[c.upper() for c in split(text(form, "shared_with"))],
    )


def values_of(listing: Listing | None, form: FormData | None = None) -> dict[str, Any]:
    """What the form shows: what was posted, else the listing, else defaults."""
    if form is not None:
        out: dict[str, Any] = {name: text(form, name) or "" for name in FIELDS}
        out.update(
            actions=texts(form, "actions"),
            accuracy=text(form, "accuracy") or "",
            shared_with=text(form, "shared_with") or "",
        )
        return out
    if listing is None:
        return {
            "category": "terrorist",
            "actions": ["locate-and-inform"],
            "reliability": "B",
            "accuracy": "2",
            "sharing": "all",
            "handling": "H1",
            "status": "active",
            "shared_with": "",
            "reference": "",
            "legal_basis": "",
            "valid_from": "",
            "valid_until": "",
            "review_date": "",
            "notes": "",
        }
    data = listing.to_dict()
    out = {name: data.get(name) or "" for name in FIELDS}
    out.update(
        actions=data["actions"],
        accuracy=str(listing.accuracy),
        shared_with=", ".join(listing.shared_with),
    )
    return out


def _publishing(data: ListingInput) -> bool:
    """Asked active and shared beyond the agency: published through compliance review."""
    return data.status == ListingStatus.ACTIVE.value and data.sharing in ("named", "all")


def _context(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "categories": sorted(CATEGORIES),
        "all_actions": [a.value for a in Action],
        "reliabilities": RELIABILITY_GRADES,
        "accuracies": ACCURACY_GRADES,
        "sharings": [s.value for s in Sharing],
        "handlings": [h.value for h in Handling],
        "statuses": [s.value for s in ListingStatus],
        "errors": {},
        "listing": None,
    }
    base.update(extra)
    return base


@router.get("/subjects/{subject_id}/listings/new")
def new_listing(request: Request, user: User, store: StoreDep, subject_id: Id) -> Response:
    require_write_owned(user.actor, user.actor.agency)
    record = subjects.get_subject(store, user.actor, subject_id)
    return page(
        request, "listing_form.html", **_context(subject=record.subject, values=values_of(None))
    )


@router.post("/subjects/{subject_id}/listings/new")
def create_listing(
    request: Request,
    user: User,
    store: StoreDep,
    settings: WebSettings,
    alerts: AlertsDep,
    form: Form,
    subject_id: Id,
) -> Response:
    data = listing_input(form)
    publish = _publishing(data)
    try:
        made = listings.create_listing(
            store,
            user.actor,
            subject_id,
            replace(data, status="draft") if publish else data,
            review=review_policy(settings),
        )
        if publish and made.id is not None:
            config = ComplianceConfig.from_settings(settings, alerts.config)
            submit_listing(store, user.actor, made.id, config=config)
    except InvalidInput as err:
        record = subjects.get_subject(store, user.actor, subject_id)
        return page(
            request,
            "listing_form.html",
            status=422,
            **_context(
                subject=record.subject, values=values_of(None, form), errors=field_errors(err)
            ),
        )
    return redirect(request, f"/subjects/{subject_id}")


@router.get("/listings/by-reference")
def by_reference(request: Request, user: User, store: StoreDep, ref: str = "") -> Response:
    """The owner's way from a reference a partner quoted (``LREF-…``) to the listed subject."""
    if not ref.strip():
        raise InvalidInput.field("ref", "give the contact reference the partner quoted")
    listing = listings.resolve_reference(store, user.actor, ref[:40])
    return redirect(request, f"/subjects/{listing.subject_id}")


@router.get("/listings/{listing_id}/edit")
def edit_listing(request: Request, user: User, store: StoreDep, listing_id: Id) -> Response:
    listing = listings.get_listing(store, user.actor, listing_id)
    require_write_owned(user.actor, listing.agency)
    record = subjects.get_subject(store, user.actor, listing.subject_id)
    return page(
        request,
        "listing_form.html",
        **_context(subject=record.subject, listing=listing, values=values_of(listing)),
    )


@router.post("/listings/{listing_id}/edit")
def update_listing(
    request: Request,
    user: User,
    store: StoreDep,
    settings: WebSettings,
    alerts: AlertsDep,
    form: Form,
    listing_id: Id,
) -> Response:
    listing = listings.get_listing(store, user.actor, listing_id)
    data = listing_input(form)
    unpublished = listing.status in (ListingStatus.DRAFT, ListingStatus.REFUSED)
    publish = unpublished and _publishing(data)
    try:
        review = review_policy(settings)
        if publish:
            data = replace(data, status=listing.status.value)
        listings.update_listing(store, user.actor, listing_id, data, review=review)
        if publish:
            config = ComplianceConfig.from_settings(settings, alerts.config)
            submit_listing(store, user.actor, listing_id, config=config)
    except InvalidInput as err:
        record = subjects.get_subject(store, user.actor, listing.subject_id)
        return page(
            request,
            "listing_form.html",
            status=422,
            **_context(
                subject=record.subject,
                listing=listing,
                values=values_of(listing, form),
                errors=field_errors(err),
            ),
        )
    return redirect(request, f"/subjects/{listing.subject_id}")
