"""The change feed repository: one row per change to a subject, in commit order.

The matching index and the resolution follower read it to learn which subjects to load
again; a subject written by any process appears here in the same transaction.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import and_, bindparam, exists, func, select

from ictd.store.direct import Direct
from ictd.store.repository import Repository
from ictd.store.tables import agencies, movements, risk_rules, subject_changes

__all__ = ["ChangeFeed", "IntakeWindow"]


# every screening and movement report reads it: compiled once, run on the driver's cursor;
# these reads lock nothing, and on PostgreSQL a transaction's first one runs before its
# BEGIN, which goes with its first write (``ictd.store.direct``)
_WINDOW = Direct(
    select(func.count(), func.coalesce(func.max(subject_changes.c.seq), 0)).where(
        subject_changes.c.seq > bindparam("seq")
    ),
    before_begin=True,
)

# ... and with the screening agency's own hit threshold: one statement, one round trip
_WINDOW_AND_HIT_THRESHOLD = Direct(
    select(
        func.count(),
        func.coalesce(func.max(subject_changes.c.seq), 0),
        select(agencies.c.hit_threshold)
        .where(agencies.c.code == bindparam("agency"))
        .scalar_subquery(),
    ).where(subject_changes.c.seq > bindparam("seq")),
    before_begin=True,
)

# ... and, for a single movement report, whether its idempotency key was used before and
# whether the reporting agency has a rule in force: most reports need neither read
_WINDOW_AND_INTAKE = Direct(
    select(
        func.count(),
        func.coalesce(func.max(subject_changes.c.seq), 0),
        exists().where(
            and_(
                movements.c.agency == bindparam("agency"),
                movements.c.idempotency_key == bindparam("key"),
            )
        ),
        exists().where(
            and_(
                risk_rules.c.agency == bindparam("agency"),
                risk_rules.c.active_version.is_not(None),
            )
        ),
    ).where(subject_changes.c.seq > bindparam("seq")),
    before_begin=True,
)


class IntakeWindow(NamedTuple):
    """What ``ChangeFeed.window_and_intake`` reads in its one statement."""

    window: tuple[int, int]
    key_used: bool  # a movement of the agency carries the key
    has_rules: bool  # the agency has a risk rule with an active version


class ChangeFeed(Repository):
    """``(seq, subject_id)`` rows; ``seq`` grows with every change."""

    __slots__ = ()
    READS = frozenset({"after", "head", "window", "window_and_hit_threshold", "window_and_intake"})

    def head(self) -> int:
        """The newest sequence number of the subject change feed (0 when empty)."""
        found = self.conn.execute(select(func.max(subject_changes.c.seq))).scalar()
        return int(found or 0)

    def window(self, seq: int) -> tuple[int, int]:
        """How many changes there are after ``seq``, and the newest: unchanged means no news."""
        row = _WINDOW.execute(self.conn, {"seq": seq})
        assert row is not None  # an aggregate: always one row
        return int(row[0]), int(row[1])

    def window_and_hit_threshold(
        self, seq: int, agency: str
    ) -> tuple[tuple[int, int], float | None]:
        """``window(seq)``, and the hit threshold agency ``agency`` set (``None``: none, or
        no such agency), in one statement: every screening reads both."""
        row = _WINDOW_AND_HIT_THRESHOLD.execute(self.conn, {"seq": seq, "agency": agency})
        assert row is not None  # an aggregate: always one row
        threshold = None if row[2] is None else float(row[2])
        return (int(row[0]), int(row[1])), threshold

    def window_and_intake(self, seq: int, agency: str, key: str) -> IntakeWindow:
        """``window(seq)``, whether agency ``agency`` reported a movement with idempotency
        key ``key`` before, and whether it has a risk rule in force, in one statement: a
        single movement report reads all three, and mostly needs no more."""
        params = {"seq": seq, "agency": agency, "key": key}
        row = _WINDOW_AND_INTAKE.execute(self.conn, params)
        assert row is not None  # an aggregate: always one row
        return IntakeWindow((int(row[0]), int(row[1])), bool(row[2]), bool(row[3]))

    def after(self, seq: int, limit: int) -> list[tuple[int, int]]:
        """``(seq, subject_id)`` of the change feed after ``seq``, oldest first."""
        query = (
            select(subject_changes.c.seq, subject_changes.c.subject_id)
            .where(subject_changes.c.seq > seq)
            .order_by(subject_changes.c.seq)
            .limit(limit)
        )
        return [(int(r[0]), int(r[1])) for r in self.conn.execute(query)]
