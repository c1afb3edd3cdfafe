"""The auditor's pages: search the audit trail, verify the hash chain."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response

from ictd.edge import Cursor
from ictd.registry import audit
from ictd.security.policy import Permission, require
from ictd.web.deps import Form, StoreDep, User
from ictd.web.render import is_htmx, page
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)
PAGE = 100
Filter = Annotated[str, Query(max_length=300)]


@router.get("/audit")
def audit_page(
    request: Request,
    user: User,
    store: StoreDep,
    action: Filter = "",
    actor: Filter = "",
    agency: Filter = "",
    target: Filter = "",
    since: Filter = "",
    after: Annotated[Cursor, Query()] = 0,
) -> Response:
    require(user.actor, Permission.READ_AUDIT)
    filters = {"action": action, "actor": actor, "agency": agency, "target": target, "since": since}
    events = audit.list_events(
        store, user.actor, {k: v.strip() for k, v in filters.items() if v.strip()}, after, PAGE
    )
    next_after = events[-1].seq if len(events) == PAGE else None
    query = urlencode({k: v for k, v in filters.items() if v})
    return page(
        request,
        "audit.html",
        events=events,
        filters=filters,
        next_after=next_after,
        query=query,
        verified=None,
    )


@router.post("/audit/verify")
def verify(request: Request, user: User, store: StoreDep, _form: Form) -> Response:
    result = audit.verify(store, user.actor)
    if is_htmx(request):
        return page(request, "partials/verify.html", verified=result)
    filters = dict.fromkeys(("action", "actor", "agency", "target", "since"), "")
    return page(
        request,
        "audit.html",
        events=[],
        filters=filters,
        next_after=None,
        query="",
        verified=result,
    )
