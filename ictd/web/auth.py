"""Sign-in sessions of the web console: server-side rows, HTTP-only cookies, CSRF tokens.

A session token (random, 256 bits) goes to the browser in an HTTP-only, SameSite=Strict
cookie (``Secure`` outside development); the store keeps only its SHA-256. Each session has
its own CSRF token, which every form and HTMX request must echo (``csrf_token`` field or
``X-CSRF-Token`` header). A session ends on sign-out, or after ``web_idle_minutes`` idle.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ictd.registry.sign_in import SignInThrottle, authenticate_password
from ictd.security.actor import Actor
from ictd.store import Store

__all__ = ["COOKIE", "WebUser", "csrf_matches", "resume", "sign_in", "sign_out"]

COOKIE = "ictd_session"
LOGIN_COOKIE = "ictd_login"
TOUCH_SECONDS = 15


@dataclass(frozen=True, slots=True)
class WebUser:
    """The signed-in user of one request."""

    actor: Actor
    email: str
    csrf: str
    session_id: int
    # the user's agency is the operator (some pages open for the operator's users only)
    at_operator: bool = False


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_matches(sent: object, expected: str) -> bool:
    """Constant-time comparison of a presented CSRF token with the expected one."""
    if not isinstance(sent, str) or not sent or not expected:
        return False
    return hmac.compare_digest(sent.encode(), expected.encode())


def sign_in(
    store: Store,
    email: str,
    password: str,
    client: str,
    throttle: SignInThrottle | None = None,
    now: datetime | None = None,
) -> tuple[str, WebUser]:
    """Check the password (argon2, throttled per account and per ``client`` address) and
    open a session; returns the cookie token and user.

    Raises ``Unauthenticated`` on a wrong e-mail or password and ``Throttled`` while the
    account or address must wait; either is audited (``web.sign-in.failed``).
    """
    moment = now or datetime.now(UTC)
    actor = authenticate_password(store, email, password, client, throttle, moment, edge="web")
    assert actor.user_id is not None
    token, csrf = new_token(), new_token()
    with store.begin() as session:
        row = session.web_sessions.insert(token_hash(token), actor.user_id, csrf, moment)
        session.audit.record(actor, "web.sign-in", [f"user:{actor.user_id}"])
        agency = session.accounts.get_agency(actor.agency) if actor.agency else None
    at_operator = agency is not None and agency.is_operator
    return token, WebUser(actor, email.strip().casefold(), csrf, row.id, at_operator)


def resume(
    store: Store, token: str, idle_minutes: int, now: datetime | None = None
) -> WebUser | None:
    """The user of a live session, or ``None`` (unknown, ended, idle too long, user disabled)."""
    moment = now or datetime.now(UTC)
    with store.read() as session:
        row = session.web_sessions.get(token_hash(token))
        user = session.accounts.get_user(row.user_id) if row else None
        agency = session.accounts.get_agency(user.agency) if user else None
    if row is None or row.ended_at is not None:
        return None
    idle = moment - row.last_seen_at
    if user is None or user.disabled or idle > timedelta(minutes=idle_minutes):
        with store.begin() as session:
            session.web_sessions.end(row.id, moment)
        return None
    if idle.total_seconds() >= TOUCH_SECONDS:
        with store.begin() as session:
            session.web_sessions.touch(row.id, moment)
    at_operator = agency is not None and agency.is_operator
    return WebUser(Actor.from_user(user), user.email, row.csrf_token, row.id, at_operator)


def sign_out(store: Store, user: WebUser, now: datetime | None = None) -> None:
    with store.begin() as session:
        session.web_sessions.end(user.session_id, now or datetime.now(UTC))
        session.audit.record(user.actor, "web.sign-out", [f"user:{user.actor.user_id}"])
