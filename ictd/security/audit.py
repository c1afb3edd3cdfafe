"""Audit events and the hash chain that makes tampering detectable.

Each event's ``hash`` is the SHA-256 of its canonical JSON form, which includes its
sequence number and the previous event's hash. Altering a row breaks its own hash;
deleting or inserting a row breaks the sequence or the link to the previous hash;
removing events from the end is caught by the stored chain head.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

__all__ = [
    "GENESIS_HASH",
    "AuditEvent",
    "ChainBreak",
    "hash_at",
    "seal_event",
    "verify_chain",
]

GENESIS_HASH = "0" * 64

_CANONICAL: dict[str, Any] = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """Who did what, when, for which purpose, to which records.

    ``targets`` are ``kind:id`` strings (``subject:12``); ``detail`` holds the parameters
    of the act (a search's terms, the fields changed), never secrets.
    """

    actor: str
    action: str
    agency: str | None = None
    purpose: str | None = None
    targets: tuple[str, ...] = ()
    detail: dict[str, Any] = field(default_factory=dict)
    ts: str = ""
    seq: int = 0
    prev_hash: str = ""
    hash: str = ""

    def canonical(self) -> bytes:
        """Everything but the event's own hash, as sorted, compact JSON."""
        body = self.to_dict()
        del body["hash"]
        return json.dumps(body, **_CANONICAL).encode()

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()

    def to_row(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "ts": self.ts,
            "actor": self.actor,
            "agency": self.agency,
            "action": self.action,
            "purpose": self.purpose,
            "targets": json.dumps(list(self.targets), ensure_ascii=False),
            "detail": json.dumps(self.detail, sort_keys=True, ensure_ascii=False),
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> AuditEvent:
        return cls(
            seq=int(row["seq"]),
            ts=row["ts"],
            actor=row["actor"],
            agency=row["agency"],
            action=row["action"],
            purpose=row["purpose"],
            targets=tuple(json.loads(row["targets"])),
            detail=json.loads(row["detail"]),
            prev_hash=row["prev_hash"],
            hash=row["hash"],
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "ts": self.ts,
            "actor": self.actor,
            "agency": self.agency,
            "action": self.action,
            "purpose": self.purpose,
            "targets": list(self.targets),
            "detail": self.detail,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


def seal_event(
    event: AuditEvent, seq: int, prev_hash: str, now: datetime | None = None
) -> AuditEvent:
    """Give ``event`` its place in the chain: sequence, time, previous hash and own hash."""
    moment = event.ts or (now or datetime.now(UTC)).isoformat(timespec="microseconds")
    placed = event if moment == event.ts else replace(event, ts=moment)
    digest = hash_at(placed)(seq, prev_hash)
    return replace(placed, seq=seq, prev_hash=prev_hash, hash=digest)


def hash_at(event: AuditEvent) -> Callable[[int, str], str]:
    """The hash ``event`` (its time set) will have at sequence ``seq`` after the hash
    ``prev_hash``: ``hash_at(event)(seq, prev_hash)`` equals the ``compute_hash()`` of the
    event placed there.

    The canonical form is rendered now, all but the place: its keys sort as ``action``,
    ``actor``, ``agency``, ``detail``, ``prev_hash``, ``purpose``, ``seq``, ``targets``,
    ``ts``, so the place goes between a head and a tail rendered once. An event recorded
    now and sealed later (``AuditRepository``) is hashed as it was when recorded.
    """
    head = json.dumps(
        {
            "action": event.action,
            "actor": event.actor,
            "agency": event.agency,
            "detail": event.detail,
        },
        **_CANONICAL,
    )[:-1]
    purpose = json.dumps(event.purpose, ensure_ascii=False)
    tail = json.dumps({"targets": list(event.targets), "ts": event.ts}, **_CANONICAL)[1:]

    def at(seq: int, prev_hash: str) -> str:
        place = json.dumps(prev_hash, ensure_ascii=False)
        text = f'{head},"prev_hash":{place},"purpose":{purpose},"seq":{int(seq)},{tail}'
        return hashlib.sha256(text.encode()).hexdigest()

    return at


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """The first event where the chain does not hold, and why."""

    seq: int
    reason: str


def verify_chain(
    events: Iterable[AuditEvent], head: tuple[int, str]
) -> tuple[int, ChainBreak | None]:
    """Check every event in order against the chain head; return (events checked, first break)."""
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0
    for event in events:
        count += 1
        if event.seq != expected_seq:
            return count, ChainBreak(
                expected_seq, f"event {expected_seq} is missing (next found is {event.seq})"
            )
        if event.prev_hash != prev_hash:
            return count, ChainBreak(event.seq, "does not link to the previous event's hash")
        if event.compute_hash() != event.hash:
            return count, ChainBreak(event.seq, "content does not match its hash (altered)")
        prev_hash, expected_seq = event.hash, expected_seq + 1
    return count, _check_head(head, expected_seq - 1, prev_hash)


def _check_head(head: tuple[int, str], last: int, last_hash: str) -> ChainBreak | None:
    """The stored chain head must name the last event and its hash."""
    head_seq, head_hash = head
    if head_seq < last:
        return ChainBreak(head_seq + 1, f"chain head says {head_seq} events, log holds {last}")
    if head_seq > last:
        return ChainBreak(last + 1, f"chain head says {head_seq} events, log holds {last}")
    if head_hash != last_hash:
        return ChainBreak(last, "the chain head's hash does not match this event")
    return None
