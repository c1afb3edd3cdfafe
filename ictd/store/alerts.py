"""The alerts repository: alerts, their event log and the cursors of background work.

The event log is the feed of the live stream and of the webhooks: sequence numbers come
from one head row updated under its lock, so they are gap-free and in commit order.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import RowMapping, bindparam, func, insert, select, tuple_, update

from ictd.model.alert import Alert, AlertEvent
from ictd.store.direct import Direct
from ictd.store.repository import Repository, json_text
from ictd.store.tables import alert_cursors, alert_event_head, alert_events, alerts, movements

__all__ = ["EVENTS_CHANNEL", "AlertRepository", "EventSpec", "payload_texts"]

OPEN = ("new", "acknowledged", "actioned", "false-match")
EVENTS_CHANNEL = "ictd_alert_events"  # PostgreSQL NOTIFY channel: alert events committed

# an event to append: (alert id, or None for a notice; agency; type; actor; note; payload)
EventSpec = tuple[int | None, str, str, str, str | None, dict[str, Any]]


# A batch of alerts and of events by the driver's ``executemany`` (``ictd.store.direct``),
# the alerts' ids from each row's RETURNING on PostgreSQL (one pipeline), read after by their
# references on SQLite (SQLAlchemy inserts a batch with RETURNING one row at a time there, to
# keep the ids in order).
_ALERT_COLUMNS = tuple(c.name for c in alerts.c if c.name != "id")
_ADD_ALERTS = insert(alerts).values(
    {name: bindparam(name, type_=alerts.c[name].type) for name in _ALERT_COLUMNS}
)
_INSERT_ALERTS = Direct(_ADD_ALERTS)
_INSERT_ALERT_IDS = Direct(_ADD_ALERTS.returning(alerts.c.id))  # PostgreSQL: ids in order
_ALERT_IDS = select(alerts.c.reference, alerts.c.id).where(
    alerts.c.reference.in_(bindparam("references", expanding=True))
)
_INSERT_EVENTS = Direct(
    insert(alert_events).values({c.name: bindparam(c.name, type_=c.type) for c in alert_events.c})
)


def alert_from_row(row: RowMapping) -> Alert:
    values = dict(row)
    values["actions"] = tuple(x for x in (values["actions"] or "").split(",") if x)
    values["detail"] = json.loads(values["detail"]) if values["detail"] else {}
    return Alert(**values)


def event_from_row(row: RowMapping) -> AlertEvent:
    values = dict(row)
    values["payload"] = json.loads(values["payload"])
    return AlertEvent(**values)


# the dispatcher's pass at its interval reads these whether or not there is work: built
# once, a statement keeps its cache key (no statement built and keyed per pass)
_OVERDUE = (
    select(alerts)
    .where(
        alerts.c.status == "new",
        alerts.c.due_at <= bindparam("now"),
        alerts.c.escalated_at.is_(None),
    )
    .order_by(alerts.c.id)
    .limit(bindparam("limit"))
)
_CURSOR = select(alert_cursors.c.value).where(alert_cursors.c.name == bindparam("name"))


class AlertRepository(Repository):
    """Alerts, their event log (the feed of the live stream and the webhooks) and the
    cursors of the background work."""

    __slots__ = ()
    READS = frozenset(
        {
            "alerted_pairs",
            "dedupe_keys_seen",
            "hits_of_movements",
            "by_reference",
            "cursor",
            "event_head",
            "events_after",
            "events_by_seq",
            "events_of",
            "get",
            "open_of_listings",
            "overdue",
            "page",
        }
    )

    def insert_many(self, rows: Sequence[dict[str, Any]]) -> list[Alert]:
        """Insert many alerts (each with its unique ``reference`` and its ``kind``: a column
        a row leaves out is stored NULL); the rows as stored, in the order given."""
        if not rows:
            return []
        values = []
        for r in rows:
            row: dict[str, Any] = {k: r.get(k) for k in _ALERT_COLUMNS}
            row["actions"] = ",".join(r["actions"])
            row["detail"] = json_text(r["detail"]) if r.get("detail") else None
            values.append(row)
        times: dict[int, datetime] = {}  # (every time stays alive in ``rows``)
        if self.conn.dialect.name == "postgresql":  # each row's id in its own result
            found = _INSERT_ALERT_IDS.many_returning(self.conn, values)
            return [_alert_row(int(x[0]), r, times) for x, r in zip(found, rows, strict=True)]
        _INSERT_ALERTS.many(self.conn, values)
        references = [r["reference"] for r in values]
        read = self.conn.execute(_ALERT_IDS, {"references": references})
        ids = {str(reference): int(alert_id) for reference, alert_id in read}
        return [_alert_row(ids[x], r, times) for x, r in zip(references, rows, strict=True)]

    def dedupe_keys_seen(self, keys: Sequence[tuple[str, str | None]]) -> set[tuple[str, str]]:
        """Which ``(agency, dedupe_key)`` pairs already have an alert."""
        wanted = [(a, k) for a, k in keys if k]
        if not wanted:
            return set()
        pair = tuple_(alerts.c.agency, alerts.c.dedupe_key)
        query = select(alerts.c.agency, alerts.c.dedupe_key).where(pair.in_(wanted))
        return {(str(a), str(k)) for a, k in self.conn.execute(query)}

    def hits_of_movements(self, movement_ids: Sequence[int]) -> list[Alert]:
        """The alerts of hits on these movements: on a listing (kind ``movement``) or on a
        document of the register (kind ``document``), oldest first."""
        if not movement_ids:
            return []
        query = (
            select(alerts)
            .where(
                alerts.c.movement_id.in_(sorted(set(movement_ids))),
                alerts.c.kind.in_(("movement", "document")),
            )
            .order_by(alerts.c.id)
        )
        return [alert_from_row(r) for r in self.conn.execute(query).mappings()]

    def get(self, alert_id: int) -> Alert | None:
        row = self.conn.execute(select(alerts).where(alerts.c.id == alert_id)).mappings().first()
        return alert_from_row(row) if row else None

    def by_reference(self, reference: str) -> Alert | None:
        query = select(alerts).where(alerts.c.reference == reference)
        row = self.conn.execute(query).mappings().first()
        return alert_from_row(row) if row else None

    def alerted_pairs(self, pairs: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
        """Which ``(movement_id, listing_id)`` pairs already have an alert."""
        if not pairs:
            return set()
        key = tuple_(alerts.c.movement_id, alerts.c.listing_id)
        query = select(alerts.c.movement_id, alerts.c.listing_id).where(key.in_(list(pairs)))
        return {(int(a), int(b)) for a, b in self.conn.execute(query)}

    def page(
        self, agency: str, status: str | None, overdue_at: datetime | None, after: int, limit: int
    ) -> list[Alert]:
        query = select(alerts).where(alerts.c.agency == agency, alerts.c.id > after)
        if status is not None:
            query = query.where(alerts.c.status == status)
        if overdue_at is not None:
            query = query.where(alerts.c.status == "new", alerts.c.due_at <= overdue_at)
        rows = self.conn.execute(query.order_by(alerts.c.id).limit(limit)).mappings()
        return [alert_from_row(r) for r in rows]

    def update(self, alert_id: int, **values: Any) -> Alert:
        self.conn.execute(update(alerts).where(alerts.c.id == alert_id).values(values))
        found = self.get(alert_id)
        assert found is not None
        return found

    def update_many(self, alert_ids: Sequence[int], **values: Any) -> list[Alert]:
        """Set the same ``values`` on many alerts; the alerts as updated, by id."""
        if not alert_ids:
            return []
        ids = list(alert_ids)
        self.conn.execute(update(alerts).where(alerts.c.id.in_(ids)).values(values))
        query = select(alerts).where(alerts.c.id.in_(ids)).order_by(alerts.c.id)
        return [alert_from_row(r) for r in self.conn.execute(query).mappings()]

    def detach_movements_before(self, before: datetime) -> int:
        """Unlink alerts from movements that happened before ``before`` (their movements are
        about to be deleted under the retention period; the alert keeps its detail)."""
        old = select(movements.c.id).where(movements.c.occurred_at < before)
        query = update(alerts).where(alerts.c.movement_id.in_(old)).values(movement_id=None)
        return int(self.conn.execute(query).rowcount or 0)

    def open_of_listings(self, listing_ids: Sequence[int]) -> list[Alert]:
        query = select(alerts).where(
            alerts.c.listing_id.in_(list(listing_ids)), alerts.c.status.in_(OPEN)
        )
        return [alert_from_row(r) for r in self.conn.execute(query).mappings()]

    def overdue(self, now: datetime, limit: int) -> list[Alert]:
        """New alerts past their deadline that have not been escalated yet."""
        rows = self.conn.execute(_OVERDUE, {"now": now, "limit": limit}).mappings()
        return [alert_from_row(r) for r in rows]

    def append_events(self, specs: Sequence[EventSpec], at: datetime) -> list[AlertEvent]:
        """Add events with the next sequence numbers, taken by one update of the head row
        whose lock is held to commit (so numbers are gap-free and in commit order). On
        PostgreSQL the commit also notifies ``EVENTS_CHANNEL`` listeners (other processes)."""
        if not specs:
            return []
        # the rows first (their payloads' JSON), the head's lock after: it is held to commit
        texts = payload_texts([spec[5] for spec in specs])
        rows: list[dict[str, Any]] = [
            {
                "seq": 0,
                "alert_id": alert_id,
                "agency": agency,
                "type": type_,
                "actor": actor,
                "note": note,
                "payload": text,
                "created_at": at,
            }
            for (alert_id, agency, type_, actor, note, _), text in zip(specs, texts, strict=True)
        ]
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
        for seq, row in enumerate(rows, int(last) - len(specs) + 1):
            row["seq"] = seq
        _INSERT_EVENTS.many(self.conn, rows)
        if self.conn.dialect.name == "postgresql":
            self.conn.execute(select(func.pg_notify(EVENTS_CHANNEL, str(last))))
        created = at.astimezone(UTC)
        return [
            AlertEvent(row["seq"], alert_id, agency, type_, actor, note, payload, created)
            for row, (alert_id, agency, type_, actor, note, payload) in zip(
                rows, specs, strict=True
            )
        ]

    def events_after(self, agency: str, seq: int, limit: int) -> list[AlertEvent]:
        query = (
            select(alert_events)
            .where(alert_events.c.agency == agency, alert_events.c.seq > seq)
            .order_by(alert_events.c.seq)
            .limit(limit)
        )
        return [event_from_row(r) for r in self.conn.execute(query).mappings()]

    def events_by_seq(self, seqs: Sequence[int]) -> dict[int, AlertEvent]:
        if not seqs:
            return {}
        query = select(alert_events).where(alert_events.c.seq.in_(list(seqs)))
        rows = map(event_from_row, self.conn.execute(query).mappings())
        return {r.seq: r for r in rows}

    def events_of(self, alert_id: int) -> list[AlertEvent]:
        query = select(alert_events).where(alert_events.c.alert_id == alert_id)
        rows = self.conn.execute(query.order_by(alert_events.c.seq)).mappings()
        return [event_from_row(r) for r in rows]

    def event_head(self) -> int:
        """The newest alert event's sequence number (0 when none)."""
        found = self.conn.execute(select(alert_event_head.c.seq)).scalar()
        return int(found or 0)

    def cursor(self, name: str) -> str | None:
        found = self.conn.execute(_CURSOR, {"name": name}).scalar()
        return str(found) if found is not None else None

    def set_cursor(self, name: str, value: str) -> None:
        query = update(alert_cursors).where(alert_cursors.c.name == name).values(value=value)
        if self.conn.execute(query).rowcount == 0:
            self.conn.execute(insert(alert_cursors).values(name=name, value=value))


def payload_texts(payloads: Sequence[dict[str, Any]]) -> list[str]:
    """Each payload as ``json_text`` writes it. A value that several payloads of the batch
    hold (the same object: the shape of a movement with several alerts) is encoded once
    and its text put in place, as the encoder would write it: keys sorted, ``", "`` between
    items and ``": "`` after a key."""
    known: dict[int, str] = {}  # by the identity of a value (alive in ``payloads``)
    keys: dict[str, str] = {}
    out = []
    for payload in payloads:
        if not all(type(k) is str for k in payload):
            out.append(json_text(payload))
            continue
        items = []
        for key in sorted(payload):
            value = payload[key]
            text = known.get(id(value))
            if text is None:
                text = json_text(value)
                if type(value) is dict:
                    known[id(value)] = text
            name = keys.get(key)
            if name is None:
                name = keys[key] = json_text(key)
            items.append(f"{name}: {text}")
        out.append("{" + ", ".join(items) + "}")
    return out


def _alert_row(alert_id: int, values: dict[str, Any], times: dict[int, datetime]) -> Alert:
    """An inserted alert as a read would return it (aware UTC times, actions a tuple).
    ``times``: the times of a batch in UTC, by the identity of the value converted (the
    rows of a batch share their times)."""
    fields: dict[str, Any] = {}
    for k, v in values.items():
        if isinstance(v, datetime):
            found = times.get(id(v))
            if found is None:
                found = times[id(v)] = v.astimezone(UTC)
            v = found
        fields[k] = v
    fields["actions"] = tuple(values["actions"])
    fields["detail"] = values.get("detail") or {}
    return Alert(id=alert_id, **fields)
