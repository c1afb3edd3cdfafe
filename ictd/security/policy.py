"""The access policy: the one place that says who may do what.

Services call these checks before every read and write; the API, the web console and
the CLI therefore all obey the same rules. Roles grant permissions; the agency of the
actor and the sharing scope of listings decide which records they apply to:

- An agency's users read the agency's own records, records fed by public sources, and
  records another agency shares with them through a listing (scope ``all`` or ``named``).
- They write only their own agency's records (``analyst``).
- A screener outside a listing's scope learns only hit/no-hit and the requested action.
- An agency admin manages users and keys of their own agency only; an admin of the
  operator agency may also admit new agencies.
- Auditors read the audit events of their own agency; the operator's auditors read all.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from ictd.exc import Forbidden, NotFound
from ictd.model import Listing, ListingStatus, Role, Sharing, Subject
from ictd.security.actor import Actor

__all__ = [
    "ROLE_PERMISSIONS",
    "Permission",
    "can",
    "can_read_subject",
    "can_see_listing",
    "can_write_owned",
    "require",
    "require_agency_admin",
    "require_read_subject",
    "require_write_owned",
    "visible_listings",
]


class Permission(StrEnum):
    READ_RECORDS = "read-records"
    WRITE_RECORDS = "write-records"
    SCREEN = "screen"
    EXPORT = "export"
    HANDLE_ALERTS = "handle-alerts"
    REPORT_MOVEMENTS = "report-movements"
    MANAGE_ACCOUNTS = "manage-accounts"
    READ_AUDIT = "read-audit"


_P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ANALYST: frozenset(
        {_P.READ_RECORDS, _P.WRITE_RECORDS, _P.SCREEN, _P.EXPORT, _P.REPORT_MOVEMENTS}
    ),
    Role.SCREENER: frozenset({_P.READ_RECORDS, _P.SCREEN, _P.REPORT_MOVEMENTS}),
    Role.DUTY_OFFICER: frozenset({_P.READ_RECORDS, _P.SCREEN, _P.HANDLE_ALERTS}),
    Role.AGENCY_ADMIN: frozenset({_P.MANAGE_ACCOUNTS}),
    Role.AUDITOR: frozenset({_P.READ_AUDIT}),
}
SHARING_STATUSES = frozenset({ListingStatus.ACTIVE, ListingStatus.EXPIRED})


def can(actor: Actor, permission: Permission) -> bool:
    """Whether any of the actor's roles grants ``permission``. The operator has all."""
    if actor.is_system:
        return True
    return any(permission in ROLE_PERMISSIONS[r] for r in actor.roles)


def require(actor: Actor, permission: Permission) -> None:
    if not can(actor, permission):
        raise Forbidden(f"your roles do not allow {permission.value}", {"permission": permission})


def can_see_listing(actor: Actor, listing: Listing) -> bool:
    """Full details of a listing: its owner, or a partner inside its sharing scope."""
    if actor.is_system or (listing.agency is not None and listing.agency == actor.agency):
        return True
    return shares_with(actor, listing)


def visible_listings(actor: Actor, listings: Iterable[Listing]) -> list[Listing]:
    return [x for x in listings if can_see_listing(actor, x)]


def can_read_subject(actor: Actor, subject: Subject, listings: Iterable[Listing]) -> bool:
    """Own agency's subjects, source-fed subjects, and subjects shared through a listing."""
    if not can(actor, Permission.READ_RECORDS):
        return False
    if actor.is_system or subject.source is not None:
        return True
    if subject.agency is not None and subject.agency == actor.agency:
        return True
    # only the owner's listings decide who sees the owner's record: a partner's own listing
    # on a shared subject cannot widen the owner's sharing
    return any(
        shares_with(actor, x)
        for x in listings
        if x.subject_id == subject.id and x.agency == subject.agency
    )


def shares_with(actor: Actor, listing: Listing) -> bool:
    """Whether ``listing`` shares its subject with the actor's agency: a listing in force or
    expired whose scope is ``all``, or ``named`` including the agency. (The same rule is
    written in SQL in ``ictd.store.subjects.visible_to`` for lists and searches.)"""
    if listing.status not in SHARING_STATUSES:
        return False
    if listing.sharing is Sharing.ALL:
        return True
    return listing.sharing is Sharing.NAMED and actor.agency in listing.shared_with


def require_read_subject(actor: Actor, subject: Subject, listings: Iterable[Listing]) -> None:
    """Subjects not shared with the actor's agency are answered as if they did not exist."""
    if not can(actor, Permission.READ_RECORDS):
        raise Forbidden("your roles do not allow read-records")
    if not can_read_subject(actor, subject, listings):
        raise NotFound(f"subject {subject.id} does not exist")


def can_write_owned(actor: Actor, owner_agency: str | None) -> bool:
    """Write a record owned by ``owner_agency``: an analyst of that agency (or the operator)."""
    if actor.is_system:
        return True
    if owner_agency is None:  # source-fed records change only through their source
        return False
    return can(actor, Permission.WRITE_RECORDS) and owner_agency == actor.agency


def require_write_owned(actor: Actor, owner_agency: str | None) -> None:
    require(actor, Permission.WRITE_RECORDS)
    if not can_write_owned(actor, owner_agency):
        raise Forbidden("only the owning agency may change this record", {"owner": owner_agency})


def require_agency_admin(actor: Actor, agency: str) -> None:
    """Manage users and keys of ``agency``: its own admins (or the operator)."""
    if actor.is_system:
        return
    require(actor, Permission.MANAGE_ACCOUNTS)
    if actor.agency != agency:
        raise Forbidden("agency admins manage their own agency only", {"agency": agency})


def can_read_audit_of(actor: Actor, agency: str | None, operator_agency: bool) -> bool:
    """Auditors read their own agency's events; the operator agency's auditors read all."""
    if actor.is_system:
        return True
    if not can(actor, Permission.READ_AUDIT):
        return False
    return operator_agency or agency == actor.agency


def can_see_relation(actor: Actor, stated_by_agency: str | None, readable_owners: set[str]) -> bool:
    """A relation between two subjects the actor can read is visible when a source stated it,
    the actor's agency stated it, or the owner of one of its (shared) subjects stated it."""
    if actor.is_system or stated_by_agency is None:
        return True
    return stated_by_agency == actor.agency or stated_by_agency in readable_owners
