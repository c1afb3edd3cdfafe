"""Agency administration: the agency's webhooks (the secret is shown once) and their deliveries."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from ictd.alerts.webhooks import (
    DELIVERY_STATUSES,
    WebhookInput,
    create_webhook,
    get_webhook,
    list_deliveries,
    list_webhooks,
    update_webhook,
)
from ictd.edge import Cursor, Id
from ictd.exc import InvalidInput
from ictd.outbox.writer import EVENT_TYPES
from ictd.security.policy import Permission
from ictd.web.deps import AlertsDep, Form, StoreDep, User
from ictd.web.forms import field_errors, text, texts
from ictd.web.render import add_nav, page, redirect
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)
add_nav("/admin/webhooks", "Webhooks", Permission.MANAGE_ACCOUNTS)


def _hooks_page(
    request: Request, user: User, store: StoreDep, status: int = 200, **extra: Any
) -> Response:
    hooks = list_webhooks(store, user.actor)
    context: dict[str, Any] = {
        "errors": {},
        "created": None,
        "values": {"url": "", "events": []},
    }
    context.update(extra)
    return page(
        request, "admin_webhooks.html", status=status, hooks=hooks, events=EVENT_TYPES, **context
    )


@router.get("/admin/webhooks")
def hooks_page(request: Request, user: User, store: StoreDep) -> Response:
    return _hooks_page(request, user, store)


@router.post("/admin/webhooks")
def create_hook(
    request: Request, user: User, store: StoreDep, alerts: AlertsDep, form: Form
) -> Response:
    values: dict[str, Any] = {"url": text(form, "url", 2100) or "", "events": texts(form, "events")}
    data = WebhookInput(
        url=values["url"], secret=text(form, "secret", 300), events=values["events"]
    )
    try:
        created = create_webhook(store, user.actor, data, egress=alerts.config.egress)
    except InvalidInput as err:
        return _hooks_page(request, user, store, 422, errors=field_errors(err), values=values)
    # The secret is in this one response only; it is never shown again.
    return _hooks_page(request, user, store, created=created)


@router.post("/admin/webhooks/{webhook_id}")
def change_hook(
    request: Request, user: User, store: StoreDep, form: Form, webhook_id: Id
) -> Response:
    action = text(form, "action")
    if action not in ("disable", "enable"):
        raise InvalidInput.field("action", "disable or enable")
    update_webhook(store, user.actor, webhook_id, WebhookInput(active=action == "enable"))
    return redirect(request, "/admin/webhooks")


@router.get("/admin/webhooks/{webhook_id}")
def deliveries_page(
    request: Request,
    user: User,
    store: StoreDep,
    webhook_id: Id,
    status: Annotated[str, Query(max_length=16)] = "",
    after: Annotated[Cursor, Query()] = 0,
) -> Response:
    hook = get_webhook(store, user.actor, webhook_id)
    items, cursor = list_deliveries(store, user.actor, webhook_id, status or None, after, 100)
    return page(
        request,
        "admin_webhook.html",
        hook=hook,
        deliveries=items,
        cursor=cursor,
        status_filter=status,
        statuses=DELIVERY_STATUSES,
    )
