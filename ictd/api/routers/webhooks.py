"""Webhooks of the caller's agency (agency admins), their delivery log and redelivery."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response, status
from pydantic import Field

from ictd.alerts.webhooks import (
    DELIVERY_STATUSES,
    WebhookInput,
    create_webhook,
    delete_webhook,
    get_webhook,
    list_deliveries,
    list_webhooks,
    update_webhook,
)
from ictd.api.deps import CurrentActor, Page, StoreDep
from ictd.api.schemas import Strict, one_of
from ictd.edge import AlertsDep, Id
from ictd.outbox.writer import EVENT_TYPES

router = APIRouter(tags=["webhooks"])
PageDep = Annotated[Page, Depends()]
Events = Annotated[list[Annotated[str, one_of(EVENT_TYPES, max_length=32)]], Field(max_length=10)]
DeliveryStatus = Annotated[str, one_of(DELIVERY_STATUSES, max_length=16)]


class WebhookPatch(Strict):
    url: Annotated[str | None, Field(min_length=1, max_length=2000)] = None
    secret: Annotated[str | None, Field(max_length=200)] = None
    events: Events | None = None
    active: bool | None = None

    def to_input(self) -> WebhookInput:
        return WebhookInput(self.url, self.secret, self.events, self.active)


class WebhookIn(WebhookPatch):
    url: Annotated[str, Field(min_length=1, max_length=2000)]


@router.post("/webhooks", status_code=status.HTTP_201_CREATED)
def post_webhook(
    body: WebhookIn, actor: CurrentActor, store: StoreDep, alerts: AlertsDep
) -> dict[str, Any]:
    """Add a webhook; without a ``secret`` one is made. The secret is shown only here. The
    URL must be ``https://`` to a public address (``ICTD_WEBHOOK_ALLOW_*`` widen this)."""
    return create_webhook(store, actor, body.to_input(), egress=alerts.config.egress)


@router.get("/webhooks")
def get_webhooks(actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    return {"items": list_webhooks(store, actor)}


@router.get("/webhooks/{webhook_id}")
def get_one_webhook(webhook_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    return get_webhook(store, actor, webhook_id)


@router.patch("/webhooks/{webhook_id}")
def patch_webhook(
    webhook_id: Id, body: WebhookPatch, actor: CurrentActor, store: StoreDep, alerts: AlertsDep
) -> dict[str, Any]:
    return update_webhook(store, actor, webhook_id, body.to_input(), egress=alerts.config.egress)


@router.delete("/webhooks/{webhook_id}", status_code=status.HTTP_204_NO_CONTENT)
def remove_webhook(webhook_id: Id, actor: CurrentActor, store: StoreDep) -> Response:
    delete_webhook(store, actor, webhook_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/webhooks/{webhook_id}/deliveries")
def get_deliveries(
    webhook_id: Id,
    actor: CurrentActor,
    store: StoreDep,
    page: PageDep,
    status: Annotated[DeliveryStatus | None, Query()] = None,
) -> dict[str, Any]:
    """The delivery log with every attempt; ``status=dead`` lists the dead letters."""
    items, next_cursor = list_deliveries(store, actor, webhook_id, status, page.after, page.limit)
    return {"items": items, "next": next_cursor}


@router.post("/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver")
def post_redeliver(
    webhook_id: Id, delivery_id: Id, actor: CurrentActor, alerts: AlertsDep
) -> dict[str, Any]:
    """Send a delivery again now (also a dead one), with a fresh retry window."""
    return alerts.redeliver(actor, webhook_id, delivery_id)
