"""Redress: requests of individuals to access, correct or delete what is held on them.

The operator's redress officers register a request on a subject; it is forwarded (a
``RedressReferral``) to each agency that holds data on the subject, which answers within
the answer deadline and decides (granted, partly, refused, with reasons) within the
decision deadline, and says what may be told to the requester. The requester's identity
evidence (``RedressEvidence``) is kept apart from the subject's data.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

__all__ = [
    "DECISIONS",
    "DISCLOSURES",
    "REDRESS_KINDS",
    "REDRESS_STATUSES",
    "RedressEvidence",
    "RedressReferral",
    "RedressRequest",
    "new_redress_reference",
]

REDRESS_KINDS = ("access", "correction", "deletion")
DECISIONS = ("granted", "partly", "refused")
DISCLOSURES = ("none", "summary", "data")
"""What an agency lets the requester be told: nothing beyond that the request was examined,
its summary note, or the note and the facts it holds on the subject."""
REDRESS_STATUSES = ("open", "overdue", "decided")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def new_redress_reference() -> str:
    """A random reference for a redress request: ``RDR-3F9C2B1D7E0A``."""
    return f"RDR-{secrets.token_hex(6).upper()}"


@dataclass(frozen=True, slots=True)
class RedressReferral:
    """A request forwarded to ``agency``: its answer, decision and disclosure."""

    id: int
    request_id: int
    agency: str
    forwarded_at: datetime
    answer_due: datetime
    decision_due: datetime
    answer: str | None = None
    answered_at: datetime | None = None
    decision: str | None = None
    reasons: str | None = None
    decided_at: datetime | None = None
    decided_by: int | None = None
    disclose: str = "none"
    disclosure_note: str | None = None
    h3_consent: bool = False
    answer_escalated_at: datetime | None = None
    decision_escalated_at: datetime | None = None

    def is_overdue(self, now: datetime) -> bool:
        """Not answered by its answer deadline, or not decided by its decision deadline."""
        late_answer = self.answered_at is None and now >= self.answer_due
        return self.decided_at is None and (late_answer or now >= self.decision_due)

    def to_dict(self, now: datetime) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "forwarded_at": self.forwarded_at.isoformat(),
            "answer_due": self.answer_due.isoformat(),
            "decision_due": self.decision_due.isoformat(),
            "answer": self.answer,
            "answered_at": _iso(self.answered_at),
            "decision": self.decision,
            "reasons": self.reasons,
            "decided_at": _iso(self.decided_at),
            "disclose": self.disclose,
            "disclosure_note": self.disclosure_note,
            "h3_consent": self.h3_consent,
            "overdue": self.is_overdue(now),
            "escalated": self.answer_escalated_at is not None
            or self.decision_escalated_at is not None,
        }


@dataclass(frozen=True, slots=True)
class RedressRequest:
    """An individual's request about ``subject_id``: ``kind`` (access, correction, deletion)
    and what is asked (``summary``); no identity data (that is ``RedressEvidence``)."""

    id: int
    reference: str
    kind: str
    subject_id: int
    summary: str
    status: str
    created_at: datetime
    created_by: int | None = None
    decided_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "kind": self.kind,
            "subject_id": self.subject_id,
            "summary": self.summary,
            "status": self.status,
            "created_at": self.created_at.isoformat(),
            "decided_at": _iso(self.decided_at),
        }


@dataclass(frozen=True, slots=True)
class RedressEvidence:
    """Who the requester is and how they proved it: read by redress officers only."""

    request_id: int
    requester: str
    evidence: str
    contact: str | None
    recorded_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "requester": self.requester,
            "evidence": self.evidence,
            "contact": self.contact,
            "recorded_at": self.recorded_at.isoformat(),
        }
