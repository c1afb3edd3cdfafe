"""A traveller of a manifest as a movement report: the flat fields of ``MovementInput``.

The alert pipeline takes movements in one flat shape (``ictd.alerts.movement
.MovementInput.from_dict`` reads it); ``movement_fields`` fills it for each traveller, so
manifests reach screening and alerts like any other movement report.

- kind: ``booking`` for PNR; for API ``border-entry`` when the flight lands in ``state``
  (the state that receives the data), ``border-exit`` when it leaves from it, and
  ``transit`` for travellers in transit (NAD+DDT/DDU).
- time: the scheduled arrival (entry, transit) or departure (exit), local time at the port
  as sent, without offset; for a booking, when it was made. Without these, the time the
  interchange was prepared.
- idempotency key: sender, interchange reference, message reference and traveller
  position, so the same interchange sent again makes no new movements.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from ictd.border.airports import country_of_port
from ictd.model.country import is_country_code
from ictd.model.manifest import Interchange, Manifest, MessageType
from ictd.model.passenger import Passenger
from ictd.model.travel_document import DOCUMENT_TYPES

__all__ = ["MAX_KEY", "movement_fields", "movement_key"]

MAX_KEY = 100


def movement_key(interchange: Interchange, manifest: Manifest, passenger: Passenger) -> str:
    """``api:SENDER:REF:MSG:POSITION`` (``pnr:`` for PNR), hashed when over 100 characters."""
    prefix = "pnr" if manifest.message_type is MessageType.PNRGOV else "api"
    key = ":".join(
        (prefix, interchange.sender, interchange.reference, manifest.message_reference,
         str(passenger.position))
    )  # fmt: skip
    if len(key) <= MAX_KEY:
        return key
    return f"{prefix}:{hashlib.sha256(key.encode()).hexdigest()}"


def _place_and_time(
    manifest: Manifest, passenger: Passenger, state: str | None
) -> tuple[str, str, datetime | None]:
    """Kind, port and time of the movement."""
    first, last = manifest.legs[0], manifest.legs[-1]
    if manifest.message_type is MessageType.PNRGOV:
        booking = manifest.booking_of(passenger)
        return "booking", first.departure_port, booking.booked_at if booking else None
    if passenger.in_transit:
        return "transit", last.arrival_port, last.arrival_at
    leaves_state = state is not None and country_of_port(first.departure_port) == state
    lands_in_state = state is not None and country_of_port(last.arrival_port) == state
    if leaves_state and not lands_in_state:
        return "border-exit", first.departure_port, first.departure_at
    return "border-entry", last.arrival_port, last.arrival_at


def movement_fields(
    interchange: Interchange,
    manifest: Manifest,
    passenger: Passenger,
    state: str | None = None,
) -> dict[str, Any]:
    """The movement report of one traveller, in ``MovementInput``'s flat shape.

    ``state`` is the alpha-2 code of the state receiving the data (it decides entry or
    exit); without it an API traveller counts as entering at the flight's arrival port.
    """
    kind, port, moment = _place_and_time(manifest, passenger, state)
    document = passenger.documents[0] if passenger.documents else None
    doc_state = document.issuing_state if document else None
    nationality = passenger.nationality
    flight = manifest.legs[0]
    return {
        "idempotency_key": movement_key(interchange, manifest, passenger),
        "kind": kind,
        "time": (moment or interchange.prepared_at).isoformat(),
        "names": [passenger.name.display or passenger.name.as_sent],
        "country": country_of_port(port),
        "point_of_entry": port,
        "carrier": flight.carrier,
        "flight": flight.flight,
        "document_type": DOCUMENT_TYPES.get(document.type) if document else None,
        "document_number": document.number if document else None,
        "document_country": doc_state if doc_state and is_country_code(doc_state) else None,
        "birth_date": passenger.birth_date.isoformat() if passenger.birth_date else None,
        "nationalities": [nationality] if nationality and is_country_code(nationality) else [],
        "gender": passenger.gender,
    }
