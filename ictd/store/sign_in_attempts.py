"""The sign-in attempts repository: failed sign-ins per throttle key, shared by all processes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import RowMapping, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ictd.model.sign_in import SignInFailures
from ictd.store.repository import Repository
from ictd.store.tables import sign_in_attempts

__all__ = ["SignInAttemptRepository"]


def failures_from_row(row: RowMapping) -> SignInFailures:
    return SignInFailures(
        key=row["key"],
        failures=row["failures"],
        first_failure_at=row["first_failure_at"],
        last_failure_at=row["last_failure_at"],
        blocked_until=row["blocked_until"],
    )


class SignInAttemptRepository(Repository):
    """Failures in a row per key; ``lock`` serialises concurrent failures of one key."""

    __slots__ = ()
    READS = frozenset({"get_many"})

    def get_many(self, keys: Sequence[str]) -> dict[str, SignInFailures]:
        query = select(sign_in_attempts).where(sign_in_attempts.c.key.in_(list(keys)))
        return {r["key"]: failures_from_row(r) for r in self.conn.execute(query).mappings()}

    def lock(self, keys: Sequence[str], now: datetime) -> dict[str, SignInFailures]:
        """The rows of ``keys``, created empty where missing and locked until the transaction
        ends (PostgreSQL: row locks in key order; SQLite: the write transaction)."""
        ordered = sorted(set(keys))
        found = self.get_many(ordered)
        missing = [k for k in ordered if k not in found]
        if missing:
            rows = [_values(SignInFailures.none(k, now)) for k in missing]
            dialect = postgresql if self.conn.dialect.name == "postgresql" else sqlite
            # another process may have created the row meanwhile: keep theirs
            self.conn.execute(
                dialect.insert(sign_in_attempts).values(rows).on_conflict_do_nothing()
            )
        query = (
            select(sign_in_attempts)
            .where(sign_in_attempts.c.key.in_(ordered))
            .order_by(sign_in_attempts.c.key)
            .with_for_update()
        )
        return {r["key"]: failures_from_row(r) for r in self.conn.execute(query).mappings()}

    def save(self, failures: SignInFailures) -> None:
        query = update(sign_in_attempts).where(sign_in_attempts.c.key == failures.key)
        self.conn.execute(query.values(_values(failures)))

    def clear(self, key: str) -> None:
        self.conn.execute(delete(sign_in_attempts).where(sign_in_attempts.c.key == key))

    def forget_before(self, moment: datetime) -> int:
        """Delete the rows whose last failure is older than ``moment`` and that are not
        blocked after it; returns how many."""
        query = delete(sign_in_attempts).where(
            sign_in_attempts.c.last_failure_at < moment,
            (sign_in_attempts.c.blocked_until.is_(None))
            | (sign_in_attempts.c.blocked_until < moment),
        )
        return int(self.conn.execute(query).rowcount or 0)


def _values(failures: SignInFailures) -> dict[str, object]:
    return {
        "key": failures.key,
        "failures": failures.failures,
        "first_failure_at": failures.first_failure_at,
        "last_failure_at": failures.last_failure_at,
        "blocked_until": failures.blocked_until,
    }
