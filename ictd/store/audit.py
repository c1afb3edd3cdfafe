"""The audit repository: the audit intake and the hash-chained audit log.

Recording an event is one ``INSERT`` into ``audit_intake``, in the caller's transaction and
without any lock: the event commits (or rolls back) with the effects it records, durable
before the answer, and concurrent requests do not queue behind one another.

Sealing moves intake rows onto the chain, one bounded batch per transaction: lock the single
``audit_head`` row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` holds
the write lock already), read the intake rows committed by then in id order, give each its
sequence number and the hash of the one before (``seal_event``), insert them into
``audit_events``, move the head and delete them from the intake. Sealers serialise on the
head lock, and each one reads the intake after taking it, so no row is sealed twice; a row
is deleted in the transaction that seals it, so none is lost. No watermark is kept: a row
with a smaller id that commits after larger ones were sealed (PostgreSQL hands out ids
before commit) is simply still in the intake for the next batch, and sealed after them.

A PostgreSQL write transaction (``Store.begin``) holds its events too and, at its end,
inserts them into the intake in the same round trip as its ``COMMIT`` (``commit_held``).

A SQLite write transaction (``Store.begin``) seals its own events before it commits, under
the write lock its ``BEGIN IMMEDIATE`` took; it holds them in memory meanwhile (``hold``) and,
when the intake holds no row, writes them straight onto the chain: the same rows, sequences
and hashes as through the intake, without the intake's insert, read and delete. They commit
or roll back with the transaction, as an intake row would; when the intake holds rows of
others (or a read of the log comes first), the held events go into it and are sealed after
them, as before.

Reads of the log (``events``, ``query``, ``head``) seal the committed intake first, so they
see every committed event: in this transaction when it may write, else through the store in
transactions of their own before the read (``Session`` passes ``seal_elsewhere``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    RowMapping,
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    text,
    update,
)

from ictd.exc import StoreError
from ictd.security.actor import Actor
from ictd.security.audit import GENESIS_HASH, AuditEvent, hash_at, seal_event
from ictd.store.direct import Direct, commit_with, simple_results
from ictd.store.repository import Repository
from ictd.store.tables import audit_events, audit_head, audit_intake

__all__ = ["REFUSED_SUFFIX", "SEAL_BATCH", "AuditRepository", "concerning"]

REFUSED_SUFFIX = ".refused"
"""Actions of refused reads of hidden records end so (``subject.read.refused``)."""

SEAL_BATCH = 500
"""The most intake rows one sealing transaction takes."""

_HIGHEST = select(func.max(audit_events.c.seq))
# The head row, locked (PostgreSQL; SQLite's BEGIN IMMEDIATE holds the write lock already),
# with the highest sequence present, in one statement.
_HEAD = Direct(
    select(audit_head.c.seq, audit_head.c.hash, _HIGHEST.scalar_subquery())
    .where(audit_head.c.id == 1)
    .with_for_update(of=audit_head)
)
# the head of an empty log; two sealers of an emptied store may both find none
_ENSURE_HEAD = text(
    "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, :hash) ON CONFLICT (id) DO NOTHING"
)
_INTAKE = Direct(
    insert(audit_intake).values(
        {c.name: bindparam(c.name) for c in audit_intake.c if c.name != "id"}
    )
)
_INTAKE_FIELDS = tuple(c.name for c in audit_intake.c if c.name != "id")
_INTAKE_ROW = "(" + ", ".join(["%s"] * len(_INTAKE_FIELDS)) + ")"
_INTAKE_MANY = f"INSERT INTO audit_intake ({', '.join(_INTAKE_FIELDS)}) VALUES "
_ANY_PENDING = Direct(select(audit_intake.c.id).limit(1))
# SQLite's held events (``AuditRepository.hold``): the head and the highest sequence, as
# ``_HEAD``, and whether the intake holds a row, in one statement
_HEAD_IF_CLEAR = Direct(
    select(
        audit_head.c.seq,
        audit_head.c.hash,
        _HIGHEST.scalar_subquery(),
        select(audit_intake.c.id).limit(1).exists(),
    ).where(audit_head.c.id == 1)
)
_INTAKE_COLUMNS = tuple(c.name for c in audit_intake.c)
_PENDING = Direct(select(*audit_intake.c).order_by(audit_intake.c.id).limit(bindparam("limit")))
_CHAIN = Direct(insert(audit_events).values({c.name: bindparam(c.name) for c in audit_events.c}))
_SEALED = Direct(delete(audit_intake).where(audit_intake.c.id == bindparam("id")))
# the same three writes as one simple query's text (``_seal_and_commit``, PostgreSQL)
_CHAIN_FIELDS = tuple(c.name for c in audit_events.c)
_CHAIN_ROW = "(" + ", ".join(["%s"] * len(_CHAIN_FIELDS)) + ")"
_CHAIN_MANY = f"INSERT INTO audit_events ({', '.join(_CHAIN_FIELDS)}) VALUES "
_MOVE_SQL = "UPDATE audit_head SET seq = %s, hash = %s WHERE id = 1"
_SEALED_MANY = "DELETE FROM audit_intake WHERE id IN "
_MOVE = Direct(
    update(audit_head)
    .where(audit_head.c.id == 1)
    .values(seq=bindparam("seq"), hash=bindparam("hash"))
)


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


def _from_intake(row: dict[str, Any]) -> AuditEvent:
    """An intake row as the event it records, not yet sealed (no sequence, no hashes)."""
    return AuditEvent.from_row({**row, "seq": 0, "prev_hash": "", "hash": ""})


def _sealed(row: dict[str, Any], seq: int, prev_hash: str) -> dict[str, Any]:
    """The chain's row of intake ``row`` placed at ``seq`` after ``prev_hash``: its own
    text, with the place and the hash of the event it records (not rendered again)."""
    event = _from_intake(row)
    if not event.ts:  # a row without its time (not one ``append`` wrote): sealed now
        return seal_event(event, seq=seq, prev_hash=prev_hash).to_row()
    placed = {name: row[name] for name in _INTAKE_FIELDS}
    placed.update(seq=seq, prev_hash=prev_hash, hash=hash_at(event)(seq, prev_hash))
    return placed


def _intake_row(event: AuditEvent) -> dict[str, Any]:
    """``event``'s intake row: its row without the sequence and the hashes."""
    row = event.to_row()
    del row["seq"], row["prev_hash"], row["hash"]
    return row


class _Held:
    """An event held by its transaction (``AuditRepository.hold``): its intake row and, when
    the transaction may seal it itself (SQLite), its hash at any place (``hash_at``), both
    made when it was recorded, so that sealing it neither parses the row back nor renders
    the event again."""

    __slots__ = ("hash_at", "row")

    def __init__(self, event: AuditEvent, sealable: bool) -> None:
        self.row = _intake_row(event)
        self.hash_at = hash_at(event) if sealable else None


class AuditRepository(Repository):
    """Records events into the intake; seals them onto the chain; reads the chain in order."""

    __slots__ = ("_held", "_seal_elsewhere", "hold", "recorded")
    READS = frozenset({"events", "head", "is_pending", "pending", "query"})

    def __init__(
        self,
        conn: Connection,
        seal_elsewhere: Callable[[], Any] | None = None,
        hold: bool = False,
    ) -> None:
        """``hold``: keep this transaction's events in memory until ``seal_all`` (SQLite),
        ``commit_held`` (PostgreSQL) or ``release`` is called before it commits
        (``Store.begin`` does); a transaction that commits without one of them loses them,
        so only a caller that calls them may ask."""
        super().__init__(conn)
        self._seal_elsewhere = seal_elsewhere
        self.hold = hold
        self._held: list[_Held] = []
        self.recorded = 0
        """Events this transaction recorded (the store seals them before or after commit)."""

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
            ts=datetime.now(UTC).isoformat(timespec="microseconds"),
        )
        return self.append(event)

    def append(self, event: AuditEvent) -> AuditEvent:
        """Put ``event`` into the intake: one statement on the driver's cursor, no lock (or,
        holding, keep its intake row for ``seal_all``).

        Returns the event with its time; its sequence number and hash come when it is sealed.
        """
        if not event.ts:
            event = replace(event, ts=datetime.now(UTC).isoformat(timespec="microseconds"))
        if self.hold:
            self._held.append(_Held(event, self.conn.dialect.name == "sqlite"))
        else:
            _INTAKE.execute(self.conn, _intake_row(event))
        self.recorded += 1
        return event

    def release(self) -> None:
        """Put the held events into the intake (in order, after every row there), as
        ``append`` would have: for a read of the intake or the log, or a seal beside rows
        of others."""
        held, self._held = self._held, []
        _INTAKE.many(self.conn, [x.row for x in held])

    def commit_held(self) -> bool:
        """PostgreSQL (psycopg): put the held events into the intake and commit the
        transaction, in one round trip (``commit_with``) instead of two; the sealer then
        seals them as any intake row. False (nothing done) when nothing is held or the
        connection is not psycopg's: the transaction then commits as usual."""
        if not self._held or self.conn.dialect.driver != "psycopg":
            return False
        held, self._held = self._held, []
        values = [x.row[name] for x in held for name in _INTAKE_FIELDS]
        commit_with(self.conn, _INTAKE_MANY + ", ".join([_INTAKE_ROW] * len(held)), values)
        return True

    def _seal_held(self) -> bool:
        """Seal the held events straight onto the chain when the intake holds nothing (the
        usual case): the same rows, sequences and hashes as through the intake, with three
        statements fewer (its insert, read and delete). False (nothing done) otherwise."""
        if any(x.hash_at is None for x in self._held):
            return False  # recorded where only the intake seals them: the long way
        head = _HEAD_IF_CLEAR.execute(self.conn, {})
        if head is None or head[3]:
            return False  # no head row yet, or rows of others to seal first: the long way
        seq, prev_hash = max(int(head[0]), int(head[2] or 0)), str(head[1])
        sealed: list[dict[str, Any]] = []
        for held in self._held:
            assert held.hash_at is not None  # looked at above
            seq += 1
            digest = held.hash_at(seq, prev_hash)
            sealed.append({**held.row, "seq": seq, "prev_hash": prev_hash, "hash": digest})
            prev_hash = digest
        self._write_chain(sealed, seq, prev_hash)
        self._held = []
        return True

    def _chain(self, rows: list[dict[str, Any]], seq: int, prev_hash: str) -> None:
        """Seal intake ``rows`` onto the chain after sequence ``seq`` and hash ``prev_hash``,
        in order, and move the head to the last."""
        sealed: list[dict[str, Any]] = []
        for row in rows:
            seq += 1
            sealed.append(_sealed(row, seq, prev_hash))
            prev_hash = sealed[-1]["hash"]
        self._write_chain(sealed, seq, prev_hash)

    def _write_chain(self, sealed: list[dict[str, Any]], seq: int, prev_hash: str) -> None:
        """Insert the ``sealed`` rows into the chain and move the head to ``seq``, ``prev_hash``."""
        _CHAIN.many(self.conn, sealed)
        _MOVE.execute(self.conn, {"seq": seq, "hash": prev_hash})

    def seal(self, limit: int = SEAL_BATCH, commit: bool = False) -> int:
        """Seal up to ``limit`` intake rows, oldest id first, onto the chain in this
        transaction (under the head lock until it ends); return how many.

        ``commit``: the transaction does nothing else and may be committed here (the
        store's sealing transactions). On PostgreSQL (psycopg) it then takes two round
        trips after its ``BEGIN`` instead of six: the head's lock and the intake's rows in
        one (``_seal_and_commit``), the chain's rows, the head's move, the intake rows'
        delete and the ``COMMIT`` in the other."""
        self.release()
        if commit and self.conn.dialect.driver == "psycopg":
            sealed = self._seal_and_commit(limit)
            if sealed is not None:
                return sealed
        head = _HEAD.execute(self.conn, {})
        if head is None:
            self.conn.execute(_ENSURE_HEAD, {"hash": GENESIS_HASH})
            head = _HEAD.execute(self.conn, {})
        if head is None:
            raise StoreError("the audit chain's head row cannot be created")
        prev_seq, prev_hash, highest = int(head[0]), str(head[1]), head[2]
        rows = [dict(zip(_INTAKE_COLUMNS, r, strict=True))
                for r in _PENDING.rows(self.conn, {"limit": limit})]  # fmt: skip
        if not rows:
            return 0
        # A row forged past the head must not block the log (nor the verification that will
        # report it): number after the highest row present, linking to the head's hash.
        self._chain(rows, max(prev_seq, int(highest or 0)), prev_hash)
        _SEALED.many(self.conn, [{"id": row["id"]} for row in rows])
        return len(rows)

    def _seal_and_commit(self, limit: int) -> int | None:
        """``seal(limit, commit=True)`` on PostgreSQL: the head row locked and then the
        intake's rows read, in one simple query (the read after the lock, with a snapshot of
        its own, sees every row a sealer before it left); the sealed rows, the head's move
        and the intake rows' delete sent with the ``COMMIT`` (``commit_with``). None
        (nothing done but the lock) when there is no head row yet: the long way."""
        heads, pending = simple_results(self.conn, (_HEAD, _PENDING), {"limit": limit})
        if not heads:
            return None
        rows = [dict(zip(_INTAKE_COLUMNS, r, strict=True)) for r in pending]
        if not rows:
            return 0  # committed as usual, with nothing written
        seq, prev_hash = max(int(heads[0][0]), int(heads[0][2] or 0)), str(heads[0][1])
        values: list[Any] = []
        for row in rows:
            seq += 1
            sealed = _sealed(row, seq, prev_hash)
            prev_hash = sealed["hash"]
            values.extend(sealed[name] for name in _CHAIN_FIELDS)
        values.extend((seq, prev_hash))
        values.extend(row["id"] for row in rows)
        sql = (
            _CHAIN_MANY + ", ".join([_CHAIN_ROW] * len(rows)) + "; " + _MOVE_SQL + "; "
            + _SEALED_MANY + "(" + ", ".join(["%s"] * len(rows)) + ")"
        )  # fmt: skip
        commit_with(self.conn, sql, values)
        return len(rows)

    def seal_all(self) -> None:
        """Seal every intake row this transaction sees and every event it holds, batch
        after batch, in it."""
        if self._held and len(self._held) <= SEAL_BATCH and self._seal_held():
            return
        self.release()
        while self.seal(SEAL_BATCH) == SEAL_BATCH:
            pass

    def pending(self, before: str | None = None) -> tuple[int, str | None]:
        """The intake rows not sealed yet that this transaction sees (recorded before the
        ISO time ``before``, when given): how many, and the time of the oldest."""
        self.release()
        query = select(func.count(), func.min(audit_intake.c.ts))
        if before is not None:
            query = query.where(audit_intake.c.ts < before)
        count, oldest = self.conn.execute(query).one()
        return int(count), oldest

    def is_pending(self) -> bool:
        """Whether the intake holds an event this transaction sees."""
        self.release()
        return _ANY_PENDING.execute(self.conn, {}) is not None

    def _seal_pending(self) -> None:
        """Before a read: seal what the intake holds, so the read sees every committed event."""
        if self.conn.get_execution_options().get("ictd_read_only", False):
            # a read-only transaction (Store.read): seal in transactions of their own (they
            # look first, without a lock); this one sees them from its next statement on
            # PostgreSQL, and on SQLite when the read is the first of the transaction (its
            # snapshot starts there)
            if self._seal_elsewhere is not None:
                self._seal_elsewhere()
            return
        if self.is_pending():
            self.seal_all()

    def head(self) -> tuple[int, str]:
        self._seal_pending()
        row = self.conn.execute(select(audit_head).where(audit_head.c.id == 1)).mappings().first()
        return (int(row["seq"]), str(row["hash"])) if row else (0, GENESIS_HASH)

    def events(self, batch: int = 5000) -> Iterator[AuditEvent]:
        """Every event in sequence order, read in batches."""
        self._seal_pending()
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
        self._seal_pending()
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
