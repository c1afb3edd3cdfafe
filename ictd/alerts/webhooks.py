"""Webhooks of an agency: create, read, change, delete; the delivery log; manual redelivery.

A URL must satisfy the egress policy (``ictd.outbox.egress``: ``https://`` to a public
address unless the settings allow more), checked here and again at every delivery. The
secret signs every delivery (``ictd.alerts.signing``); it is shown once, when set, and never
again.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ictd.alerts.access import require_webhook_admin
from ictd.exc import ErrorCollector, NotFound
from ictd.model.alert import Webhook
from ictd.model.text import check_texts
from ictd.outbox.config import AlertConfig
from ictd.outbox.egress import EgressPolicy
from ictd.outbox.writer import EVENT_TYPES
from ictd.security.actor import Actor
from ictd.store import Session, Store

__all__ = [
    "WebhookInput",
    "create_webhook",
    "delete_webhook",
    "get_webhook",
    "list_deliveries",
    "list_webhooks",
    "redeliver",
    "update_webhook",
]

MIN_SECRET = 16
DELIVERY_STATUSES = ("pending", "delivered", "dead")


@dataclass(frozen=True, slots=True)
class WebhookInput:
    url: str | None = None
    secret: str | None = None
    events: list[str] | None = None
    active: bool | None = None


def _check(data: WebhookInput, egress: EgressPolicy) -> dict[str, Any]:
    errors = ErrorCollector()
    texts = {"url": data.url, "secret": data.secret, "events": data.events}
    if not check_texts(errors, texts):
        errors.raise_if_any("invalid webhook")
    changes: dict[str, Any] = {}
    if data.url is not None:
        if len(data.url) > 2000:
            errors.add("url", "at most 2000 characters")
        else:
            try:
                egress.check_url(data.url)
            except ValueError as problem:
                errors.add("url", str(problem))
        changes["url"] = data.url.strip()
    if data.secret is not None:
        if not MIN_SECRET <= len(data.secret) <= 200:
            errors.add("secret", f"give {MIN_SECRET} to 200 characters")
        changes["secret"] = data.secret
    if data.events is not None:
        for i, name in enumerate(data.events):
            if name not in EVENT_TYPES:
                errors.add(f"events.{i}", f"must be one of {', '.join(EVENT_TYPES)}")
        changes["events"] = list(dict.fromkeys(data.events))
    if data.active is not None:
        changes["active"] = data.active
    errors.raise_if_any("invalid webhook")
    return changes


def _load(session: Session, actor: Actor, webhook_id: int) -> Webhook:
    agency = require_webhook_admin(actor, actor.agency)
    hook = session.webhooks.get(webhook_id)
    if hook is None or hook.agency != agency or hook.deleted_at is not None:
        raise NotFound(f"webhook {webhook_id} does not exist")
    return hook


def create_webhook(
    store: Store,
    actor: Actor,
    data: WebhookInput,
    now: datetime | None = None,
    egress: EgressPolicy | None = None,
) -> dict[str, Any]:
    """Add a webhook to the actor's agency; the answer holds the secret, this one time.
    ``egress`` says where webhooks may point (default: https to public addresses only)."""
    agency = require_webhook_admin(actor, actor.agency)
    policy = egress or EgressPolicy()
    if data.url is None:
        _check(WebhookInput(url=""), policy)
    changes = _check(data, policy)
    secret = changes.get("secret") or f"whsec_{secrets.token_urlsafe(32)}"
    moment = now or datetime.now(UTC)
    with store.begin() as session:
        hook = session.webhooks.insert(
            {
                "agency": agency,
                "url": changes["url"],
                "secret": secret,
                "events": changes.get("events", []),
                "active": changes.get("active", True),
                "created_at": moment,
                "updated_at": moment,
                "created_by": actor.user_id,
            }
        )
        session.audit.record(actor, "webhook.create", [f"webhook:{hook.id}"])
    return {**hook.to_dict(), "secret": secret}


def list_webhooks(store: Store, actor: Actor) -> list[dict[str, Any]]:
    agency = require_webhook_admin(actor, actor.agency)
    with store.read() as session:
        return [h.to_dict() for h in session.webhooks.of_agency(agency)]


def get_webhook(store: Store, actor: Actor, webhook_id: int) -> dict[str, Any]:
    with store.read() as session:
        return _load(session, actor, webhook_id).to_dict()


def update_webhook(
    store: Store,
    actor: Actor,
    webhook_id: int,
    data: WebhookInput,
    now: datetime | None = None,
    egress: EgressPolicy | None = None,
) -> dict[str, Any]:
    """Change a webhook; a new URL is checked as at creation."""
    changes = _check(data, egress or EgressPolicy())
    with store.begin() as session:
        _load(session, actor, webhook_id)
        hook = session.webhooks.update(webhook_id, **changes, updated_at=now or datetime.now(UTC))
        session.audit.record(
            actor, "webhook.update", [f"webhook:{webhook_id}"], fields=sorted(changes)
        )
    answer = hook.to_dict()
    return {**answer, "secret": data.secret} if data.secret else answer


def delete_webhook(
    store: Store, actor: Actor, webhook_id: int, now: datetime | None = None
) -> None:
    """Stop and remove a webhook (its delivery log is kept)."""
    moment = now or datetime.now(UTC)
    with store.begin() as session:
        _load(session, actor, webhook_id)
        session.webhooks.update(webhook_id, active=False, deleted_at=moment, updated_at=moment)
        session.audit.record(actor, "webhook.delete", [f"webhook:{webhook_id}"])


def list_deliveries(
    store: Store,
    actor: Actor,
    webhook_id: int,
    status: str | None = None,
    after: int = 0,
    limit: int = 100,
) -> tuple[list[dict[str, Any]], int | None]:
    """The delivery log of a webhook with every attempt; ``status=dead`` is the dead letters."""
    if status is not None and status not in DELIVERY_STATUSES:
        raise NotFound(f"no delivery status {status!r}")
    with store.read() as session:
        _load(session, actor, webhook_id)
        rows = session.webhooks.list_deliveries(webhook_id, status, after, limit + 1)
        page = rows[:limit]
        attempts = session.webhooks.attempts_of([d.id for d in page])
        events = session.alerts.events_by_seq([d.event_seq for d in page])
    items = [
        {
            **d.to_dict(),
            "event_type": events[d.event_seq].type,
            "attempt_log": [a.to_dict() for a in attempts[d.id]],
        }
        for d in page
    ]
    return items, (page[-1].id if len(rows) > limit else None)


def redeliver(
    store: Store,
    actor: Actor,
    webhook_id: int,
    delivery_id: int,
    config: AlertConfig,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Queue a delivery again at once, with a fresh retry window (at least once: a delivery
    being attempted right now may then arrive twice)."""
    moment = now or datetime.now(UTC)
    with store.begin() as session:
        _load(session, actor, webhook_id)
        delivery = session.webhooks.get_delivery(delivery_id)
        if delivery is None or delivery.webhook_id != webhook_id:
            raise NotFound(f"delivery {delivery_id} does not exist")
        session.webhooks.update_delivery(
            delivery_id,
            status="pending",
            next_attempt_at=moment,
            retry_until=moment + config.retry_window,
        )
        session.audit.record(
            actor, "webhook.redeliver", [f"webhook:{webhook_id}"], delivery=delivery_id
        )
        found = session.webhooks.get_delivery(delivery_id)
    assert found is not None
    return found.to_dict()
