"""Relations: typed, dated edges between two subjects, with provenance."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

__all__ = ["Relation", "RelationType"]


class RelationType(StrEnum):
    MEMBER_OF = "member-of"
    LEADER_OF = "leader-of"
    OWNS = "owns"
    DIRECTOR_OF = "director-of"
    FAMILY = "family"
    ASSOCIATE = "associate"
    PAID = "paid"
    SUPPLIED = "supplied"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Relation:
    """``source_id`` —type→ ``target_id``: e.g. person 1 ``member-of`` organisation 2.

    ``start_date``/``end_date`` use the same date forms as statements (``2019``,
    ``2019-04``, ``2019-04-02``). ``share`` is an ownership percentage; ``amount`` and
    ``currency`` describe a payment.
    """

    source_id: int
    target_id: int
    type: RelationType
    id: int | None = None
    agency: str | None = None
    source: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    share: Decimal | None = None
    amount: Decimal | None = None
    currency: str | None = None
    notes: str | None = None
    created_at: datetime | None = None
    retracted_at: datetime | None = None
    recorded_by: int | None = None

    def copy_with(self, **changes: Any) -> Relation:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source_id": self.source_id,
            "target_id": self.target_id,
            "type": self.type.value,
            "stated_by": self.agency if self.agency else f"source:{self.source}",
            "start_date": self.start_date,
            "end_date": self.end_date,
            "share": str(self.share) if self.share is not None else None,
            "amount": str(self.amount) if self.amount is not None else None,
            "currency": self.currency,
            "notes": self.notes,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "retracted_at": self.retracted_at.isoformat() if self.retracted_at else None,
        }
