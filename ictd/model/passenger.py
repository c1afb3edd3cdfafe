"""Travellers of a manifest: a passenger or crew member, with names as sent and documents.

Names arrive in MRZ form (``AL ZAWAHIRI<<AYMAN``); ``TravellerName`` keeps that and the
cleaned parts (``ictd.border.names.parse_mrz_name`` builds one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from ictd.model.travel_document import TravelDocument

__all__ = ["Passenger", "TravellerName", "TravellerRole"]


class TravellerRole(StrEnum):
    PASSENGER = "passenger"
    CREW = "crew"


@dataclass(frozen=True, slots=True)
class TravellerName:
    """A name as the airline sent it (MRZ form) and its cleaned parts.

    ``display`` is given names then surname, ``<`` fillers and repeated spaces removed:
    ``AL ZAWAHIRI<<AYMAN`` → ``AYMAN AL ZAWAHIRI``. ``truncated`` when the name filled
    its field to the last character (ICAO 9303 cuts long names).
    """

    as_sent: str
    surname: str
    given_names: str
    display: str
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_sent": self.as_sent,
            "surname": self.surname,
            "given_names": self.given_names,
            "display": self.display,
            "truncated": self.truncated,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TravellerName:
        return cls(
            data["as_sent"],
            data["surname"],
            data["given_names"],
            data["display"],
            bool(data.get("truncated")),
        )


@dataclass(frozen=True, slots=True)
class Passenger:
    """One traveller (passenger or crew member) of a manifest.

    ``position`` counts travellers from 1 within the manifest. ``embarkation`` and
    ``debarkation`` are the traveller's own ports (IATA); ``in_transit`` when the traveller
    only passes through. PNR data (``record_locator``, ``traveller_reference``, ``ticket``)
    is set for travellers of a booking; ``seat`` and ``baggage`` (bag tag numbers) by both.
    """

    position: int
    role: TravellerRole
    name: TravellerName
    birth_date: date | None = None
    gender: str | None = None  # male | female | other
    nationality: str | None = None
    residence: str | None = None
    birth_place: str | None = None
    documents: tuple[TravelDocument, ...] = ()
    embarkation: str | None = None
    debarkation: str | None = None
    in_transit: bool = False
    seat: str | None = None
    bags: int | None = None
    baggage: tuple[str, ...] = ()
    record_locator: str | None = None
    traveller_reference: str | None = None
    ticket: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "role": self.role.value,
            "name": self.name.to_dict(),
            "birth_date": _iso(self.birth_date),
            "gender": self.gender,
            "nationality": self.nationality,
            "residence": self.residence,
            "birth_place": self.birth_place,
            "documents": [d.to_dict() for d in self.documents],
            "embarkation": self.embarkation,
            "debarkation": self.debarkation,
            "in_transit": self.in_transit,
            "seat": self.seat,
            "bags": self.bags,
            "baggage": list(self.baggage),
            "record_locator": self.record_locator,
            "traveller_reference": self.traveller_reference,
            "ticket": self.ticket,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Passenger:
        """From ``to_dict``'s output (stored data, already valid)."""
        birth = data.get("birth_date")
        return cls(
            position=int(data["position"]),
            role=TravellerRole(data["role"]),
            name=TravellerName.from_dict(data["name"]),
            birth_date=date.fromisoformat(birth) if birth else None,
            gender=data.get("gender"),
            nationality=data.get("nationality"),
            residence=data.get("residence"),
            birth_place=data.get("birth_place"),
            documents=tuple(_document(d) for d in data.get("documents") or ()),
            embarkation=data.get("embarkation"),
            debarkation=data.get("debarkation"),
            in_transit=bool(data.get("in_transit")),
            seat=data.get("seat"),
            bags=data.get("bags"),
            baggage=tuple(data.get("baggage") or ()),
            record_locator=data.get("record_locator"),
            traveller_reference=data.get("traveller_reference"),
            ticket=data.get("ticket"),
        )


def _document(data: dict[str, Any]) -> TravelDocument:
    expiry, issued = data.get("expiry"), data.get("issued")
    return TravelDocument(
        data["type"],
        data["number"],
        data.get("issuing_state"),
        date.fromisoformat(expiry) if expiry else None,
        date.fromisoformat(issued) if issued else None,
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
