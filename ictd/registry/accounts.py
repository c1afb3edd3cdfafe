"""Agencies, users and API keys: administration and authentication."""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from ictd.exc import Conflict, ErrorCollector, Forbidden, InvalidInput, NotFound, Unauthenticated
from ictd.model import Agency, ApiKey, Role, User
from ictd.model.country import is_country_code
from ictd.model.text import check_texts, text_problem
from ictd.security import secret
from ictd.security.actor import Actor
from ictd.security.policy import Permission, require, require_agency_admin
from ictd.settings import Settings
from ictd.store import Session, Store

__all__ = [
    "KeyCache",
    "KeyExpiry",
    "authenticate_token",
    "create_agency",
    "create_key",
    "create_user",
    "find_user",
    "list_agencies",
    "list_keys",
    "list_users",
    "revoke_key",
    "set_hit_threshold",
    "update_user",
]

_CODE = re.compile(r"^[A-Z][A-Z0-9-]{1,31}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True, slots=True)
class KeyExpiry:
    """How long API keys live: ``default_days`` when none is asked for, at most ``max_days``."""

    default_days: int = 90
    max_days: int = 365

    @classmethod
    def from_settings(cls, settings: Settings) -> KeyExpiry:
        return cls(settings.key_default_days, settings.key_max_days)


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def create_agency(
    store: Store,
    actor: Actor,
    code: str,
    name: str,
    contact: str | None = None,
    is_operator: bool = False,
    now: datetime | None = None,
) -> Agency:
    """Admit a partner agency. The operator at the machine, or an admin of the operator agency."""
    errors = ErrorCollector()
    if not check_texts(errors, {"code": code, "name": name, "contact": contact}):
        errors.raise_if_any("invalid agency")
    code = code.strip().upper()
    if not _CODE.match(code):
        errors.add("code", "2–32 characters: upper-case letters, digits, '-'; a letter first")
    if not name.strip() or len(name) > 200:
        errors.add("name", "must be 1–200 characters")
    errors.raise_if_any("invalid agency")
    with store.begin() as session:
        _require_operator_admin(session, actor)
        if is_operator and not actor.is_system:
            raise Forbidden("only the operator at the machine may create an operator agency")
        if session.accounts.get_agency(code) is not None:
            raise Conflict(f"agency {code} already exists", {"field": "code"})
        agency = session.accounts.insert_agency(
            Agency(
                code=code,
                name=name.strip(),
                contact=contact,
                is_operator=is_operator,
                created_at=_now(now),
            )
        )
        session.audit.record(actor, "agency.create", [f"agency:{code}"], operator=is_operator)
    return agency


def _require_operator_admin(session: Session, actor: Actor) -> None:
    if not _is_operator_admin(session, actor):
        raise Forbidden("only admins of the operator agency may admit agencies")


def set_hit_threshold(store: Store, actor: Actor, code: str, threshold: float | None) -> Agency:
    """Set the score from which a match of a listed subject is a hit in ``code``'s screenings
    (``None``: back to the calibrated default). Its own admins, or the operator (at the
    machine, or an admin of the operator agency)."""
    if threshold is not None and not 0.0 < threshold <= 1.0:
        raise InvalidInput.field("hit_threshold", "must be above 0 and at most 1, or null")
    with store.begin() as session:
        if not _is_operator_admin(session, actor):
            require_agency_admin(actor, code)
        agency = session.accounts.get_agency(code)
        if agency is None:
            raise NotFound(f"agency {code} does not exist")
        session.accounts.set_hit_threshold(code, threshold)
        session.audit.record(
            actor,
            "agency.update",
            [f"agency:{code}"],
            hit_threshold=threshold,
            default=threshold is None,
        )
    return agency.copy_with(hit_threshold=threshold)


def set_country(store: Store, actor: Actor, code: str, country: str | None) -> Agency:
    """Set the state ``code`` serves (ISO 3166 alpha-2, or ``None``): its analysts record
    the lost and stolen travel documents that state issued. The operator only (at the
    machine, or an admin of the operator agency)."""
    clean = country.strip().upper() if country else None
    if clean is not None and not is_country_code(clean):
        raise InvalidInput.field("country", f"{country!r} is not an ISO 3166 alpha-2 code")
    with store.begin() as session:
        _require_operator_admin(session, actor)
        agency = session.accounts.get_agency(code)
        if agency is None:
            raise NotFound(f"agency {code} does not exist")
        session.accounts.set_country(code, clean)
        session.audit.record(actor, "agency.update", [f"agency:{code}"], country=clean)
    return agency.copy_with(country=clean)


def _is_operator_admin(session: Session, actor: Actor) -> bool:
    if actor.is_system:
        return True
    own = session.accounts.get_agency(actor.agency) if actor.agency else None
    return bool(own and own.is_operator and actor.has_role(Role.AGENCY_ADMIN))


def list_agencies(store: Store, actor: Actor) -> list[Agency]:
    """The partnership's directory of agencies: any signed-in user may read it."""
    with store.begin() as session:
        found = session.accounts.list_agencies()
        session.audit.record(actor, "agency.list")
    return found


def _clean_roles(roles: Iterable[str], errors: ErrorCollector) -> frozenset[Role]:
    out: set[Role] = set()
    for i, role in enumerate(roles):
        try:
            out.add(Role(role))
        except ValueError:
            errors.add(f"roles.{i}", f"{role!r} is not one of {', '.join(r.value for r in Role)}")
    if not out and not errors.errors:
        errors.add("roles", "at least one role is needed")
    return frozenset(out)


def create_user(
    store: Store,
    actor: Actor,
    email: str,
    agency: str,
    roles: Iterable[str],
    password: str | None = None,
    name: str | None = None,
    now: datetime | None = None,
) -> User:
    errors = ErrorCollector()
    roles = list(roles)
    if not check_texts(errors, {"email": email, "agency": agency, "roles": roles, "name": name}):
        errors.raise_if_any("invalid user")
    email = email.strip().casefold()
    if not _EMAIL.match(email) or len(email) > 254:
        errors.add("email", "is not an e-mail address")
    role_set = _clean_roles(roles, errors)
    password_hash = _hash_password(password, errors)
    errors.raise_if_any("invalid user")
    require_agency_admin(actor, agency)
    with store.begin() as session:
        if session.accounts.get_agency(agency) is None:
            raise NotFound(f"agency {agency} does not exist", {"field": "agency"})
        if session.accounts.get_user_by_email(email) is not None:
            raise Conflict(f"a user with e-mail {email} already exists", {"field": "email"})
        user = session.accounts.insert_user(
            User(
                email=email,
                agency=agency,
                roles=role_set,
                name=name,
                password_hash=password_hash,
                created_at=_now(now),
            )
        )
        session.audit.record(actor, "user.create", [f"user:{user.id}"], roles=sorted(role_set))
    return user


def _hash_password(password: str | None, errors: ErrorCollector) -> str | None:
    if password is None:
        return None
    try:
        return secret.hash_password(password)
    except ValueError as err:
        errors.add("password", str(err))
        return None


def list_users(store: Store, actor: Actor, agency: str) -> list[User]:
    require_agency_admin(actor, agency)
    with store.begin() as session:
        found = session.accounts.list_users(agency)
        session.audit.record(actor, "user.list", [f"agency:{agency}"])
    return found


def find_user(store: Store, email: str) -> User | None:
    """The user with this e-mail, for the operator at the machine (``ictd … --as EMAIL``)."""
    with store.read() as session:
        return session.accounts.get_user_by_email(email)


def update_user(
    store: Store,
    actor: Actor,
    user_id: int,
    roles: Iterable[str] | None = None,
    disabled: bool | None = None,
    password: str | None = None,
) -> User:
    """Change a user's roles, disable or enable them, or set their password.

    An admin may not change their own roles nor disable themself (``Forbidden``), and the
    last active admin of an agency keeps the role and stays enabled (``Conflict``): another
    user must be made an admin first. The operator at the machine obeys the second rule too.
    """
    errors = ErrorCollector()
    role_set = _clean_roles(roles, errors) if roles is not None else None
    password_hash = _hash_password(password, errors)
    errors.raise_if_any("invalid user change")
    with store.begin() as session:
        found = _get_managed_user(session, actor, user_id)
        # one change of an agency's admins at a time, so that two admins cannot demote
        # each other at once; the user is read again under that lock
        session.accounts.lock_agency(found.agency)
        user = session.accounts.get_user(user_id) or found
        changed = user.copy_with(
            roles=role_set if role_set is not None else user.roles,
            disabled=disabled if disabled is not None else user.disabled,
            password_hash=password_hash or user.password_hash,
        )
        _refuse_own_privileges(actor, user, changed)
        _keep_an_admin(session, user, changed)
        session.accounts.update_user(changed)
        session.audit.record(
            actor,
            "user.update",
            [f"user:{user_id}"],
            roles=sorted(changed.roles),
            disabled=changed.disabled,
            password_changed=password is not None,
        )
    _changed()
    return changed


def _refuse_own_privileges(actor: Actor, user: User, changed: User) -> None:
    """An admin cannot grant themself roles (nor drop their own), nor disable themself."""
    if actor.is_system or actor.user_id != user.id:
        return
    if changed.roles != user.roles:
        raise Forbidden("you may not change your own roles", {"field": "roles"})
    if changed.disabled and not user.disabled:
        raise Forbidden("you may not disable yourself", {"field": "disabled"})


def _is_active_admin(user: User) -> bool:
    return Role.AGENCY_ADMIN in user.roles and not user.disabled


def _keep_an_admin(session: Session, user: User, changed: User) -> None:
    """The last active admin of an agency keeps the admin role and stays enabled."""
    if not _is_active_admin(user) or _is_active_admin(changed):
        return
    others = [
        u
        for u in session.accounts.list_users(user.agency)
        if u.id != user.id and _is_active_admin(u)
    ]
    if not others:
        field = "roles" if Role.AGENCY_ADMIN not in changed.roles else "disabled"
        raise Conflict(
            f"{user.email} is the last active admin of {user.agency}: make another user an "
            "agency-admin first",
            {"field": field},
        )


def _get_managed_user(session: Session, actor: Actor, user_id: int) -> User:
    if not actor.is_system:  # the role first, so that ids are not probed by non-admins
        require(actor, Permission.MANAGE_ACCOUNTS)
    user = session.accounts.get_user(user_id)
    if user is None:
        raise NotFound(f"user {user_id} does not exist")
    require_agency_admin(actor, user.agency)
    return user


def create_key(
    store: Store,
    actor: Actor,
    user_id: int,
    label: str | None = None,
    expires_days: int | None = None,
    now: datetime | None = None,
    expiry: KeyExpiry | None = None,
) -> tuple[ApiKey, str]:
    """A new API key for a user; returns the key and its token, which is never shown again.

    Every key expires: after ``expires_days`` (1 to ``expiry.max_days``), by default after
    ``expiry.default_days`` (``KeyExpiry()`` when not given: the edges pass their settings).
    """
    expiry = expiry or KeyExpiry()
    if expires_days is not None and not 1 <= expires_days <= expiry.max_days:
        raise InvalidInput.field("expires_days", f"must be between 1 and {expiry.max_days}")
    if label is not None and text_problem(label):
        raise InvalidInput.field("label", str(text_problem(label)))
    days = expires_days if expires_days is not None else expiry.default_days
    moment = _now(now)
    token, prefix, secret_hash = secret.new_token()
    with store.begin() as session:
        user = _get_managed_user(session, actor, user_id)
        if user.disabled:
            raise Conflict("the user is disabled")
        key = session.accounts.insert_key(
            ApiKey(
                prefix=prefix,
                secret_hash=secret_hash,
                user_id=user_id,
                label=label,
                created_at=moment,
                expires_at=moment + timedelta(days=days),
            )
        )
        session.audit.record(
            actor, "key.create", [f"key:{key.id}", f"user:{user_id}"], expires_days=days
        )
    return key, token


def list_keys(store: Store, actor: Actor, agency: str) -> list[ApiKey]:
    require_agency_admin(actor, agency)
    with store.begin() as session:
        user_ids = [u.id for u in session.accounts.list_users(agency) if u.id is not None]
        keys = session.accounts.list_keys(user_ids)
        session.audit.record(actor, "key.list", [f"agency:{agency}"])
    return keys


def revoke_key(store: Store, actor: Actor, key_id: int, now: datetime | None = None) -> ApiKey:
    with store.begin() as session:
        key = session.accounts.get_key(key_id)
        if key is None:
            raise NotFound(f"key {key_id} does not exist")
        _get_managed_user(session, actor, key.user_id)
        if key.revoked_at is None:
            session.accounts.revoke_key(key_id, _now(now))
        session.audit.record(actor, "key.revoke", [f"key:{key_id}"])
        revoked = session.accounts.get_key(key_id)
    _changed()
    assert revoked is not None
    return revoked


def authenticate_token(
    store: Store, token: str, now: datetime | None = None, touch_seconds: int = 60
) -> Actor:
    """The actor behind an API token, or ``Unauthenticated``. The secret is compared in
    constant time; last-used time is written at most every ``touch_seconds``."""
    moment = _now(now)
    key, user = _verify(store, token, moment)
    _touch_if_due(store, key, moment, touch_seconds)
    return Actor.from_user(user, key_id=key.id)


def _split(token: str) -> tuple[str, str]:
    parts = secret.split_token(token)
    if parts is None:
        raise Unauthenticated("malformed API key")
    return parts


def _check(key: ApiKey | None, user: User | None, key_secret: str, moment: datetime) -> None:
    presented = secret.hash_token_secret(key_secret)
    stored = key.secret_hash if key else "0" * 64
    if key is None or not secret.tokens_equal(presented, stored):
        raise Unauthenticated("unknown API key")
    if not key.is_usable(moment):
        raise Unauthenticated("the API key is revoked or expired")
    if user is None or user.disabled:
        raise Unauthenticated("the key's user is disabled")


def _verify(store: Store, token: str, moment: datetime) -> tuple[ApiKey, User]:
    prefix, key_secret = _split(token)
    # a read: on SQLite a write transaction here would queue every request behind writers
    with store.read() as session:
        key = session.accounts.get_key_by_prefix(prefix)
        user = session.accounts.get_user(key.user_id) if key else None
    _check(key, user, key_secret, moment)
    assert key is not None and user is not None
    return key, user


def _touch_if_due(store: Store, key: ApiKey, moment: datetime, touch_seconds: int) -> bool:
    if _touch_due(key, moment, touch_seconds):
        with store.begin() as session:
            session.accounts.touch_key(key.id or 0, moment)
        return True
    return False


# Bumped by every change of a user or key made in this process: what a ``KeyCache`` holds
# from before is then stale at once. Changes made by other processes reach it by age.
_changes = itertools.count(1)
_generation = 0


def _changed() -> None:
    global _generation  # one counter per process, by design
    _generation = next(_changes)


@dataclass(frozen=True, slots=True)
class _Checked:
    key: ApiKey
    user: User
    at: float  # the clock's reading when the store was read
    generation: int
    actor: Actor  # built once from ``user`` and ``key`` (frozen: shared by the requests)


class KeyCache:
    """API keys whose record was read from the store less than ``seconds`` ago.

    ``authenticate`` answers like ``authenticate_token``; what it saves is the database
    read of a key used again within ``seconds``. The secret is still hashed and compared
    in constant time on every use, and expiry is checked against the time of the request.
    Only keys that passed are kept. A key revoked, or a user disabled or changed, in this
    process is read again at once; by another process (another worker, the CLI), within
    ``seconds`` (at most one). ``seconds=0`` reads the store every time.
    """

    MAX_SECONDS = 1.0

    def __init__(
        self, seconds: float, clock: Callable[[], float] = time.monotonic, size: int = 10_000
    ) -> None:
        if not 0 <= seconds <= self.MAX_SECONDS:
            raise ValueError(f"seconds must be between 0 and {self.MAX_SECONDS}")
        self.seconds = seconds
        self.clock = clock
        self.size = size
        self._keys: dict[str, _Checked] = {}

    def cached(
        self, token: str, now: datetime | None = None, touch_seconds: int = 60
    ) -> Actor | None:
        """The actor when the key is held fresh and its last-used time needs no write;
        ``None`` when the store must be asked (``authenticate``). Raises ``Unauthenticated``
        for a held key that fails."""
        parts = secret.split_token(token)
        found = self._keys.get(parts[0]) if parts is not None else None
        if parts is None or found is None or not self._fresh(found):
            return None
        moment = _now(now)
        _check(found.key, found.user, parts[1], moment)
        if _touch_due(found.key, moment, touch_seconds):
            return None
        return found.actor

    def authenticate(
        self, store: Store, token: str, now: datetime | None = None, touch_seconds: int = 60
    ) -> Actor:
        """``authenticate_token``, from the cache when it holds the key fresh."""
        moment = _now(now)
        actor = self.cached(token, moment, touch_seconds)
        if actor is not None:
            return actor
        generation, at = _generation, self.clock()
        key, user = _verify(store, token, moment)
        if _touch_if_due(store, key, moment, touch_seconds):
            key = replace(key, last_used_at=moment)
        actor = Actor.from_user(user, key_id=key.id)
        if self.seconds > 0:
            if len(self._keys) >= self.size:
                self._keys.clear()
            self._keys[key.prefix] = _Checked(key, user, at, generation, actor)
        return actor

    def _fresh(self, found: _Checked) -> bool:
        return found.generation == _generation and self.clock() - found.at < self.seconds


def _touch_due(key: ApiKey, moment: datetime, touch_seconds: int) -> bool:
    last = key.last_used_at
    return last is None or (moment - last).total_seconds() >= touch_seconds
