"""Deterministic synthetic airline messages for demos and benchmarks (``ictd manifests demo``).

``generate_flights(seed, …)`` makes, per flight, a PAXLST passenger list, a PAXLST crew list
and a PNRGOV push of the flight's bookings, in the structure of the WCO/IATA/ICAO API and
PNRGOV guidelines, with travellers of many naming cultures in MRZ transliteration. People
given in ``planted`` (listed subjects, for instance) travel on the flights too, under the
names their documents carry. The same seed gives the same text.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from ictd.border.edifact_writer import write_interchange, write_message, write_segment
from ictd.border.synthetic_pnr import Itinerary, write_bookings
from ictd.border.synthetic_traveller import (
    PlantedTraveller,
    SyntheticTraveller,
    make_traveller,
    planted_traveller,
)
from ictd.model.issuing_state import icao_of_iso

__all__ = ["ROUTES", "SyntheticFlight", "generate_flights", "paxlst_body"]

# carrier, number, from, to, minutes in the air
ROUTES = (
    ("LH", "400", "FRA", "JFK", 515),
    ("TK", "1523", "IST", "LHR", 245),
    ("EK", "11", "DXB", "LGW", 460),
    ("QR", "69", "DOH", "FRA", 395),
    ("AF", "566", "CDG", "BEY", 255),
    ("RJ", "111", "AMM", "LHR", 330),
    ("MS", "777", "CAI", "FRA", 250),
    ("PK", "785", "ISB", "MAN", 520),
    ("SU", "2454", "SVO", "CDG", 245),
    ("KL", "1727", "AMS", "IST", 225),
)


@dataclass(frozen=True, slots=True)
class SyntheticFlight:
    """One flight's messages; ``planted`` are the planted travellers' positions (from 1)
    in the passenger list."""

    flight: str
    departure: datetime
    passenger_list: str
    crew_list: str
    pnr_push: str
    planted: tuple[int, ...]


def _icao(state: str) -> str:
    return icao_of_iso(state) or state


def _name_elements(rng: random.Random, t: SyntheticTraveller) -> tuple[str, ...]:
    """As airlines send names: the MRZ name field as read, or surname and given names."""
    if rng.random() < 0.5:
        return (t.mrz_name.rstrip("<"),)
    return (t.surname, t.given_names) if t.given_names else (t.surname,)


def _traveller_segments(
    rng: random.Random, t: SyntheticTraveller, party: str, itinerary: Itinerary | None
) -> list[str]:
    seg = write_segment
    out = [
        seg("NAD", party, "", "", _name_elements(rng, t)),
        seg("ATT", "2", "", {"male": "M", "female": "F"}.get(t.gender or "", "U")),
        seg("DTM", ("329", t.birth_date.strftime("%y%m%d"))),
    ]
    if itinerary is not None:
        out += [seg("LOC", "178", itinerary.legs[0].departure_port)]
        out += [seg("LOC", "179", itinerary.legs[0].arrival_port)]
    out.append(seg("NAT", "2", _icao(t.nationality)))
    if itinerary is not None:
        out.append(seg("RFF", ("AVF", itinerary.locator)))
        seat = itinerary.seats.get(id(t))
        if seat:
            out.append(seg("RFF", ("SEA", seat)))
        bags = itinerary.bags.get(id(t))
        if bags:
            out.append(seg("FTX", "BAG", "", "", (bags[0], str(bags[1]))))
    out += [
        seg("DOC", (t.document_type, "110", "111"), t.document_number),
        seg("DTM", ("36", t.expiry.strftime("%y%m%d"))),
        seg("LOC", "91", _icao(t.issuing_state)),
    ]
    return out


def paxlst_body(
    rng: random.Random,
    route: tuple[str, str, str, str, int],
    departure: datetime,
    travellers: Sequence[tuple[SyntheticTraveller, Itinerary | None]],
    crew: bool,
) -> list[str]:
    """BGM … CNT of a passenger (or crew) list."""
    carrier, number, origin, destination, minutes = route
    seg = write_segment
    body = [
        seg("BGM", "250" if crew else "745"),
        seg("NAD", "MS", "", "", f"{carrier} API DESK"),
        seg("COM", ("4969000000", "TE")),
        seg("TDT", "20", f"{carrier}{number}", "", "", carrier),
        seg("LOC", "125", origin),
        seg("DTM", ("189", departure.strftime("%y%m%d%H%M"), "201")),
        seg("LOC", "87", destination),
        seg("DTM", ("232", (departure + timedelta(minutes=minutes)).strftime("%y%m%d%H%M"), "201")),
    ]
    for traveller, itinerary in travellers:
        party = "FM" if crew else ("DDT" if rng.random() < 0.03 else "FL")
        body += _traveller_segments(rng, traveller, party, itinerary)
        if crew:
            body.insert(len(body) - 3, seg("EMP", "1", ("CR2", "110", "111")))
    body.append(seg("CNT", ("41" if crew else "42", str(len(travellers)))))
    return body


def _paxlst(
    rng: random.Random,
    route: tuple[str, str, str, str, int],
    departure: datetime,
    travellers: list[tuple[SyntheticTraveller, Itinerary | None]],
    crew: bool,
    reference: str,
    per_part: int | None,
) -> str:
    carrier, number = route[0], route[1]
    common = f"{carrier}{number}/{departure:%y%m%d}/{departure:%H%M}"
    size = per_part or max(1, len(travellers))
    chunks = [travellers[i : i + size] for i in range(0, len(travellers), size)] or [[]]
    messages = []
    for i, chunk in enumerate(chunks):
        sequence = (f"{i + 1:02d}", "F" if i == len(chunks) - 1 else "C")
        body = paxlst_body(rng, route, departure, chunk, crew)
        kind = ("PAXLST", "D", "05B", "UN", "IATA")
        messages.append(write_message(f"{i + 1}", kind, body, common, sequence))
    return write_interchange(
        messages,
        sender=f"{carrier}API",
        recipient="ICTDAPI",
        reference=reference,
        prepared_at=departure - timedelta(minutes=30),
        group=("PAXLST", "UN", ("D", "05B")),
    )


def generate_flights(
    seed: int,
    start: datetime,
    *,
    flights: int = 3,
    passengers: int = 120,
    crew: int = 8,
    planted: Sequence[PlantedTraveller] = (),
    travellers_per_part: int | None = None,
) -> tuple[SyntheticFlight, ...]:
    """``flights`` flights from ``start`` (one every three hours), each with ``passengers``
    passengers (plus its share of ``planted``) and ``crew`` crew members."""
    rng = random.Random(seed)  # noqa: S311  # reproducible demo data, not secrets
    out: list[SyntheticFlight] = []
    for f in range(flights):
        route = ROUTES[(seed + f) % len(ROUTES)]
        departure = start + timedelta(hours=3 * f)
        day = departure.date()
        people = [make_traveller(rng, day) for _ in range(passengers)]
        for person in planted[f::flights]:
            people.insert(rng.randint(0, len(people)), planted_traveller(rng, person, day))
        booked = write_bookings(rng, route, departure, people, f"{seed % 1000:03d}{f:03d}")
        ref = f"{seed % 10000:04d}{f:03d}"
        pax: list[tuple[SyntheticTraveller, Itinerary | None]]
        pax = [(t, booked.itineraries[id(t)]) for t in people]
        team: list[tuple[SyntheticTraveller, Itinerary | None]]
        team = [(make_traveller(rng, day), None) for _ in range(crew)]
        out.append(
            SyntheticFlight(
                flight=f"{route[0]}{route[1]}",
                departure=departure,
                passenger_list=_paxlst(
                    rng, route, departure, pax, False, f"P{ref}", travellers_per_part
                ),
                crew_list=_paxlst(rng, route, departure, team, True, f"C{ref}", None),
                pnr_push=booked.text,
                planted=tuple(i + 1 for i, t in enumerate(people) if t.planted),
            )
        )
    return tuple(out)
