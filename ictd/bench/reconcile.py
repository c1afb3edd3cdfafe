"""After a load test: is every movement a client was told was accepted stored, once?

The clients keep, per idempotency key they sent, the answer they got: the movement id and
result of a 2xx, or nothing (an error status, or no answer at all). The store is then read
for every movement the reporting agency has, and the two are compared:

- ``lost``: answered 2xx, not stored;
- ``duplicated``: stored rows beyond the first for one key;
- ``mismatched``: stored once, but under another id or with another result than the
  client was told;
- ``stored_unanswered``: stored, though the client got no 2xx (the commit happened, the
  answer did not arrive: a reporter would retry with the same key and get it then);
- ``unknown``: stored under a key no client sent.

The run is clean when ``lost``, ``duplicated``, ``mismatched`` and ``unknown`` are all 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from ictd.store import Store

__all__ = ["Answer", "Reconciliation", "reconcile", "stored_movements"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Answer:
    """What a client was told about one movement (a 2xx answer)."""

    movement_id: int
    result: str  # "hit" or "no-hit"


@dataclass(frozen=True, slots=True)
class Reconciliation:
    sent: int
    accepted: int
    found_once: int
    lost: int
    duplicated: int
    mismatched: int
    stored_unanswered: int
    unknown: int

    @property
    def is_clean(self) -> bool:
        return self.lost == self.duplicated == self.mismatched == self.unknown == 0


def stored_movements(store: Store, agency: str, page: int = 1000) -> list[tuple[str, int, str]]:
    """Every movement ``agency`` reported, as (idempotency key, id, result), a page at a time."""
    out: list[tuple[str, int, str]] = []
    after = 0
    while True:
        with store.read() as session:
            rows = session.movements.reported_by(agency, _EPOCH, after, page)
        out += [(m.idempotency_key, m.id, str(m.reply.get("result"))) for m in rows]
        if len(rows) < page:
            return out
        after = rows[-1].id


def reconcile(sent: Mapping[str, Answer | None],
              stored: Iterable[tuple[str, int, str]]) -> Reconciliation:  # fmt: skip
    """Compare what the clients were told (``sent``: key → 2xx answer or None) with the
    stored movements (key, id, result)."""
    rows: dict[str, list[tuple[int, str]]] = {}
    for key, movement_id, result in stored:
        rows.setdefault(key, []).append((movement_id, result))
    counts = Counter({key: len(found) for key, found in rows.items()})
    accepted = {key: answer for key, answer in sent.items() if answer is not None}
    once = [key for key in accepted if counts[key] == 1]
    mismatched = sum(
        1 for key in once if rows[key][0] != (accepted[key].movement_id, accepted[key].result)
    )
    return Reconciliation(
        sent=len(sent),
        accepted=len(accepted),
        found_once=len(once),
        lost=sum(1 for key in accepted if counts[key] == 0),
        duplicated=sum(n - 1 for n in counts.values() if n > 1),
        mismatched=mismatched,
        stored_unanswered=sum(1 for key in rows if key in sent and key not in accepted),
        unknown=sum(1 for key in rows if key not in sent),
    )
