"""Compliance review before sharing: the operator's check of a listing before partners see it.

A listing shared beyond its owner (``named`` or ``all``) goes draft → submitted → active, or
→ refused with reasons; the operator agency's compliance reviewers decide. An active
listing whose sharing is widened is reviewed again (the wider scope applies on approval).
A listing of an urgent category (settings) is published at once and reviewed within
``URGENT_HOURS``; refused afterwards, it is withdrawn from partners. Listings of public
sources are published by the operator's import of the source and are exempt (audited).

A ``ComplianceReview`` is one request and its decision; the automated quality checks the
reviewer sees are ``QualityCheck`` rows (``ictd.lifecycle.checks``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from ictd.model.listing import CATEGORIES, Sharing

__all__ = [
    "CLOSED",
    "NEUTRALITY_GROUNDS",
    "PENDING",
    "REVIEW_DECISIONS",
    "REVIEW_KINDS",
    "ComplianceReview",
    "QualityCheck",
    "parse_categories",
]

NEUTRALITY_GROUNDS = ("political", "military", "religious", "racial")
"""What the neutrality assessment rules out (Article 3 style): a listing must not serve a
matter of a predominantly political, military, religious or racial character."""
REVIEW_KINDS = ("publication", "sharing")
"""``publication``: a listing published for the first time beyond its owner; ``sharing``: an
active listing whose sharing scope is widened."""
REVIEW_DECISIONS = ("approved", "refused")
PENDING = "pending"
CLOSED = "closed"
"""A review closed without a decision: its listing was withdrawn (by its owner, or by an
erasure a redress decision ordered) while the review was waiting."""


def parse_categories(text: str) -> frozenset[str]:
    """``"terrorist,foreign-terrorist-fighter"`` → the categories; raises ``ValueError``
    naming an unknown one."""
    out = frozenset(c.strip() for c in text.split(",") if c.strip())
    unknown = sorted(out - CATEGORIES)
    if unknown:
        raise ValueError(f"{', '.join(unknown)}: not a listing category")
    return out


@dataclass(frozen=True, slots=True)
class QualityCheck:
    """One automated check of a listing submitted for review: its name, whether it passed,
    and what the reviewer should know."""

    name: str
    passed: bool
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "passed": self.passed, "message": self.message}


@dataclass(frozen=True, slots=True)
class ComplianceReview:
    """A listing submitted for compliance review and, once decided, the decision.

    ``sharing``/``shared_with`` are the scope asked for. ``urgent`` reviews were published
    at ``submitted_at`` and are ``due_at`` within the urgent period; ``escalated_at`` is set
    once the operator's reviewers have been told one is overdue. ``prior_status`` and
    ``prior_sharing`` are the listing's before the request (what a refusal returns to).
    ``neutrality`` is the reviewer's statement; ``reasons`` the decision's grounds.
    """

    listing_id: int
    agency: str
    kind: str
    sharing: Sharing
    shared_with: tuple[str, ...]
    prior_status: str
    prior_sharing: Sharing
    prior_shared_with: tuple[str, ...]
    submitted_at: datetime
    id: int | None = None
    submitted_by: int | None = None
    note: str | None = None
    urgent: bool = False
    due_at: datetime | None = None
    status: str = PENDING
    decided_at: datetime | None = None
    decided_by: int | None = None
    neutrality: str | None = None
    reasons: str | None = None
    checks: tuple[QualityCheck, ...] = ()
    escalated_at: datetime | None = None

    @property
    def is_pending(self) -> bool:
        return self.status == PENDING

    def is_overdue(self, now: datetime) -> bool:
        return self.is_pending and self.due_at is not None and now >= self.due_at

    def copy_with(self, **changes: Any) -> ComplianceReview:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "listing_id": self.listing_id,
            "agency": self.agency,
            "kind": self.kind,
            "sharing": self.sharing.value,
            "shared_with": list(self.shared_with),
            "prior_status": self.prior_status,
            "prior_sharing": self.prior_sharing.value,
            "note": self.note,
            "urgent": self.urgent,
            "submitted_at": _iso(self.submitted_at),
            "due_at": _iso(self.due_at),
            "status": self.status,
            "decided_at": _iso(self.decided_at),
            "neutrality": self.neutrality,
            "reasons": self.reasons,
            "checks": [c.to_dict() for c in self.checks],
            "escalated_at": _iso(self.escalated_at),
        }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
