"""The access policy: the one place that says who may do what.

Services call these checks before every read and write; the API, the web console and
the CLI therefore all obey the same rules. Roles grant permissions; the agency of the
actor and the sharing scope of listings decide which records they apply to:

- An agency's users read the agency's own records, records fed by public sources, and
  records another agency shares with them through a listing (scope ``all`` or ``named``).
- They write only their own agency's records (``analyst``).
- A subject they may not read answers exactly as a missing one; the refusal is audited for
  the owner (``refuse_read``). A partner's listing never widens who reads the owner's subject.
- A hit on a subject or listing outside the caller's scope says only what
  ``withheld_listing`` lets through: category, requested actions, handling code, and how to
  reach the owner (its contact card and the listing's opaque contact reference).
- An agency admin manages users and keys of their own agency only; an admin of the
  operator agency may also admit new agencies.
- Auditors read the audit events of their own agency; the operator's auditors read all.
- A listing shares its subject only while ``active`` or ``expired`` (``SHARING_STATUSES``):
  a ``submitted`` or ``refused`` one (compliance review before sharing) shares nothing.
  The operator agency's compliance reviewers decide reviews (``can_review_compliance``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from ictd.exc import Forbidden, NotFound, Refusal
from ictd.model import Agency, Listing, ListingStatus, Role, Sharing, Subject
from ictd.security.actor import Actor

__all__ = [
    "ROLE_PERMISSIONS",
    "Permission",
    "can",
    "can_read_subject",
    "can_review_compliance",
    "can_see_listing",
    "can_write_owned",
    "listing_contact",
    "refuse_hidden",
    "refuse_read",
    "require",
    "require_agency_admin",
    "require_compliance_reviewer",
    "require_read_subject",
    "require_write_owned",
    "visible_listings",
    "withheld_listing",
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
    SUBMIT_MEDIA = "submit-media"
    MATCH_MEDIA = "match-media"


_P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ANALYST: frozenset(
        {_P.READ_RECORDS, _P.WRITE_RECORDS, _P.SCREEN, _P.EXPORT, _P.REPORT_MOVEMENTS}
    ),
    Role.SCREENER: frozenset({_P.READ_RECORDS, _P.SCREEN, _P.REPORT_MOVEMENTS}),
    Role.DUTY_OFFICER: frozenset({_P.READ_RECORDS, _P.SCREEN, _P.HANDLE_ALERTS}),
    Role.AGENCY_ADMIN: frozenset({_P.MANAGE_ACCOUNTS}),
    Role.AUDITOR: frozenset({_P.READ_AUDIT}),
    # redress officers (of the operator agency only: ictd.redress checks) read no records
    Role.REDRESS_OFFICER: frozenset(),
    # compliance reviewers (of the operator agency only: can_review_compliance) review
    # listings submitted for sharing; they read them through the review, not as records
    Role.COMPLIANCE_REVIEWER: frozenset(),
    Role.PLATFORM: frozenset({_P.SUBMIT_MEDIA, _P.MATCH_MEDIA}),
}
# media signals: analysts submit and match them; screeners and duty officers match them
ROLE_PERMISSIONS[Role.ANALYST] |= {_P.SUBMIT_MEDIA, _P.MATCH_MEDIA}
ROLE_PERMISSIONS[Role.SCREENER] |= {_P.MATCH_MEDIA}
ROLE_PERMISSIONS[Role.DUTY_OFFICER] |= {_P.MATCH_MEDIA}
SHARING_STATUSES = frozenset({ListingStatus.ACTIVE, ListingStatus.EXPIRED})


def can(actor: Actor, permission: Permission) -> bool:
    """Whether any of the actor's roles grants ``permission``. The operator has all."""
    if actor.is_system:
        return True
    return any(permission in ROLE_PERMISSIONS[r] for r in actor.roles)


def require(actor: Actor, permission: Permission) -> None:
    if not can(actor, permission):
        raise Forbidden(f"your roles do not allow {permission.value}", {"permission": permission})


def can_see_listing(
    actor: Actor, listing: Listing, subject: Subject, listings: Iterable[Listing]
) -> bool:
    """Full details of a listing on ``subject`` (whose listings are ``listings``): its owner,
    or a partner who may read the subject and is inside the listing's sharing scope. A
    partner's listing shared with ``all`` on a subject the owner shares with named agencies
    only is seen in full by those agencies only."""
    if actor.is_system or (listing.agency is not None and listing.agency == actor.agency):
        return True
    return shares_with(actor, listing) and can_read_subject(actor, subject, listings)


def visible_listings(actor: Actor, subject: Subject, listings: Iterable[Listing]) -> list[Listing]:
    """The listings of ``subject`` among ``listings`` that the actor may see in full."""
    own = [x for x in listings if x.subject_id == subject.id]
    return [x for x in own if can_see_listing(actor, x, subject, own)]


def listing_contact(listing: Listing, agencies: Mapping[str, Agency]) -> Agency | None:
    """The agency to contact about ``listing`` (of the directory ``agencies``): its owner, or
    for a listing fed by a public source, the operator agency."""
    if listing.agency:
        return agencies.get(listing.agency)
    return next((a for a in agencies.values() if a.is_operator), None)


def withheld_listing(listing: Listing, agencies: Mapping[str, Agency]) -> dict[str, Any]:
    """All that a caller outside a listing's scope learns of it, wherever a hit is told:
    category, requested actions, handling code, and how to reach the owner — its contact card
    (``listing_contact`` in the directory ``agencies``) and the listing's opaque contact
    reference, which only the owner can resolve. No score, no explanation, no subject or
    listing id."""
    owner = listing_contact(listing, agencies)
    return {
        "category": listing.category,
        "actions": [a.value for a in listing.actions],
        "handling": listing.handling.value,
        "owner": owner.contact_card() if owner else None,
        "reference": listing.contact_ref,
        "details_withheld": True,
    }


def can_review_compliance(actor: Actor, operator_agency: str | None) -> bool:
    """Decide compliance reviews (and read what they show): the operator agency's
    compliance reviewers only; a compliance reviewer of any other agency can do nothing."""
    if actor.is_system:
        return True
    return (
        operator_agency is not None
        and actor.agency == operator_agency
        and actor.has_role(Role.COMPLIANCE_REVIEWER)
    )


def require_compliance_reviewer(actor: Actor, operator_agency: str | None) -> None:
    if not can_review_compliance(actor, operator_agency):
        raise Forbidden("only the operator agency's compliance reviewers review listings")


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


def require_read_subject(
    actor: Actor, subject: Subject, listings: Iterable[Listing], details: Any = None
) -> None:
    """Subjects not shared with the actor's agency are answered as if they did not exist
    (``details`` as a missing subject's answer has them); the refusal is audited."""
    require(actor, Permission.READ_RECORDS)
    if not can_read_subject(actor, subject, listings):
        raise refuse_read(actor, f"subject {subject.id} does not exist", details, subject=subject)


def refuse_read(
    actor: Actor,
    message: str,
    details: Any = None,
    subject: Subject | None = None,
    listing: Listing | None = None,
) -> NotFound:
    """The answer to a read of a record hidden from the actor: the very ``NotFound`` a missing
    record gets (same ``message`` and ``details``), carrying a ``Refusal`` that the store
    audits as ``subject.read.refused`` (or ``listing.read.refused``) on the record, naming
    its owners so that their auditors see the attempt."""
    targets, owners = [], []
    if listing is not None:
        targets.append(f"listing:{listing.id}")
        owners.append(listing.agency)
    if subject is not None:
        targets.append(f"subject:{subject.id}")
        owners.append(subject.agency)
    action = "subject.read.refused" if listing is None else "listing.read.refused"
    named = tuple(dict.fromkeys(o for o in owners if o))
    return NotFound(message, details, Refusal(actor, action, tuple(targets), named))


def refuse_hidden(
    actor: Actor, message: str, target: str, owner: str | None, action: str | None = None
) -> NotFound:
    """The answer to a read of a record hidden from the actor in an area other than subjects
    and listings (a document report, a risk rule, a manifest, a media signal …): the very
    ``NotFound`` a missing record gets, carrying a ``Refusal`` that the store audits as
    ``action`` (default ``<kind>.read.refused`` for a ``target`` ``<kind>:<id>``), naming the
    owning agency so that its auditors see the attempt."""
    kind = target.split(":", 1)[0]
    owners = (owner,) if owner else ()
    refusal = Refusal(actor, action or f"{kind}.read.refused", (target,), owners)
    return NotFound(message, None, refusal)


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
        raise Forbidden("only the owning agency may change this record")


def require_agency_admin(actor: Actor, agency: str) -> None:
    """Manage users and keys of ``agency``: its own admins (or the operator)."""
    if actor.is_system:
        return
    require(actor, Permission.MANAGE_ACCOUNTS)
    if actor.agency != agency:
        raise Forbidden("agency admins manage their own agency only")


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


def can_record_document(
    actor: Actor, own_country: str | None, delegated: Iterable[str], issuing_state: str | None
) -> bool:
    """Record a travel document on the lost/stolen register: an analyst of an agency of the
    document's issuing state (the agency's ``country``), or of an agency the operator has
    delegated that state to. Only the issuing state knows a document's status."""
    if actor.agency is None or not can(actor, Permission.WRITE_RECORDS):
        return False
    if issuing_state is None:
        return False
    return issuing_state == own_country or issuing_state in set(delegated)


def can_read_document_report(
    actor: Actor, agency: str, sharing: Sharing, named: Iterable[str]
) -> bool:
    """Read a document report in full: the recording agency, or a partner inside the report's
    sharing scope (``all``, or ``named`` including it), as for listings."""
    if not can(actor, Permission.READ_RECORDS):
        return False
    if actor.is_system or agency == actor.agency:
        return True
    return sharing is Sharing.ALL or (sharing is Sharing.NAMED and actor.agency in set(named))
