"""Airline passenger data: interchanges, manifests, flight legs, travellers and bookings.

An ``Interchange`` is one UN/EDIFACT transmission (its envelope: reference, sender,
recipient, time of preparation) holding ``Manifest`` values — one per message, parts of a
multi-part message joined. A PAXLST (API) manifest lists the passengers or the crew of a
flight; a PNRGOV manifest holds the bookings (PNRs) on a flight, each with its travellers
and itinerary. Every traveller becomes one movement.

Times are local times at the port, as airline messages send them (no offset).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from ictd.model.passenger import Passenger

__all__ = [
    "Booking",
    "FlightLeg",
    "Interchange",
    "ListType",
    "Manifest",
    "MessageType",
]


class MessageType(StrEnum):
    PAXLST = "PAXLST"  # advance passenger information (API)
    PNRGOV = "PNRGOV"  # passenger name record push (PNR)


class ListType(StrEnum):
    """What a PAXLST lists (BGM document code 745 / 250); PNRGOV lists bookings."""

    PASSENGERS = "passengers"
    CREW = "crew"
    BOOKINGS = "bookings"


@dataclass(frozen=True, slots=True)
class FlightLeg:
    """One flight between two ports (IATA codes), with scheduled local times."""

    carrier: str
    number: str
    departure_port: str
    arrival_port: str
    departure_at: datetime | None = None
    arrival_at: datetime | None = None

    @property
    def flight(self) -> str:
        """Carrier and number: ``LH400``."""
        return f"{self.carrier}{self.number}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "carrier": self.carrier,
            "number": self.number,
            "departure_port": self.departure_port,
            "arrival_port": self.arrival_port,
            "departure_at": _iso(self.departure_at),
            "arrival_at": _iso(self.arrival_at),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FlightLeg:
        return cls(
            data["carrier"],
            data["number"],
            data["departure_port"],
            data["arrival_port"],
            _datetime(data.get("departure_at")),
            _datetime(data.get("arrival_at")),
        )


@dataclass(frozen=True, slots=True)
class Booking:
    """A passenger name record: who booked, when, how paid, which flights, who travels.

    ``passengers`` are the positions (in the manifest) of the travellers on the booking.
    """

    record_locator: str
    booked_at: datetime | None = None
    agency: str | None = None
    payment: str | None = None  # cash | credit-card | cheque | invoice | miscellaneous | …
    segments: tuple[FlightLeg, ...] = ()
    passengers: tuple[int, ...] = ()

    @property
    def is_one_way(self) -> bool:
        """True unless the itinerary ends where it began."""
        if not self.segments:
            return True
        return self.segments[-1].arrival_port != self.segments[0].departure_port

    def to_dict(self) -> dict[str, Any]:
        return {
            "record_locator": self.record_locator,
            "booked_at": _iso(self.booked_at),
            "agency": self.agency,
            "payment": self.payment,
            "segments": [s.to_dict() for s in self.segments],
            "passengers": list(self.passengers),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Booking:
        return cls(
            record_locator=data["record_locator"],
            booked_at=_datetime(data.get("booked_at")),
            agency=data.get("agency"),
            payment=data.get("payment"),
            segments=tuple(FlightLeg.from_dict(s) for s in data.get("segments") or ()),
            passengers=tuple(int(p) for p in data.get("passengers") or ()),
        )


@dataclass(frozen=True, slots=True)
class Manifest:
    """One message: a PAXLST passenger or crew list, or a PNRGOV push of bookings.

    ``message_reference`` is the first part's UNH reference; ``parts`` counts the parts a
    multi-part message arrived in, joined under ``common_access_reference``. ``legs`` are
    the flight's legs in order.
    """

    message_reference: str
    message_type: MessageType
    version: str
    list_type: ListType
    legs: tuple[FlightLeg, ...]
    passengers: tuple[Passenger, ...]
    bookings: tuple[Booking, ...] = ()
    common_access_reference: str | None = None
    parts: int = 1

    def booking_of(self, passenger: Passenger) -> Booking | None:
        """The booking a traveller is on, or ``None`` (always ``None`` for a PAXLST)."""
        for booking in self.bookings:
            if passenger.position in booking.passengers:
                return booking
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "message_reference": self.message_reference,
            "message_type": self.message_type.value,
            "version": self.version,
            "list_type": self.list_type.value,
            "common_access_reference": self.common_access_reference,
            "parts": self.parts,
            "legs": [leg.to_dict() for leg in self.legs],
            "passengers": [p.to_dict() for p in self.passengers],
            "bookings": [b.to_dict() for b in self.bookings],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Manifest:
        return cls(
            message_reference=data["message_reference"],
            message_type=MessageType(data["message_type"]),
            version=data["version"],
            list_type=ListType(data["list_type"]),
            legs=tuple(FlightLeg.from_dict(leg) for leg in data["legs"]),
            passengers=tuple(Passenger.from_dict(p) for p in data["passengers"]),
            bookings=tuple(Booking.from_dict(b) for b in data.get("bookings") or ()),
            common_access_reference=data.get("common_access_reference"),
            parts=int(data.get("parts") or 1),
        )


@dataclass(frozen=True, slots=True)
class Interchange:
    """One EDIFACT interchange (UNB … UNZ): its envelope and the manifests accepted from it.

    ``syntax`` is the syntax identifier (``UNOA``, ``UNOC``, ``UNOY``…); ``test`` when the
    sender marked the interchange as a test (UNB test indicator 1).
    """

    reference: str
    sender: str
    recipient: str
    prepared_at: datetime
    syntax: str
    syntax_version: int
    manifests: tuple[Manifest, ...]
    test: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "sender": self.sender,
            "recipient": self.recipient,
            "prepared_at": self.prepared_at.isoformat(),
            "syntax": self.syntax,
            "syntax_version": self.syntax_version,
            "test": self.test,
            "manifests": [m.to_dict() for m in self.manifests],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Interchange:
        return cls(
            reference=data["reference"],
            sender=data["sender"],
            recipient=data["recipient"],
            prepared_at=datetime.fromisoformat(data["prepared_at"]),
            syntax=data["syntax"],
            syntax_version=int(data["syntax_version"]),
            manifests=tuple(Manifest.from_dict(m) for m in data["manifests"]),
            test=bool(data.get("test")),
        )


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None
