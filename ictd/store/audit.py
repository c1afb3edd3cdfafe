"""The audit repository: the hash-chained audit log.

Appending locks the single ``audit_head`` row (``SELECT … FOR UPDATE`` on PostgreSQL;
SQLite transactions already hold the write lock from ``BEGIN IMMEDIATE``), so events get
gap-free sequence numbers and each one carries the hash of the one before. The event's
insert and the head's move are one statement on PostgreSQL (a ``WITH … INSERT``), two on
SQLite, where a statement costs no round trip.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import (
    ColumnElement,
    RowMapping,
    and_,
    bindparam,
    func,
    insert,
    or_,
    select,
    update,
)

from ictd.security.actor import Actor
from ictd.security.audit import GENESIS_HASH, AuditEvent, seal_event
from ictd.store.direct import Direct
from ictd.store.repository import Repository
from ictd.store.tables import audit_events, audit_head

__all__ = ["REFUSED_SUFFIX", "AuditRepository", "concerning"]

REFUSED_SUFFIX = ".refused"
"""Actions of refused reads of hidden records end so (``subject.read.refused``)."""


_HIGHEST = select(func.max(audit_events.c.seq))
# The head row, locked (PostgreSQL; SQLite's BEGIN IMMEDIATE holds the write lock already),
# with the highest sequence present, in one statement. On PostgreSQL a writer that waited
# for the lock reads the head as its holder left it (READ COMMITTED re-reads a locked row);
# the highest sequence may be older than the head then, and the head is the larger.
_HEAD = Direct(
    select(audit_head.c.seq, audit_head.c.hash, _HIGHEST.scalar_subquery())
    .where(audit_head.c.id == 1)
    .with_for_update(of=audit_head)
)
_INSERT_HEAD = insert(audit_head)
_EVENT = insert(audit_events).values({c.name: bindparam(c.name) for c in audit_events.c})
_MOVE = update(audit_head).where(audit_head.c.id == 1)
_MOVE = _MOVE.values(seq=bindparam("seq"), hash=bindparam("hash"))
_INSERT = Direct(_EVENT)
_MOVE_HEAD = Direct(_MOVE)
# PostgreSQL: the insert and the head move in one statement (one round trip fewer per
# event; a data-modifying WITH runs whether or not the rest reads it), still under the
# lock ``_HEAD`` took in this transaction. Both take the new event's seq and hash.
_INSERT_AND_MOVE_HEAD = Direct(_MOVE.add_cte(_EVENT.cte("sealed")))


def concerning(agency: str) -> ColumnElement[bool]:
    """SQL condition: an event of ``agency``, or a refused read of one of its records.

    A refused read names the owners in its detail (``{"owners": ["AAA"]}``); its detail holds
    nothing else a caller wrote, and a quoted code inside a caller's text would be escaped
    (``\\"AAA\\"``), so the quoted code matches the owners only.
    """
    refused = and_(
        audit_events.c.action.endswith(REFUSED_SUFFIX, autoescape=True),
        audit_events.c.detail.contains(f'"{agency}"', autoescape=True),
    )
    return or_(audit_events.c.agency == agency, refused)


def event_from_row(row: RowMapping) -> AuditEvent:
    return AuditEvent.from_row(dict(row))


class AuditRepository(Repository):
    """Appends sealed events under the head-row lock; reads them back in order."""

    __slots__ = ()
    READS = frozenset({"events", "head", "query"})

    def record(
        self, actor: Actor, action: str, targets: Iterable[str] = (), **detail: Any
    ) -> AuditEvent:
        """Audit ``actor`` doing ``action`` to ``targets``, inside this transaction."""
        event = AuditEvent(
            actor=actor.name,
            agency=actor.agency,
            action=action,
            purpose=actor.purpose,
            targets=tuple(targets),
            detail={k: v for k, v in detail.items() if v is not None},
        )
        return self.append(event)

    def append(self, event: AuditEvent) -> AuditEvent:
        """Seal ``event`` onto the end of the chain and store it: three statements, each
        compiled once and run on the driver's cursor (``ictd.store.direct``: ``_HEAD``,
        ``_INSERT``, ``_MOVE_HEAD``); two on PostgreSQL, where the insert and the head move
        are one (``_INSERT_AND_MOVE_HEAD``)."""
        head = _HEAD.execute(self.conn, {})
        if head is None:
            prev_seq, prev_hash = 0, GENESIS_HASH
            highest = self.conn.execute(_HIGHEST).scalar()
            self.conn.execute(_INSERT_HEAD, {"id": 1, "seq": 0, "hash": GENESIS_HASH})
        else:
            prev_seq, prev_hash, highest = int(head[0]), str(head[1]), head[2]
        # A row forged past the head must not block the log (nor the verification that will
        # report it): number after the highest row present, linking to the head's hash.
        sealed = seal_event(event, seq=max(prev_seq, int(highest or 0)) + 1, prev_hash=prev_hash)
        row = sealed.to_row()
        if self.conn.dialect.name == "postgresql":
            _INSERT_AND_MOVE_HEAD.execute(self.conn, row)
            return sealed
        _INSERT.execute(self.conn, row)
        _MOVE_HEAD.execute(self.conn, {"seq": sealed.seq, "hash": sealed.hash})
        return sealed

    def head(self) -> tuple[int, str]:
        row = self.conn.execute(select(audit_head).where(audit_head.c.id == 1)).mappings().first()
        return (int(row["seq"]), str(row["hash"])) if row else (0, GENESIS_HASH)

    def events(self, batch: int = 5000) -> Iterator[AuditEvent]:
        """Every event in sequence order, read in batches."""
        after = -1
        while True:
            query = select(audit_events).where(audit_events.c.seq > after)
            rows = self.conn.execute(query.order_by(audit_events.c.seq).limit(batch)).mappings()
            events = [event_from_row(r) for r in rows]
            if not events:
                return
            yield from events
            after = events[-1].seq

    def query(self, filters: dict[str, Any], after: int, limit: int) -> list[AuditEvent]:
        query = select(audit_events).where(audit_events.c.seq > after)
        for name in ("agency", "action", "actor"):
            if filters.get(name):
                query = query.where(audit_events.c[name] == filters[name])
        if filters.get("concerning"):
            query = query.where(concerning(filters["concerning"]))
        if filters.get("target"):
            query = query.where(audit_events.c.targets.contains(f'"{filters["target"]}"'))
        if filters.get("since"):
            query = query.where(audit_events.c.ts >= filters["since"])
        rows = self.conn.execute(query.order_by(audit_events.c.seq).limit(limit)).mappings()
        return [event_from_row(r) for r in rows]
