"""Password sign-in, throttled per account and per client address.

Failed sign-ins are counted per e-mail address (``account:<sha256>``, whether or not it
belongs to a user, so that throttling does not tell which addresses exist) and per client
address, in the store, so every server process sees them. Past the free failures each key
waits a back-off that doubles up to a cap (``ictd.model.sign_in``); while a key waits, its
attempts are refused with ``Throttled`` without checking the password, and are not counted
(a blocked attacker cannot lengthen the wait). Failures are forgotten after a quiet period
and the account's on a successful sign-in: there is no permanent lock-out. A success does
not clear the client address's failures (one's own account cannot reset them).

Every failure is an audit event (``<edge>.sign-in.failed``, with the reason and whether it
was throttled; never the password). An unknown e-mail address costs one argon2 check
against a dummy hash, as a known one does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ictd.exc import Throttled, Unauthenticated
from ictd.model import User
from ictd.model.sign_in import Backoff, SignInFailures, account_key, address_key
from ictd.security import secret
from ictd.security.actor import Actor
from ictd.settings import Settings
from ictd.store import Session, Store

__all__ = ["SignInThrottle", "authenticate_password"]

WRONG = "wrong e-mail or password"


@dataclass(frozen=True, slots=True)
class SignInThrottle:
    """The back-off of an account's and of a client address's failed sign-ins."""

    account: Backoff = field(default_factory=Backoff)
    address: Backoff = field(default_factory=lambda: Backoff(free_failures=20))

    @classmethod
    def from_settings(cls, settings: Settings) -> SignInThrottle:
        def backoff(free: int) -> Backoff:
            return Backoff(
                free_failures=free,
                base_seconds=settings.sign_in_backoff_seconds,
                cap_seconds=settings.sign_in_backoff_cap_seconds,
                forget=timedelta(minutes=settings.sign_in_forget_minutes),
            )

        return cls(
            backoff(settings.sign_in_free_failures),
            backoff(settings.sign_in_free_failures_per_address),
        )


def authenticate_password(
    store: Store,
    email: str,
    password: str,
    client: str,
    throttle: SignInThrottle | None = None,
    now: datetime | None = None,
    edge: str = "web",
) -> Actor:
    """The user with this e-mail address and password, or ``Unauthenticated``; ``Throttled``
    (with ``retry_after`` seconds) while the account or the ``client`` address must wait."""
    moment = now or datetime.now(UTC)
    rules = throttle or SignInThrottle()
    email = email.strip().casefold()
    keys = {account_key(email): rules.account, address_key(client): rules.address}
    with store.read() as session:
        known = session.sign_in_attempts.get_many(list(keys))
        user = session.accounts.get_user_by_email(email)
    wait = max((f.retry_after(moment) for f in known.values()), default=0)
    if wait:
        _audit_failure(store, edge, email, user, "throttled", retry_after=wait)
        raise Throttled(f"too many failed sign-ins: try again in {wait} seconds", wait)
    stored = user.password_hash if user is not None else None
    matches = secret.verify_password_or_dummy(stored, password)  # always one argon2 check
    if user is None or not matches:
        reason = "unknown e-mail" if user is None else "wrong password"
        if user is not None and stored is None:
            reason = "no password"
        _count_failure(store, edge, email, user, reason, keys, moment)
        raise Unauthenticated(WRONG)
    if user.disabled:
        _audit_failure(store, edge, email, user, "disabled")
        raise Unauthenticated("the user is disabled")
    account = account_key(email)
    if account in known:
        with store.begin() as session:
            session.sign_in_attempts.clear(account)
    return Actor.from_user(user)


def _count_failure(
    store: Store,
    edge: str,
    email: str,
    user: User | None,
    reason: str,
    keys: dict[str, Backoff],
    moment: datetime,
) -> None:
    """Count a failure against every key, and audit it, in one transaction."""
    longest = max(b.forget for b in keys.values())
    with store.begin() as session:
        session.sign_in_attempts.forget_before(moment - longest)
        counted: list[SignInFailures] = []
        for key, failing in session.sign_in_attempts.lock(list(keys), moment).items():
            counted.append(failing.after_failure(moment, keys[key]))
            session.sign_in_attempts.save(counted[-1])
        wait = max(f.retry_after(moment) for f in counted)
        detail: dict[str, Any] = {"blocked_seconds": wait} if wait else {}
        _audit(session, edge, email, user, reason, **detail)


def _audit_failure(
    store: Store, edge: str, email: str, user: User | None, reason: str, **detail: Any
) -> None:
    """Audit a refused sign-in that is not counted (throttled, or a disabled user)."""
    with store.begin() as session:
        _audit(session, edge, email, user, reason, **detail)


def _audit(
    session: Session, edge: str, email: str, user: User | None, reason: str, **detail: Any
) -> None:
    session.audit.record(
        Actor.system(edge),
        f"{edge}.sign-in.failed",
        [f"user:{user.id}"] if user is not None else [],
        email=email[:254],
        reason=reason,
        throttled=reason == "throttled",
        **detail,
    )
