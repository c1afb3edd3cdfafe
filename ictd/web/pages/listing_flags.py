"""A listing's flags: a partner flags it "no action on our territory" (or withdraws its
flag); its owner sees every flag."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from ictd.edge import AlertsDep, Id
from ictd.exc import InvalidInput
from ictd.lifecycle import flags
from ictd.registry import listings
from ictd.web.deps import Form, StoreDep, User
from ictd.web.forms import field_errors, text
from ictd.web.render import page, redirect
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)


def _page(
    request: Request, user: User, store: StoreDep, listing_id: int, status: int = 200, **extra: Any
) -> Response:
    listing = listings.get_listing(store, user.actor, listing_id)
    found = flags.flags_of(store, user.actor, listing_id)
    context: dict[str, Any] = {"errors": {}, "values": {"reason": ""}}
    context.update(extra)
    return page(
        request,
        "listing_flags.html",
        status=status,
        listing=listing,
        flags=found,
        own=listing.agency == user.actor.agency,
        flagged=any(f.active and f.agency == user.actor.agency for f in found),
        **context,
    )


@router.get("/listings/{listing_id}/flags")
def show(request: Request, user: User, store: StoreDep, listing_id: Id) -> Response:
    return _page(request, user, store, listing_id)


@router.post("/listings/{listing_id}/flags")
def flag(
    request: Request, user: User, store: StoreDep, alerts: AlertsDep, form: Form, listing_id: Id
) -> Response:
    reason = text(form, "reason") or ""
    try:
        flags.flag_listing(store, user.actor, listing_id, reason, config=alerts.config)
    except InvalidInput as err:
        errors = field_errors(err)
        return _page(
            request, user, store, listing_id, 422, errors=errors, values={"reason": reason}
        )
    return redirect(request, f"/listings/{listing_id}/flags")


@router.post("/listings/{listing_id}/flags/withdraw")
def withdraw(
    request: Request, user: User, store: StoreDep, alerts: AlertsDep, form: Form, listing_id: Id
) -> Response:
    flags.withdraw_flag(store, user.actor, listing_id, config=alerts.config)
    return redirect(request, f"/listings/{listing_id}/flags")
