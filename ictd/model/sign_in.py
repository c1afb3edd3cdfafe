"""Sign-in throttling: the failed sign-ins of one account or client address, and the wait
they earn.

Each key (``account:<sha256 of the e-mail>``, ``address:<ip>``) counts its failures. The
first ``free_failures`` cost nothing; each one after that blocks the key for a wait that
doubles (``base_seconds``, 2×, 4× …) up to ``cap_seconds``. Failures are forgotten after
``forget`` without a new one, so a lock-out never lasts: at worst a key waits ``cap_seconds``
between two attempts.

>>> backoff = Backoff(free_failures=5, base_seconds=1.0, cap_seconds=900.0)
>>> [backoff.wait(n) for n in (4, 5, 6, 7, 20)]
[0.0, 1.0, 2.0, 4.0, 900.0]
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from math import ceil

__all__ = ["Backoff", "SignInFailures", "account_key", "address_key"]


def account_key(email: str) -> str:
    """The throttle key of an e-mail address (known or not): its SHA-256, never the address."""
    digest = hashlib.sha256(email.strip().casefold().encode()).hexdigest()
    return f"account:{digest}"


def address_key(address: str) -> str:
    """The throttle key of a client address."""
    return f"address:{address[:64]}"


@dataclass(frozen=True, slots=True)
class Backoff:
    """How failures turn into waits."""

    free_failures: int = 5
    base_seconds: float = 1.0
    cap_seconds: float = 900.0
    forget: timedelta = timedelta(hours=1)

    def wait(self, failures: int) -> float:
        """Seconds a key with ``failures`` failures in a row must wait before the next try."""
        over = failures - self.free_failures
        if over < 0:
            return 0.0
        # 2**over overflows a float long after the cap: stop doubling at 64
        return float(min(self.base_seconds * 2 ** min(over, 64), self.cap_seconds))


@dataclass(frozen=True, slots=True)
class SignInFailures:
    """The failures in a row of one key, and until when it is blocked."""

    key: str
    failures: int
    first_failure_at: datetime
    last_failure_at: datetime
    blocked_until: datetime | None = None

    @classmethod
    def none(cls, key: str, now: datetime) -> SignInFailures:
        return cls(key, 0, now, now)

    def is_stale(self, now: datetime, backoff: Backoff) -> bool:
        """Whether the failures are old enough to be forgotten (never while blocked)."""
        blocked = self.blocked_until is not None and self.blocked_until > now
        return not blocked and now - self.last_failure_at >= backoff.forget

    def after_failure(self, now: datetime, backoff: Backoff) -> SignInFailures:
        """This key after one more failure at ``now``: counted, and blocked if it is over."""
        start = SignInFailures.none(self.key, now) if self.is_stale(now, backoff) else self
        failures = start.failures + 1
        wait = backoff.wait(failures)
        blocked = now + timedelta(seconds=wait) if wait > 0 else None
        return replace(start, failures=failures, last_failure_at=now, blocked_until=blocked)

    def retry_after(self, now: datetime) -> int:
        """Whole seconds until this key may try again (0: now)."""
        if self.blocked_until is None or self.blocked_until <= now:
            return 0
        return max(1, ceil((self.blocked_until - now).total_seconds()))
