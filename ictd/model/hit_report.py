"""Hit reports: what a partner agency reports back after acting on a hit (a SIRENE-style
form), attached to the alert and seen by the listing's owner and the reporting agency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

__all__ = ["ACTIONS_TAKEN", "HIT_OUTCOMES", "TRANSPORT_MEANS", "HitReport"]

TRANSPORT_MEANS = ("air", "sea", "rail", "road", "foot", "other")
"""How the subject travelled when the hit happened."""
ACTIONS_TAKEN = (
    "arrest",
    "locate-and-inform",
    "discreet-check",
    "refuse-entry",
    "freeze-assets",
    "information-only",
    "none",
)
"""What the reporting agency did: one of the requested actions, or ``none``."""
HIT_OUTCOMES = ("located", "detained", "not-found", "refused-entry", "other")
"""What came of it (the same words as an alert's outcome)."""


@dataclass(frozen=True, slots=True)
class HitReport:
    """The report of ``agency`` on the hit behind alert ``alert_id``: where and when the
    subject was met, by which route and means of transport, with whom and carrying what,
    what was done and what came of it."""

    id: int
    alert_id: int
    alert_reference: str
    agency: str
    place: str
    occurred_at: datetime
    transport: str
    action_taken: str
    outcome: str
    created_at: datetime
    route: str | None = None
    transport_details: str | None = None
    companions: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    notes: str | None = None
    reported_by: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "alert": self.alert_reference,
            "agency": self.agency,
            "place": self.place,
            "occurred_at": self.occurred_at.isoformat(),
            "route": self.route,
            "transport": self.transport,
            "transport_details": self.transport_details,
            "companions": list(self.companions),
            "items": list(self.items),
            "action_taken": self.action_taken,
            "outcome": self.outcome,
            "notes": self.notes,
            "reported_by": self.reported_by,
            "created_at": self.created_at.isoformat(),
        }
