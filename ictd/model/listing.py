"""Listings: an agency's (or a source's) request attached to a subject."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

__all__ = [
    "ACCURACY_GRADES",
    "CATEGORIES",
    "RELIABILITY_GRADES",
    "Action",
    "Handling",
    "Listing",
    "ListingStatus",
    "Sharing",
    "new_contact_ref",
]


class Action(StrEnum):
    """What the listing asks a partner to do when the subject is seen."""

    ARREST = "arrest"
    LOCATE_AND_INFORM = "locate-and-inform"
    DISCREET_CHECK = "discreet-check"
    REFUSE_ENTRY = "refuse-entry"
    FREEZE_ASSETS = "freeze-assets"
    INFORMATION_ONLY = "information-only"


class Sharing(StrEnum):
    """Who may see the listing's details: the owner only, named agencies, or every partner."""

    OWN = "own"
    NAMED = "named"
    ALL = "all"


class Handling(StrEnum):
    """Handling code: H0 (no restriction) to H3 (owner's consent needed for any further use)."""

    H0 = "H0"
    H1 = "H1"
    H2 = "H2"
    H3 = "H3"


class ListingStatus(StrEnum):
    """``submitted``: waiting for compliance review before partners see it; ``refused``:
    refused by the review (with reasons), shared with nobody and not in force."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    REFUSED = "refused"
    ACTIVE = "active"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


CATEGORIES = frozenset(
    {
        "terrorist",
        "foreign-terrorist-fighter",
        "financier",
        "facilitator",
        "terrorist-organisation",
        "sanctioned",
        "person-of-interest",
        "drug-trafficking-financier",  # traffics narcotics or precursors to finance or supply
    }
)
TERRORISM_CATEGORIES = frozenset(
    {"terrorist", "foreign-terrorist-fighter", "financier", "facilitator", "terrorist-organisation"}
    | {"drug-trafficking-financier"}
)
CONTACT_REF_PREFIX = "LREF-"
RELIABILITY_GRADES = ("A", "B", "C", "X")  # source reliability: A reliable … X cannot be judged
ACCURACY_GRADES = (1, 2, 3, 4)  # information accuracy: 1 known true … 4 cannot be judged


def new_contact_ref() -> str:
    """A random, unguessable reference to a listing: ``LREF-9F3A0C1B7E2D4A65B0C3``.

    A partner outside the listing's sharing scope is given this reference (never the
    listing's or the subject's id) to quote to the owner, who resolves it.
    """
    return f"{CONTACT_REF_PREFIX}{secrets.token_hex(10).upper()}"


@dataclass(frozen=True, slots=True)
class Listing:
    """An agency's request on a subject: why it is listed and what to do on a hit.

    ``agency`` owns the listing; ``source`` is set instead when an external list imported
    it. ``shared_with`` holds agency codes when ``sharing`` is ``named``. ``contact_ref``
    is the opaque reference partners outside the scope quote to the owner (set by the store
    when the listing is written, if not before). ``last_reviewed`` is the day its review
    date was last set: when it was listed, or its last recorded extension.
    """

    subject_id: int
    category: str
    actions: tuple[Action, ...]
    id: int | None = None
    agency: str | None = None
    source: str | None = None
    reference: str | None = None
    legal_basis: str | None = None
    reliability: str = "X"
    accuracy: int = 4
    valid_from: date | None = None
    valid_until: date | None = None
    review_date: date | None = None
    sharing: Sharing = Sharing.OWN
    shared_with: tuple[str, ...] = ()
    handling: Handling = Handling.H1
    status: ListingStatus = ListingStatus.DRAFT
    notes: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    created_by: int | None = None
    contact_ref: str | None = None
    last_reviewed: date | None = None

    def is_in_force(self, today: date) -> bool:
        """Active, and within its validity period on ``today``."""
        if self.status is not ListingStatus.ACTIVE:
            return False
        if self.valid_from and today < self.valid_from:
            return False
        return not (self.valid_until and today > self.valid_until)

    @property
    def is_shared(self) -> bool:
        """Shared beyond its owner (``named`` or ``all``): published through compliance review."""
        return self.sharing is not Sharing.OWN

    def widens(self, sharing: Sharing, shared_with: tuple[str, ...]) -> bool:
        """Whether ``sharing``/``shared_with`` would let an agency see the listing that its
        present scope does not (``own`` → ``named``/``all``, ``named`` → ``all``, more names)."""
        if sharing is Sharing.OWN or self.sharing is Sharing.ALL:
            return False
        if sharing is Sharing.ALL or self.sharing is Sharing.OWN:
            return True
        return not set(shared_with) <= set(self.shared_with)

    @property
    def owner(self) -> str:
        return self.agency if self.agency else f"source:{self.source}"

    def copy_with(self, **changes: Any) -> Listing:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "subject_id": self.subject_id,
            "agency": self.agency,
            "source": self.source,
            "reference": self.reference,
            "category": self.category,
            "actions": [a.value for a in self.actions],
            "legal_basis": self.legal_basis,
            "reliability": self.reliability,
            "accuracy": self.accuracy,
            "valid_from": _iso(self.valid_from),
            "valid_until": _iso(self.valid_until),
            "review_date": _iso(self.review_date),
            "sharing": self.sharing.value,
            "shared_with": list(self.shared_with),
            "handling": self.handling.value,
            "status": self.status.value,
            "notes": self.notes,
            "created_at": _iso(self.created_at),
            "updated_at": _iso(self.updated_at),
            "contact_ref": self.contact_ref,
            "last_reviewed": _iso(self.last_reviewed),
        }


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None
