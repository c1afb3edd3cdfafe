"""Entity resolution: pairs the matcher proposes and the human judgements on them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

__all__ = ["Judgement", "Proposal"]


@dataclass(frozen=True, slots=True)
class Proposal:
    """A pair of subjects (``subject_a`` < ``subject_b``) the matcher says may be the same."""

    id: int
    subject_a: int
    subject_b: int
    score: float
    explanation: list[dict[str, Any]]
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Judgement:
    """A human decision on a pair: ``same``, ``not-same`` or ``unsure``, with who and why."""

    id: int
    subject_a: int
    subject_b: int
    decision: str
    reason: str
    agency: str | None
    created_by: int | None
    created_at: datetime
    revoked_at: datetime | None
    revoked_by: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "subjects": [self.subject_a, self.subject_b],
            "decision": self.decision,
            "reason": self.reason,
            "agency": self.agency,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(),
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
        }
