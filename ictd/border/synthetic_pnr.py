"""Synthetic bookings of one flight, written as a PNRGOV push.

Travellers are grouped into bookings of one to four; each booking has a record locator, a
booking date (days or months ahead, a few at the last minute), a travel agency or a direct
sale, a form of payment, tickets, the documents given at booking (SSR DOCS), seats, and an
itinerary: the flight, sometimes a return and sometimes an onward connection. Travellers
with bags are checked in (TRI/TIF/SSD/TBD).
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ictd.border.edifact_writer import write_interchange, write_message, write_segment
from ictd.border.synthetic_traveller import SyntheticTraveller
from ictd.demo.draw import pick
from ictd.model.issuing_state import icao_of_iso
from ictd.model.manifest import FlightLeg

__all__ = ["Booked", "Itinerary", "write_bookings"]

_AGENCIES = ("23456781", "34567812", "45678123", "56781234", "67812345", "78123456")
_PAYMENTS = (("CC", 62), ("DC", 10), ("CA", 8), ("IN", 12), ("MS", 8))
_PAYMENT_CODES = tuple(code for code, weight in _PAYMENTS for _ in range(weight))
_ONWARD = ("BEY", "AMM", "TLV", "IST", "DXB", "DOH", "CAI", "TUN", "ALG", "KBL", "ISB", "EBL")
_SEAT_LETTERS = "ABCDEFGHJK"


@dataclass(slots=True)
class Itinerary:
    """One booking: its locator and flights, and its travellers' seats and bags."""

    locator: str
    legs: list[FlightLeg]
    seats: dict[int, str] = field(default_factory=dict)
    bags: dict[int, tuple[str, int]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Booked:
    """The PNRGOV text and each traveller's booking (keyed by ``id(traveller)``)."""

    text: str
    itineraries: dict[int, Itinerary]


def _locator(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(6))


def _legs(
    rng: random.Random, route: tuple[str, str, str, str, int], departure: datetime
) -> list[FlightLeg]:
    carrier, number, origin, destination, minutes = route
    arrival = departure + timedelta(minutes=minutes)
    legs = [FlightLeg(carrier, number, origin, destination, departure, arrival)]
    roll = rng.random()
    if roll < 0.2:  # onward connection
        onward = pick(rng, [p for p in _ONWARD if p not in (origin, destination)])
        leaves = arrival + timedelta(minutes=rng.randint(75, 300))
        lands = leaves + timedelta(minutes=rng.randint(90, 300))
        legs.append(
            FlightLeg(carrier, str(rng.randint(100, 1999)), destination, onward, leaves, lands)
        )
    elif roll < 0.7:  # return
        back = departure + timedelta(days=rng.randint(3, 21), hours=rng.randint(-4, 4))
        legs.append(FlightLeg(carrier, str(int(number) + 1), destination, origin, back,
                              back + timedelta(minutes=minutes)))  # fmt: skip
    return legs


def _tvl(leg: FlightLeg, booking_class: str = "Y") -> str:
    """A TVL segment; the message header's flight has no booking class."""
    assert leg.departure_at is not None and leg.arrival_at is not None
    times = (f"{leg.departure_at:%d%m%y}", f"{leg.departure_at:%H%M}",
             f"{leg.arrival_at:%d%m%y}", f"{leg.arrival_at:%H%M}")  # fmt: skip
    return write_segment("TVL", times, leg.departure_port, leg.arrival_port, leg.carrier,
                         (leg.number, booking_class))  # fmt: skip


def _docs(carrier: str, t: SyntheticTraveller) -> str:
    sex = {"male": "M", "female": "F"}.get(t.gender or "", "U")
    text = "/".join(("", t.document_type, icao_of_iso(t.issuing_state) or t.issuing_state,
                     t.document_number, icao_of_iso(t.nationality) or t.nationality,
                     t.birth_date.strftime("%d%b%y").upper(), sex,
                     t.expiry.strftime("%d%b%y").upper(), t.surname, t.given_names))  # fmt: skip
    return write_segment("SSR", ("DOCS", "HK", "1", carrier, "", "", "", "", text))


def _booking(
    rng: random.Random,
    route: tuple[str, str, str, str, int],
    departure: datetime,
    party: list[SyntheticTraveller],
    itinerary: Itinerary,
) -> list[str]:
    carrier, seg = route[0], write_segment
    days = rng.randint(0, 2) if rng.random() < 0.06 else rng.randint(3, 150)
    booked = departure - timedelta(days=days, hours=25 + rng.randint(0, 12))
    agency = pick(rng, _AGENCIES) if rng.random() < 0.6 else ""
    out = [seg("SRC"), seg("RCI", (carrier, itinerary.locator, "", f"{booked:%d%m%y}",
                                  f"{booked:%H%M}"))]  # fmt: skip
    out.append(
        seg("ORG", ("1A", "MUC"), (agency, "MUC1A0")) if agency else seg("ORG", (carrier, route[2]))
    )
    payment = pick(rng, _PAYMENT_CODES)
    for ref, t in enumerate(party, 1):
        out += [seg("TIF", (t.surname, "A"), (t.given_names, "A", str(ref))), _docs(carrier, t)]
        out.append(seg("TKT", (f"{rng.randint(10**12, 10**13 - 1)}", "T", "1")))
        out.append(seg("FOP", payment))
    for leg in itinerary.legs:
        out += [_tvl(leg), seg("RPI", str(len(party)), "HK")]
        if leg is itinerary.legs[0]:
            out += _seats_and_bags(rng, carrier, leg, party, itinerary)
    return out


def _seats_and_bags(
    rng: random.Random, carrier: str, leg: FlightLeg, party: list[SyntheticTraveller],
    itinerary: Itinerary,
) -> list[str]:  # fmt: skip
    seg = write_segment
    out: list[str] = []
    row = rng.randint(1, 45)
    checkin: list[str] = []
    for ref, t in enumerate(party, 1):
        seat = f"{row}{_SEAT_LETTERS[(ref - 1) % len(_SEAT_LETTERS)]}"
        itinerary.seats[id(t)] = seat
        out.append(seg("SSR", ("SEAT", "HK", "1", carrier, "", "", leg.departure_port,
                               leg.arrival_port), (seat, "", str(ref))))  # fmt: skip
        if rng.random() < 0.6:
            count = rng.randint(1, 2)
            tag = f"{rng.randint(100000, 999999)}"
            itinerary.bags[id(t)] = (f"{carrier}{tag}", count)
            checkin += [seg("TIF", (t.surname, "A"), (t.given_names, "A", str(ref))),
                        seg("SSD", seat),
                        seg("TBD", "", "", (str(count), str(23 * count), "700"), "", "HP",
                            (carrier, tag, str(count)))]  # fmt: skip
    if checkin:
        out += [seg("TRI", "", ("1", "01")), *checkin]
    return out


def write_bookings(
    rng: random.Random,
    route: tuple[str, str, str, str, int],
    departure: datetime,
    travellers: list[SyntheticTraveller],
    reference: str,
) -> Booked:
    """Group ``travellers`` into bookings and write the flight's PNRGOV interchange."""
    carrier, number, origin, destination, minutes = route
    itineraries: dict[int, Itinerary] = {}
    bodies: list[str] = []
    count = 0
    i = 0
    while i < len(travellers):
        size = min(len(travellers) - i, pick(rng, (1, 1, 1, 2, 2, 3, 4)))
        party = travellers[i : i + size]
        itinerary = Itinerary(_locator(rng), _legs(rng, route, departure))
        bodies += _booking(rng, route, departure, party, itinerary)
        for t in party:
            itineraries[id(t)] = itinerary
        count += 1
        i += size
    flight = FlightLeg(carrier, number, origin, destination, departure,
                       departure + timedelta(minutes=minutes))  # fmt: skip
    header = [write_segment("MSG", ("", "22")), write_segment("ORG", (carrier, origin)),
              _tvl(flight, booking_class=""), write_segment("EQN", str(count))]  # fmt: skip
    common = f"{carrier}{number}/{departure:%d%m%y}"
    message = write_message("1", ("PNRGOV", "11", "1", "IA"), header + bodies, common)
    text = write_interchange(
        [message],
        sender=f"{carrier}PNR",
        recipient="ICTDPNR",
        reference=f"R{reference}",
        prepared_at=departure - timedelta(hours=24),
        group=("PNRGOV", "IA", ("11", "1")),
    )
    return Booked(text, itineraries)
