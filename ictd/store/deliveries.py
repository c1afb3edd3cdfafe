"""Rows of webhooks, the delivery outbox, its attempt log, and the background cursors."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from ictd.store.alert_rows import AttemptRow, DeliveryRow, WebhookRow
from ictd.store.tables_alerts import alert_cursors, deliveries, delivery_attempts, webhooks

__all__ = ["DeliveryRows"]


class DeliveryRows:
    conn: Connection

    # webhooks
    def insert_webhook(self, values: dict[str, Any]) -> WebhookRow:
        values = dict(values, events=",".join(values.get("events") or ()))
        result = self.conn.execute(insert(webhooks).values(values))
        assert result.inserted_primary_key is not None
        found = self.get_webhook(int(result.inserted_primary_key[0]))
        assert found is not None
        return found

    def get_webhook(self, webhook_id: int) -> WebhookRow | None:
        query = select(webhooks).where(webhooks.c.id == webhook_id)
        row = self.conn.execute(query).mappings().first()
        return WebhookRow.from_row(row) if row else None

    def list_webhooks(self, agency: str) -> list[WebhookRow]:
        query = select(webhooks).where(webhooks.c.agency == agency, webhooks.c.deleted_at.is_(None))
        rows = self.conn.execute(query.order_by(webhooks.c.id)).mappings()
        return [WebhookRow.from_row(r) for r in rows]

    def update_webhook(self, webhook_id: int, **values: Any) -> WebhookRow:
        if "events" in values:
            values["events"] = ",".join(values["events"])
        self.conn.execute(update(webhooks).where(webhooks.c.id == webhook_id).values(values))
        found = self.get_webhook(webhook_id)
        assert found is not None
        return found

    # the outbox
    def enqueue_deliveries(
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

    def due_deliveries(self, now: datetime, limit: int) -> list[DeliveryRow]:
        query = (
            select(deliveries)
            .where(deliveries.c.status == "pending", deliveries.c.next_attempt_at <= now)
            .order_by(deliveries.c.next_attempt_at, deliveries.c.id)
            .limit(limit)
        )
        return [DeliveryRow.from_row(r) for r in self.conn.execute(query).mappings()]

    def claim_delivery(self, delivery: DeliveryRow, lease_until: datetime) -> bool:
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

    def get_delivery(self, delivery_id: int) -> DeliveryRow | None:
        query = select(deliveries).where(deliveries.c.id == delivery_id)
        row = self.conn.execute(query).mappings().first()
        return DeliveryRow.from_row(row) if row else None

    def list_deliveries(
        self, webhook_id: int, status: str | None, after: int, limit: int
    ) -> list[DeliveryRow]:
        query = select(deliveries).where(
            deliveries.c.webhook_id == webhook_id, deliveries.c.id > after
        )
        if status is not None:
            query = query.where(deliveries.c.status == status)
        rows = self.conn.execute(query.order_by(deliveries.c.id).limit(limit)).mappings()
        return [DeliveryRow.from_row(r) for r in rows]

    def attempts_of(self, delivery_ids: Sequence[int]) -> dict[int, list[AttemptRow]]:
        out: dict[int, list[AttemptRow]] = {i: [] for i in delivery_ids}
        if not delivery_ids:
            return out
        query = select(delivery_attempts).where(
            delivery_attempts.c.delivery_id.in_(list(delivery_ids))
        )
        for row in self.conn.execute(query.order_by(delivery_attempts.c.id)).mappings():
            out[row["delivery_id"]].append(AttemptRow(**dict(row)))
        return out

    # cursors of background work
    def get_cursor(self, name: str) -> str | None:
        query = select(alert_cursors.c.value).where(alert_cursors.c.name == name)
        found = self.conn.execute(query).scalar()
        return str(found) if found is not None else None

    def set_cursor(self, name: str, value: str) -> None:
        query = update(alert_cursors).where(alert_cursors.c.name == name).values(value=value)
        if self.conn.execute(query).rowcount == 0:
            self.conn.execute(insert(alert_cursors).values(name=name, value=value))
