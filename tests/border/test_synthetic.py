"""Synthetic demo messages (``ictd.border.synthetic``): valid, repeatable, with planted people."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ictd.border.interchange import parse_paxlst, parse_pnrgov
from ictd.border.synthetic import SyntheticFlight, generate_flights
from ictd.border.synthetic_traveller import PlantedTraveller
from ictd.model import ListType

START = datetime(2024, 5, 1, 10, 0)
PLANTED = (
    PlantedTraveller("الظواهري", "أيمن", date(1951, 6, 19), "EG", "A1234567", "male"),
    PlantedTraveller("Юсупов", "Руслан Ахмедович", date(1990, 1, 2), "RU", "751234567", "male"),
    PlantedTraveller("Al-Baghdadi", "Abu Bakr", date(1971, 7, 28), "IQ", "A9999999", "male"),
)


@pytest.fixture(scope="module")
def flights() -> tuple[SyntheticFlight, ...]:
    return generate_flights(
        11, START, flights=3, passengers=40, crew=5, planted=PLANTED, travellers_per_part=15
    )


def test_every_message_reads_back_without_fault(flights: tuple[SyntheticFlight, ...]) -> None:
    for flight in flights:
        passengers = parse_paxlst(flight.passenger_list)
        crew = parse_paxlst(flight.crew_list)
        bookings = parse_pnrgov(flight.pnr_push)
        for outcome in (passengers, crew, bookings):
            outcome.raise_if_rejected()
        (api,) = passengers.interchange.manifests
        assert (api.list_type, api.parts, len(api.passengers)) == (ListType.PASSENGERS, 3, 41)
        (team,) = crew.interchange.manifests
        assert (team.list_type, len(team.passengers)) == (ListType.CREW, 5)
        (pnr,) = bookings.interchange.manifests
        assert len(pnr.passengers) == 41
        assert sum(len(b.passengers) for b in pnr.bookings) == 41
        assert api.legs[0].flight == flight.flight == pnr.legs[0].flight


def test_planted_travellers_fly_under_their_mrz_names(flights: tuple[SyntheticFlight, ...]) -> None:
    seen = []
    for flight in flights:
        (manifest,) = parse_paxlst(flight.passenger_list).interchange.manifests
        for position in flight.planted:
            passenger = manifest.passengers[position - 1]
            seen.append((passenger.name.surname, passenger.documents[0].number))
            (pnr,) = parse_pnrgov(flight.pnr_push).interchange.manifests
            assert pnr.passengers[position - 1].documents[0].number == passenger.documents[0].number
    assert sorted(seen) == [
        ("AL BAGHDADI", "A9999999"),
        ("ALXZZWAHRY", "A1234567"),  # ICAO's reversible Arabic transliteration
        ("IUSUPOV", "751234567"),  # ICAO's Cyrillic transliteration
    ]


def test_same_seed_same_text() -> None:
    one = generate_flights(5, START, flights=1, passengers=10)
    two = generate_flights(5, START, flights=1, passengers=10)
    other = generate_flights(6, START, flights=1, passengers=10)
    assert one == two
    assert one[0].passenger_list != other[0].passenger_list


def test_names_are_in_mrz_form(flights: tuple[SyntheticFlight, ...]) -> None:
    (manifest,) = parse_paxlst(flights[0].passenger_list).interchange.manifests
    allowed = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ")
    for passenger in manifest.passengers:
        assert set(passenger.name.display) <= allowed
        assert len(passenger.name.surname) + len(passenger.name.given_names) <= 39


def test_a_large_passenger_list() -> None:
    (flight,) = generate_flights(1, START, flights=1, passengers=400, crew=0)
    (manifest,) = parse_paxlst(flight.passenger_list).interchange.manifests
    assert len(manifest.passengers) == 400
