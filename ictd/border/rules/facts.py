"""The ``Facts`` of one traveller: journey, person, document and booking, as rules see them.

The journey is the booking's itinerary where there is one (PNR): its origin, its
destination — the last arrival, or for a return trip the stop with the longest stay — and
its transits (stops of less than a day). For API data it is the traveller's own ports of
embarkation and debarkation around the flight's legs. Ages and day counts are taken on the
day the reported flight departs. Hits (listed co-travellers, register hits) come from the
screening and register checks, which the caller runs first.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from ictd.border.airports import country_of_port
from ictd.border.rules.fields import Facts
from ictd.model.manifest import Booking, FlightLeg, Manifest
from ictd.model.passenger import Passenger

__all__ = ["MessageFacts", "facts_of"]

_CONNECTION = timedelta(hours=24)


def _age(birth: date | None, day: date | None) -> int | None:
    if birth is None or day is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _itinerary(segments: tuple[FlightLeg, ...]) -> tuple[str, str, list[str]]:
    """Origin, destination and connection ports of a booking's flights."""
    origin, last = segments[0].departure_port, segments[-1].arrival_port
    stays: list[tuple[timedelta, int]] = []
    transits: list[str] = []
    for i, (here, nxt) in enumerate(pairwise(segments)):
        gap = None
        if here.arrival_at is not None and nxt.departure_at is not None:
            gap = nxt.departure_at - here.arrival_at
        if gap is not None and gap < _CONNECTION:
            transits.append(here.arrival_port)
        else:
            stays.append((gap or timedelta.max, i))
    destination = last
    if last == origin and stays:
        turn = max(stays)[1]
        destination = segments[turn].arrival_port
    return origin, destination, [p for p in transits if p not in (origin, destination)]


def _journey(passenger: Passenger, legs: tuple[FlightLeg, ...]) -> tuple[str, str, list[str]]:
    ports = [leg.departure_port for leg in legs] + [legs[-1].arrival_port]
    origin = passenger.embarkation or ports[0]
    destination = passenger.debarkation or ports[-1]
    route = [origin, *ports, destination]
    transits = [p for p in dict.fromkeys(route) if p not in (origin, destination)]
    if origin in ports and destination in ports:  # boarded and left within the flight
        inside = ports[ports.index(origin) + 1 : ports.index(destination)]
        transits = [p for p in transits if p in inside]
    return origin, destination, transits


def facts_of(
    passenger: Passenger,
    manifest: Manifest,
    *,
    document_hit: bool = False,
    co_traveller_listed: bool = False,
    co_traveller_document_hit: bool = False,
) -> Facts:
    """Everything a rule can test about ``passenger`` of ``manifest``."""
    return MessageFacts(manifest).of(
        passenger,
        document_hit=document_hit,
        co_traveller_listed=co_traveller_listed,
        co_traveller_document_hit=co_traveller_document_hit,
    )


_Journey = tuple[str, str | None, str, str | None, tuple[str, ...], tuple[str, ...]]
"""Origin port and country, destination port and country, transit ports and countries."""


def _with_countries(journey: tuple[str, str, list[str]]) -> _Journey:
    origin, destination, transits = journey
    return (
        origin,
        country_of_port(origin),
        destination,
        country_of_port(destination),
        tuple(transits),
        tuple(c for c in map(country_of_port, transits) if c),
    )


class MessageFacts:
    """``facts_of`` for the travellers of one message: what they share — the flight, its
    departure day, the bookings by traveller, the journey of each booking and of each pair
    of ports of embarkation and debarkation — is worked out once."""

    __slots__ = ("_bookings", "_journeys", "departs", "flight", "manifest")

    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest
        self.flight = manifest.legs[0]
        self.departs = self.flight.departure_at.date() if self.flight.departure_at else None
        self._bookings: dict[int, Booking] = {}
        for booking in manifest.bookings:  # a traveller's first booking, as ``booking_of``
            for position in booking.passengers:
                self._bookings.setdefault(position, booking)
        self._journeys: dict[object, _Journey] = {}

    def _journey(self, passenger: Passenger, booking: Booking | None) -> _Journey:
        """The journey of ``booking`` when it has segments, else of the ports of embarkation
        and debarkation; worked out once for each."""
        segments = booking.segments if booking is not None else ()
        key: object = id(booking) if segments else (passenger.embarkation, passenger.debarkation)
        found = self._journeys.get(key)
        if found is None:
            journey = _itinerary(segments) if segments else _journey(passenger, self.manifest.legs)
            found = self._journeys[key] = _with_countries(journey)
        return found

    def of(
        self,
        passenger: Passenger,
        *,
        document_hit: bool = False,
        co_traveller_listed: bool = False,
        co_traveller_document_hit: bool = False,
    ) -> Facts:
        """Everything a rule can test about ``passenger`` of this message."""
        booking = self._bookings.get(passenger.position)
        origin, origin_country, destination, destination_country, transits, countries = (
            self._journey(passenger, booking)
        )
        flight, departs = self.flight, self.departs
        documents = passenger.documents
        first = documents[0] if documents else None
        document = next((d for d in documents if d.type == "P"), first)
        expiry = document.expiry if document else None
        booked = booking.booked_at.date() if booking and booking.booked_at else None
        return Facts(
            origin_port=origin,
            origin_country=origin_country,
            destination_port=destination,
            destination_country=destination_country,
            transit_port=transits,
            transit_country=countries,
            flight=flight.flight,
            carrier=flight.carrier,
            role=passenger.role.value,
            in_transit=passenger.in_transit,
            nationality=passenger.nationality,
            residence=passenger.residence,
            gender=passenger.gender,
            birth_date=passenger.birth_date,
            age=_age(passenger.birth_date, departs),
            document_type=document.type if document else None,
            document_country=document.issuing_state if document else None,
            document_expiry=expiry,
            document_days_valid=(expiry - departs).days if expiry and departs else None,
            days_booked_before_departure=(departs - booked).days if departs and booked else None,
            payment=booking.payment if booking else None,
            agency=booking.agency if booking else None,
            segments=len(booking.segments) if booking else None,
            one_way=booking.is_one_way if booking else None,
            travellers=len(booking.passengers) if booking else None,
            bags=passenger.bags,
            document_hit=document_hit,
            co_traveller_listed=co_traveller_listed if booking else None,
            co_traveller_document_hit=co_traveller_document_hit if booking else None,
        )
