"""The rule ``Facts`` of a movement report.

A movement says less than an airline message: where it happened (``place.country`` and the
port when ``point_of_entry`` is an IATA code), the flight and carrier, the document, the
traveller. A border entry's place is the journey's destination, an exit's its origin, a
transit's a transit stop. Every field a movement does not carry (document expiry, booking,
payment, itinerary …) is absent, so conditions on it do not hold.
"""

from __future__ import annotations

import re
from datetime import date

from ictd.border.document_key import normalize_document_type
from ictd.border.rules import Facts
from ictd.model.issuing_state import issuing_state_of
from ictd.model.movement import Movement

__all__ = ["movement_facts"]

_IATA = re.compile(r"^[A-Z]{3}$")


def _birth(value: str | None) -> date | None:
    if not value or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _age(birth: date | None, day: date) -> int | None:
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def movement_facts(movement: Movement, document_hit: bool = False) -> Facts:
    """What a rule can test about ``movement`` (``document_hit``: its document is on the
    lost/stolen register)."""
    port = (movement.point_of_entry or "").strip().upper()
    port = port if _IATA.match(port) else ""
    country = movement.country or None
    here = (port or None, country)
    origin: tuple[str | None, str | None] = (None, None)
    destination: tuple[str | None, str | None] = (None, None)
    transit: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    if movement.kind == "border-entry":
        destination = here
    elif movement.kind == "border-exit":
        origin = here
    elif movement.kind == "transit":
        transit = ((port,) if port else (), (country,) if country else ())
    birth = _birth(movement.birth_date)
    doc_type = movement.document_type
    doc_country = movement.document_country
    return Facts(
        origin_port=origin[0],
        origin_country=origin[1],
        destination_port=destination[0],
        destination_country=destination[1],
        transit_port=transit[0],
        transit_country=transit[1],
        flight=movement.flight,
        carrier=movement.carrier,
        in_transit=movement.kind == "transit",
        nationality=movement.nationalities[0] if movement.nationalities else None,
        gender=movement.gender,
        birth_date=birth,
        age=_age(birth, movement.occurred_at.date()),
        document_type=normalize_document_type(doc_type) if doc_type else None,
        document_country=issuing_state_of(doc_country) if doc_country else None,
        document_hit=document_hit,
    )
