"""Rows of movements, alerts and the alert event log (the feed of the stream and webhooks)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, exists, func, insert, literal, select, tuple_, update

from ictd.model import Listing
from ictd.store.alert_rows import AlertEventRow, AlertRow, MovementRow
from ictd.store.deliveries import DeliveryRows
from ictd.store.listings import listing_from_row
from ictd.store.tables import listings
from ictd.store.tables_alerts import alert_event_head, alert_events, alerts, movements
from ictd.store.types import UTCDateTime

__all__ = ["EVENTS_CHANNEL", "AlertRows", "EventListener", "EventSpec"]

OPEN = ("new", "acknowledged", "actioned", "false-match")
EVENTS_CHANNEL = "ictd_alert_events"  # PostgreSQL NOTIFY channel: alert events committed

# an event to append: (alert, type, actor, note, payload)
EventSpec = tuple[AlertRow, str, str, str | None, dict[str, Any]]


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


class AlertRows(DeliveryRows):
    conn: Connection

    # movements
    def movements_by_keys(self, agency: str, keys: Sequence[str]) -> dict[str, MovementRow]:
        if not keys:
            return {}
        query = select(movements).where(
            movements.c.agency == agency, movements.c.idempotency_key.in_(list(keys))
        )
        rows = [MovementRow.from_row(r) for r in self.conn.execute(query).mappings()]
        return {r.idempotency_key: r for r in rows}

    def insert_movement(self, values: dict[str, Any]) -> int:
        values = dict(values, names=_json(list(values["names"])), reply=_json(values["reply"]))
        values["nationalities"] = ",".join(values.get("nationalities") or ())
        result = self.conn.execute(insert(movements).values(values))
        assert result.inserted_primary_key is not None
        return int(result.inserted_primary_key[0])

    def insert_movements(self, rows: Sequence[dict[str, Any]]) -> list[int]:
        """Insert many movements in one statement; their ids, in the order given."""
        if not rows:
            return []
        values = [
            dict(
                r,
                names=_json(list(r["names"])),
                reply=_json(r["reply"]),
                nationalities=",".join(r.get("nationalities") or ()),
            )
            for r in rows
        ]
        query = insert(movements).returning(movements.c.id, sort_by_parameter_order=True)
        return [int(r[0]) for r in self.conn.execute(query, values)]

    def get_movements(self, ids: Sequence[int]) -> dict[int, MovementRow]:
        if not ids:
            return {}
        query = select(movements).where(movements.c.id.in_(list(ids)))
        return {r.id: r for r in map(MovementRow.from_row, self.conn.execute(query).mappings())}

    def movements_since(self, since: datetime, after: int, limit: int) -> list[MovementRow]:
        """Movements that happened at or after ``since``, by id, a page at a time."""
        query = (
            select(movements)
            .where(movements.c.occurred_at >= since, movements.c.id > after)
            .order_by(movements.c.id)
            .limit(limit)
        )
        return [MovementRow.from_row(r) for r in self.conn.execute(query).mappings()]

    def has_movements_since(self, since: datetime) -> bool:
        query = select(exists().where(movements.c.occurred_at >= since))
        return bool(self.conn.execute(query).scalar())

    # alerts
    def insert_alerts(self, rows: Sequence[dict[str, Any]]) -> list[AlertRow]:
        """Insert many alerts in one statement; the rows as stored, in the order given."""
        if not rows:
            return []
        values = [dict(r, actions=",".join(r["actions"])) for r in rows]
        query = insert(alerts).returning(alerts.c.id, sort_by_parameter_order=True)
        ids = [int(r[0]) for r in self.conn.execute(query, values)]
        return [_alert_row(i, r) for i, r in zip(ids, rows, strict=True)]

    def get_alert(self, alert_id: int) -> AlertRow | None:
        row = self.conn.execute(select(alerts).where(alerts.c.id == alert_id)).mappings().first()
        return AlertRow.from_row(row) if row else None

    def get_alert_by_reference(self, reference: str) -> AlertRow | None:
        query = select(alerts).where(alerts.c.reference == reference)
        row = self.conn.execute(query).mappings().first()
        return AlertRow.from_row(row) if row else None

    def alerted_pairs(self, pairs: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
        """Which ``(movement_id, listing_id)`` pairs already have an alert."""
        if not pairs:
            return set()
        key = tuple_(alerts.c.movement_id, alerts.c.listing_id)
        query = select(alerts.c.movement_id, alerts.c.listing_id).where(key.in_(list(pairs)))
        return {(int(a), int(b)) for a, b in self.conn.execute(query)}

    def list_alerts(
        self, agency: str, status: str | None, overdue_at: datetime | None, after: int, limit: int
    ) -> list[AlertRow]:
        query = select(alerts).where(alerts.c.agency == agency, alerts.c.id > after)
        if status is not None:
            query = query.where(alerts.c.status == status)
        if overdue_at is not None:
            query = query.where(alerts.c.status == "new", alerts.c.due_at <= overdue_at)
        rows = self.conn.execute(query.order_by(alerts.c.id).limit(limit)).mappings()
        return [AlertRow.from_row(r) for r in rows]

    def update_alert(self, alert_id: int, **values: Any) -> AlertRow:
        self.conn.execute(update(alerts).where(alerts.c.id == alert_id).values(values))
        found = self.get_alert(alert_id)
        assert found is not None
        return found

    def update_alerts(self, alert_ids: Sequence[int], **values: Any) -> list[AlertRow]:
        """Set the same ``values`` on many alerts; the alerts as updated, by id."""
        if not alert_ids:
            return []
        ids = list(alert_ids)
        self.conn.execute(update(alerts).where(alerts.c.id.in_(ids)).values(values))
        query = select(alerts).where(alerts.c.id.in_(ids)).order_by(alerts.c.id)
        return [AlertRow.from_row(r) for r in self.conn.execute(query).mappings()]

    def open_alerts_of(self, listing_ids: Sequence[int]) -> list[AlertRow]:
        query = select(alerts).where(
            alerts.c.listing_id.in_(list(listing_ids)), alerts.c.status.in_(OPEN)
        )
        return [AlertRow.from_row(r) for r in self.conn.execute(query).mappings()]

    def overdue_alerts(self, now: datetime, limit: int) -> list[AlertRow]:
        """New alerts past their deadline that have not been escalated yet."""
        query = (
            select(alerts)
            .where(
                alerts.c.status == "new", alerts.c.due_at <= now, alerts.c.escalated_at.is_(None)
            )
            .order_by(alerts.c.id)
            .limit(limit)
        )
        return [AlertRow.from_row(r) for r in self.conn.execute(query).mappings()]

    def listing_stamps_after(
        self, at: datetime, after_id: int, limit: int
    ) -> list[tuple[int, datetime]]:
        """``(id, updated_at)`` of listings written after ``(at, after_id)``, in that order
        (a light read: the watcher loads in full only the listings it has not seen)."""
        key = tuple_(listings.c.updated_at, listings.c.id)
        query = (
            select(listings.c.id, listings.c.updated_at)
            .where(key > tuple_(literal(at, UTCDateTime()), literal(after_id)))
            .order_by(listings.c.updated_at, listings.c.id)
            .limit(limit)
        )
        return [(int(i), stamp) for i, stamp in self.conn.execute(query)]

    def listings_by_ids(self, ids: Sequence[int]) -> list[Listing]:
        if not ids:
            return []
        query = select(listings).where(listings.c.id.in_(list(ids))).order_by(listings.c.id)
        return [listing_from_row(r) for r in self.conn.execute(query).mappings()]

    # the event log
    def append_alert_events(self, specs: Sequence[EventSpec], at: datetime) -> list[AlertEventRow]:
        """Add events with the next sequence numbers, taken by one update of the head row
        whose lock is held to commit (so numbers are gap-free and in commit order). On
        PostgreSQL the commit also notifies ``EVENTS_CHANNEL`` listeners (other processes)."""
        if not specs:
            return []
        taken = (
            update(alert_event_head)
            .where(alert_event_head.c.id == 1)
            .values(seq=alert_event_head.c.seq + len(specs))
            .returning(alert_event_head.c.seq)
        )
        last = self.conn.execute(taken).scalar()
        if last is None:  # the very first events
            last = len(specs)
            self.conn.execute(insert(alert_event_head).values(id=1, seq=last))
        first = int(last) - len(specs) + 1
        rows: list[dict[str, Any]] = [
            {
                "seq": seq,
                "alert_id": alert.id,
                "agency": alert.agency,
                "type": type_,
                "actor": actor,
                "note": note,
                "payload": _json(payload),
                "created_at": at,
            }
            for seq, (alert, type_, actor, note, payload) in enumerate(specs, first)
        ]
        self.conn.execute(insert(alert_events), rows)
        if self.conn.dialect.name == "postgresql":
            self.conn.execute(select(func.pg_notify(EVENTS_CHANNEL, str(last))))
        return [
            AlertEventRow(**dict(row, payload=spec[4], created_at=at.astimezone(UTC)))
            for row, spec in zip(rows, specs, strict=True)
        ]

    def alert_events_after(self, agency: str, seq: int, limit: int) -> list[AlertEventRow]:
        query = (
            select(alert_events)
            .where(alert_events.c.agency == agency, alert_events.c.seq > seq)
            .order_by(alert_events.c.seq)
            .limit(limit)
        )
        return [AlertEventRow.from_row(r) for r in self.conn.execute(query).mappings()]

    def get_alert_events(self, seqs: Sequence[int]) -> dict[int, AlertEventRow]:
        if not seqs:
            return {}
        query = select(alert_events).where(alert_events.c.seq.in_(list(seqs)))
        rows = map(AlertEventRow.from_row, self.conn.execute(query).mappings())
        return {r.seq: r for r in rows}

    def events_of_alert(self, alert_id: int) -> list[AlertEventRow]:
        query = select(alert_events).where(alert_events.c.alert_id == alert_id)
        rows = self.conn.execute(query.order_by(alert_events.c.seq)).mappings()
        return [AlertEventRow.from_row(r) for r in rows]

    def alert_event_head_seq(self) -> int:
        """The newest alert event's sequence number (0 when none)."""
        found = self.conn.execute(select(alert_event_head.c.seq)).scalar()
        return int(found or 0)


def _alert_row(alert_id: int, values: dict[str, Any]) -> AlertRow:
    """An inserted alert as a read would return it (aware UTC times, actions a tuple)."""
    fields: dict[str, Any] = {
        k: (v.astimezone(UTC) if isinstance(v, datetime) else v) for k, v in values.items()
    }
    fields["actions"] = tuple(values["actions"])
    return AlertRow(id=alert_id, **fields)


class EventListener:
    """A dedicated PostgreSQL connection that LISTENs on ``EVENTS_CHANNEL``: ``wait`` returns
    as soon as a transaction that appended alert events commits, in any process.

    ``open`` gives None on other databases (SQLite has no such signal: poll the head row).
    """

    def __init__(self, engine: Engine) -> None:
        self._conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            self._conn.exec_driver_sql(f"LISTEN {EVENTS_CHANNEL}")
        except Exception:
            self.close()
            raise
        self._driver: Any = self._conn.connection.driver_connection  # psycopg.Connection

    @classmethod
    def open(cls, engine: Engine) -> EventListener | None:
        return cls(engine) if engine.dialect.name == "postgresql" else None

    def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds; True when events were committed meanwhile."""
        got = False
        for _ in self._driver.notifies(timeout=timeout, stop_after=1):
            got = True
        return got

    def close(self) -> None:
        """Close the connection for good (a listening connection never goes back to the pool)."""
        with contextlib.suppress(Exception):  # it may be broken already: that is why we close
            self._conn.invalidate()
            self._conn.close()
