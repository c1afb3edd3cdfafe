"""The webhooks repository: agencies' webhooks, the delivery outbox and its attempt log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, bindparam, insert, select, update

from ictd.model.alert import Delivery, DeliveryAttempt, Webhook
from ictd.store.repository import Repository
from ictd.store.tables import deliveries, delivery_attempts, webhooks

__all__ = ["WebhookRepository"]


def webhook_from_row(row: RowMapping) -> Webhook:
    values = dict(row)
    values["events"] = tuple(x for x in (values["events"] or "").split(",") if x)
    return Webhook(**values)


def delivery_from_row(row: RowMapping) -> Delivery:
    return Delivery(**dict(row))


# the dispatcher's look for due deliveries at every pass, work or not: built once
_DUE = (
    select(deliveries)
    .where(deliveries.c.status == "pending", deliveries.c.next_attempt_at <= bindparam("now"))
    .order_by(deliveries.c.next_attempt_at, deliveries.c.id)
    .limit(bindparam("limit"))
)


class WebhookRepository(Repository):
    """Agencies' webhooks, the delivery outbox (one row per webhook and event) and the
    attempt log."""

    __slots__ = ()
    READS = frozenset({"attempts_of", "due", "get", "get_delivery", "list_deliveries", "of_agency"})

    # webhooks
    def insert(self, values: dict[str, Any]) -> Webhook:
        values = dict(values, events=",".join(values.get("events") or ()))
        result = self.conn.execute(insert(webhooks).values(values))
        assert result.inserted_primary_key is not None
        found = self.get(int(result.inserted_primary_key[0]))
        assert found is not None
        return found

    def get(self, webhook_id: int) -> Webhook | None:
        query = select(webhooks).where(webhooks.c.id == webhook_id)
        row = self.conn.execute(query).mappings().first()
        return webhook_from_row(row) if row else None

    def of_agency(self, agency: str) -> list[Webhook]:
        query = select(webhooks).where(webhooks.c.agency == agency, webhooks.c.deleted_at.is_(None))
        rows = self.conn.execute(query.order_by(webhooks.c.id)).mappings()
        return [webhook_from_row(r) for r in rows]

    def update(self, webhook_id: int, **values: Any) -> Webhook:
        if "events" in values:
            values["events"] = ",".join(values["events"])
        self.conn.execute(update(webhooks).where(webhooks.c.id == webhook_id).values(values))
        found = self.get(webhook_id)
        assert found is not None
        return found

    # the outbox
    def enqueue(
        self, pairs: Sequence[tuple[int, int]], at: datetime, retry_until: datetime
    ) -> None:
        """Queue a delivery per ``(webhook id, event seq)`` pair, in one statement."""
        rows = [
            {
                "webhook_id": wid,
                "event_seq": seq,
                "status": "pending",
                "attempts": 0,
                "next_attempt_at": at,
                "retry_until": retry_until,
                "created_at": at,
            }
            for wid, seq in pairs
        ]
        if rows:
            self.conn.execute(insert(deliveries), rows)

    def due(self, now: datetime, limit: int) -> list[Delivery]:
        rows = self.conn.execute(_DUE, {"now": now, "limit": limit}).mappings()
        return [delivery_from_row(r) for r in rows]

    def claim(self, delivery: Delivery, lease_until: datetime) -> bool:
        """Take a due delivery for one attempt; False when another dispatcher took it first."""
        query = update(deliveries).where(
            deliveries.c.id == delivery.id,
            deliveries.c.status == "pending",
            deliveries.c.next_attempt_at == delivery.next_attempt_at,
        )
        result = self.conn.execute(query.values(next_attempt_at=lease_until))
        return result.rowcount == 1

    def update_delivery(self, delivery_id: int, **values: Any) -> None:
        query = update(deliveries).where(deliveries.c.id == delivery_id)
        self.conn.execute(query.values(values))

    def add_attempt(
        self, delivery_id: int, at: datetime, code: int | None, error: str | None, ms: int
    ) -> None:
        values = {"delivery_id": delivery_id, "at": at, "code": code, "error": error, "ms": ms}
        self.conn.execute(insert(delivery_attempts).values(values))

    def get_delivery(self, delivery_id: int) -> Delivery | None:
        query = select(deliveries).where(deliveries.c.id == delivery_id)
        row = self.conn.execute(query).mappings().first()
        return delivery_from_row(row) if row else None

    def list_deliveries(
        self, webhook_id: int, status: str | None, after: int, limit: int
    ) -> list[Delivery]:
        query = select(deliveries).where(
            deliveries.c.webhook_id == webhook_id, deliveries.c.id > after
        )
        if status is not None:
            query = query.where(deliveries.c.status == status)
        rows = self.conn.execute(query.order_by(deliveries.c.id).limit(limit)).mappings()
        return [delivery_from_row(r) for r in rows]

    def attempts_of(self, delivery_ids: Sequence[int]) -> dict[int, list[DeliveryAttempt]]:
        out: dict[int, list[DeliveryAttempt]] = {i: [] for i in delivery_ids}
        if not delivery_ids:
            return out
        query = select(delivery_attempts).where(
            delivery_attempts.c.delivery_id.in_(list(delivery_ids))
        )
        for row in self.conn.execute(query.order_by(delivery_attempts.c.id)).mappings():
            out[row["delivery_id"]].append(DeliveryAttempt(**dict(row)))
        return out
