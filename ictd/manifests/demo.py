"""Demo airline messages: synthetic flights with some listed people of ``ictd demo`` aboard.

``demo_messages`` makes, per flight, a PAXLST passenger list, a PAXLST crew list and a
PNRGOV push (``ictd.border.generate_flights``). The people planted on the flights are
persons of the synthetic demo set (``ictd.demo.generate`` with the same size, seed and
agencies as ``ictd demo`` loads) who carry a listing: their documents give their names in
MRZ form, Arabic and Cyrillic names transliterated the ICAO 9303 way, so the screening
must find them from those spellings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ictd.border import PlantedTraveller, generate_flights
from ictd.demo import DEMO_AGENCIES, generate
from ictd.model import Schema

__all__ = ["DemoMessage", "demo_messages", "listed_travellers"]


@dataclass(frozen=True, slots=True)
class DemoMessage:
    """One file to write: its name and text; ``planted`` counts listed people aboard."""

    name: str
    text: str
    planted: int = 0


def _birth(values: list[str]) -> date | None:
    for value in values:
        parts = value.split("-")
        if parts[0].isdigit() and len(parts[0]) == 4:
            month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 7
            day = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 1
            return date(int(parts[0]), month, day)
    return None


def listed_travellers(
    count: int,
    demo_size: int = 2000,
    demo_seed: int = 7,
    agencies: tuple[str, ...] = DEMO_AGENCIES,
) -> list[PlantedTraveller]:
    """Up to ``count`` listed persons of the synthetic demo set, as their passports would
    name them (the native-script name where the set has one)."""
    out: list[PlantedTraveller] = []
    for item in generate(demo_size, demo_seed, agencies):
        if len(out) >= count:
            break
        subject = item.subject
        if item.schema is not Schema.PERSON or not item.listings:
            continue
        native = [s.value for s in subject.statements if s.prop == "originalScriptName"]
        name = (native or subject.values("name") or [""])[0].split()
        birth = _birth(subject.values("birthDate"))
        nationality = subject.first("nationality")
        if len(name) < 2 or birth is None or not nationality:
            continue
        passport = subject.first("passportNumber") or f"D{len(out):08d}"
        out.append(
            PlantedTraveller(
                surname=name[-1],
                given_names=" ".join(name[:-1]),
                birth_date=birth,
                nationality=nationality,
                document_number=passport.replace(" ", ""),
                gender=subject.first("gender"),
            )
        )
    return out


def demo_messages(
    seed: int,
    flights: int,
    now: datetime,
    *,
    passengers: int = 120,
    listed: int = 6,
    demo_size: int = 2000,
    demo_seed: int = 7,
    agencies: tuple[str, ...] = DEMO_AGENCIES,
) -> list[DemoMessage]:
    """The messages of ``flights`` flights that have all landed by ``now`` (their times
    must not lie ahead: a movement of the future is refused)."""
    planted = listed_travellers(listed, demo_size, demo_seed, agencies)
    start = (now - timedelta(hours=3 * flights + 14)).replace(minute=0, second=0, microsecond=0)
    out: list[DemoMessage] = []
    for flight in generate_flights(
        seed, start.replace(tzinfo=None), flights=flights, passengers=passengers, planted=planted
    ):
        stem = f"{flight.flight}_{flight.departure:%Y%m%d_%H%M}"
        out.append(
            DemoMessage(f"{stem}_passengers.edi", flight.passenger_list, len(flight.planted))
        )
        out.append(DemoMessage(f"{stem}_crew.edi", flight.crew_list))
        out.append(DemoMessage(f"{stem}_pnr.edi", flight.pnr_push, len(flight.planted)))
    return out
