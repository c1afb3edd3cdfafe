"""Stored passenger manifests: the interchanges an agency submitted and each traveller of them.

A ``ManifestRecord`` is one accepted EDIFACT interchange (PAXLST and/or PNRGOV messages) of
one agency: its envelope, when it came and from whom, how many travellers it carried and
how many hit, and the answer the submitter got (a repeat of the interchange answers the
same). A ``ManifestTraveller`` is one traveller of it as stored: the passenger as sent, the
flight legs of its message, its booking (PNR) when there is one, the movement it became
and whether that movement hit — what risk rules and co-traveller checks read later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ictd.model.manifest import Booking, FlightLeg, MessageType
from ictd.model.passenger import Passenger

__all__ = ["ManifestRecord", "ManifestTraveller"]


@dataclass(frozen=True, slots=True)
class ManifestRecord:
    """One accepted interchange. ``message_types`` lists the types of its messages
    (``PAXLST``, ``PNRGOV``); ``digest`` is the SHA-256 of the text as received."""

    id: int
    agency: str
    sender: str
    reference: str
    recipient: str
    message_types: tuple[str, ...]
    syntax: str
    prepared_at: datetime
    received_at: datetime
    received_by: int | None
    digest: str
    test: bool
    travellers: int
    hits: int
    answer: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The summary (without the answer, which ``answer`` holds in full)."""
        return {
            "id": self.id,
            "agency": self.agency,
            "sender": self.sender,
            "reference": self.reference,
            "recipient": self.recipient,
            "message_types": list(self.message_types),
            "syntax": self.syntax,
            "prepared_at": self.prepared_at.isoformat(),
            "received_at": self.received_at.isoformat(),
            "test": self.test,
            "travellers": self.travellers,
            "hits": self.hits,
        }


@dataclass(frozen=True, slots=True)
class ManifestTraveller:
    """One traveller of a stored manifest, with what rules need: the message's legs and
    type, the booking it is on (PNR), and the movement it became."""

    id: int
    manifest_id: int
    agency: str
    message_reference: str
    message_type: MessageType
    legs: tuple[FlightLeg, ...]
    passenger: Passenger
    booking: Booking | None
    movement_id: int
    hit: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "manifest_id": self.manifest_id,
            "agency": self.agency,
            "message_reference": self.message_reference,
            "message_type": self.message_type.value,
            "legs": [leg.to_dict() for leg in self.legs],
            "passenger": self.passenger.to_dict(),
            "booking": self.booking.to_dict() if self.booking else None,
            "movement_id": self.movement_id,
            "hit": self.hit,
        }
