"""Movements: reports that a person was seen (border entry or exit, booking, visa application)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

__all__ = ["Movement"]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True, slots=True)
class Movement:
    """A reported movement: who saw whom, where, when, with which document."""

    id: int
    agency: str
    idempotency_key: str
    digest: str
    kind: str
    occurred_at: datetime
    names: tuple[str, ...]
    country: str | None = None
    point_of_entry: str | None = None
    carrier: str | None = None
    flight: str | None = None
    vehicle: str | None = None
    document_type: str | None = None
    document_number: str | None = None
    document_country: str | None = None
    birth_date: str | None = None
    nationalities: tuple[str, ...] = ()
    gender: str | None = None
    created_at: datetime | None = None
    created_by: int | None = None
    reply: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "agency": self.agency,
            "idempotency_key": self.idempotency_key,
            "kind": self.kind,
            "time": self.occurred_at.isoformat(),
            "place": {"country": self.country, "point_of_entry": self.point_of_entry},
            "carrier": self.carrier,
            "flight": self.flight,
            "vehicle": self.vehicle,
            "document": {
                "type": self.document_type,
                "number": self.document_number,
                "country": self.document_country,
            },
            "traveller": {
                "names": list(self.names),
                "birth_date": self.birth_date,
                "nationalities": list(self.nationalities),
                "gender": self.gender,
            },
            "reported_at": _iso(self.created_at),
        }
