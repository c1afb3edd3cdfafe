"""The fields a risk rule can test, their types, and ``Facts``: their values for one traveller.

Field names are dotted (``origin.country``); each is an attribute of ``Facts`` with the dot
written as ``_``. Types: ``text`` (compared without regard to case), ``number`` (whole),
``date``, ``yes/no``, and ``list`` (a list of texts).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["FIELDS", "Facts", "FieldSpec", "attribute_of"]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    type: str  # text | number | date | yes/no | list
    description: str


FIELDS: dict[str, FieldSpec] = {
    "origin.port": FieldSpec("text", "where the journey starts (IATA code)"),
    "origin.country": FieldSpec("text", "country where the journey starts (alpha-2)"),
    "destination.port": FieldSpec("text", "where the journey ends (IATA code)"),
    "destination.country": FieldSpec("text", "country where the journey ends"),
    "transit.port": FieldSpec("list", "ports passed through on the way"),
    "transit.country": FieldSpec("list", "countries passed through on the way"),
    "flight": FieldSpec("text", "the reported flight (LH400)"),
    "carrier": FieldSpec("text", "the airline (IATA designator)"),
    "role": FieldSpec("text", "passenger or crew"),
    "in_transit": FieldSpec("yes/no", "the traveller only passes through"),
    "nationality": FieldSpec("text", "nationality (alpha-2)"),
    "residence": FieldSpec("text", "country of residence (alpha-2)"),
    "gender": FieldSpec("text", "male, female or other"),
    "birth_date": FieldSpec("date", "date of birth"),
    "age": FieldSpec("number", "age in years on the day of departure"),
    "document.type": FieldSpec("text", "P passport, I identity card, V visa, A crew, C other"),
    "document.country": FieldSpec("text", "issuing state of the document"),
    "document.expiry": FieldSpec("date", "expiry date of the document"),
    "document.days_valid": FieldSpec("number", "days from departure to the document's expiry"),
    "days_booked_before_departure": FieldSpec("number", "days from booking to departure"),
    "payment": FieldSpec("text", "form of payment: cash, credit-card, invoice, …"),
    "agency": FieldSpec("text", "travel agency (IATA number) that made the booking"),
    "segments": FieldSpec("number", "flights on the booking's itinerary"),
    "one_way": FieldSpec("yes/no", "the itinerary does not return to its start"),
    "travellers": FieldSpec("number", "travellers on the same booking"),
    "bags": FieldSpec("number", "checked bags"),
    "document_hit": FieldSpec("yes/no", "a document is on the lost/stolen register"),
    "co_traveller_listed": FieldSpec("yes/no", "someone on the same booking is listed"),
    "co_traveller_document_hit": FieldSpec(
        "yes/no", "someone on the same booking has a document on the register"
    ),
}


def attribute_of(name: str) -> str:
    """The ``Facts`` attribute of a field: ``origin.country`` → ``origin_country``."""
    return name.replace(".", "_")


@dataclass(frozen=True, slots=True)
class Facts:
    """The values of every rule field for one traveller (``None``: not known)."""

    origin_port: str | None = None
    origin_country: str | None = None
    destination_port: str | None = None
    destination_country: str | None = None
    transit_port: tuple[str, ...] = ()
    transit_country: tuple[str, ...] = ()
    flight: str | None = None
    carrier: str | None = None
    role: str | None = None
    in_transit: bool | None = None
    nationality: str | None = None
    residence: str | None = None
    gender: str | None = None
    birth_date: date | None = None
    age: int | None = None
    document_type: str | None = None
    document_country: str | None = None
    document_expiry: date | None = None
    document_days_valid: int | None = None
    days_booked_before_departure: int | None = None
    payment: str | None = None
    agency: str | None = None
    segments: int | None = None
    one_way: bool | None = None
    travellers: int | None = None
    bags: int | None = None
    document_hit: bool | None = None
    co_traveller_listed: bool | None = None
    co_traveller_document_hit: bool | None = None
