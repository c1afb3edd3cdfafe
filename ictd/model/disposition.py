"""Dispositions: a human decision on a match (confirmed, false-match, unsure), with who and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

__all__ = ["DECISIONS", "Disposition"]

DECISIONS = ("confirmed", "false-match", "unsure")


@dataclass(frozen=True, slots=True)
class Disposition:
    """A decision on a match: the query identity, the subject and the verdict."""

    id: int
    agency: str
    query_key: str
    subject_id: int
    decision: str
    reason: str
    query: dict[str, Any]
    created_by: int | None
    created_at: datetime
    revoked_at: datetime | None
    revoked_by: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "agency": self.agency,
            "query_key": self.query_key,
            "subject_id": self.subject_id,
            "decision": self.decision,
            "reason": self.reason,
            "query": self.query,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(),
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
        }
