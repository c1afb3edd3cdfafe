"""Reviews due: the owner's listings whose review date is near, each with a form to extend
it with a recorded assessment (before the date; otherwise the listing expires)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from ictd.edge import Id
from ictd.exc import InvalidInput
from ictd.lifecycle import review
from ictd.security.policy import Permission
from ictd.web.deps import Form, StoreDep, User, WebSettings
from ictd.web.forms import field_errors, text
from ictd.web.render import add_nav, page, redirect
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)
add_nav("/listings/due", "Reviews due", Permission.WRITE_RECORDS)
PAGE_SIZE = 100


def _queue(
    request: Request,
    user: User,
    store: StoreDep,
    after: str | None,
    status: int = 200,
    **extra: Any,
) -> Response:
    items, cursor = review.due_listings(store, user.actor, after=after, limit=PAGE_SIZE)
    context: dict[str, Any] = {"errors": {}, "failed": None, "values": {}, "extended": None}
    context.update(extra)
    return page(request, "reviews_due.html", status=status, items=items, cursor=cursor, **context)


@router.get("/listings/due")
def reviews_due(
    request: Request,
    user: User,
    store: StoreDep,
    after: Annotated[str | None, Query(max_length=32)] = None,
    extended: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    return _queue(request, user, store, after, extended=extended)


@router.post("/listings/{listing_id}/extend")
def extend(
    request: Request,
    user: User,
    store: StoreDep,
    settings: WebSettings,
    form: Form,
    listing_id: Id,
) -> Response:
    values = {"until": text(form, "until", 10) or "", "reason": text(form, "reason") or ""}
    try:
        review.extend_listing(
            store,
            user.actor,
            listing_id,
            values["until"],
            values["reason"],
            review.review_policy(settings),
        )
    except InvalidInput as err:
        return _queue(
            request,
            user,
            store,
            None,
            status=422,
            errors=field_errors(err),
            failed=listing_id,
            values=values,
        )
    return redirect(request, f"/listings/due?extended={listing_id}")
