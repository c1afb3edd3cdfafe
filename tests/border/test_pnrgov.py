"""PNRGOV mapping (``ictd.border.pnrgov``): bookings, co-travellers, itinerary, seats, bags."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ictd.border.interchange import parse_pnrgov
from ictd.model import ListType, Manifest
from tests.border.conftest import read_fixture


@pytest.fixture
def manifest(pnrgov_text: str) -> Manifest:
    outcome = parse_pnrgov(pnrgov_text)
    outcome.raise_if_rejected()
    (manifest,) = outcome.interchange.manifests
    return manifest


def test_flight_and_bookings(manifest: Manifest) -> None:
    assert manifest.list_type is ListType.BOOKINGS
    assert manifest.version == "11:1"
    (flight,) = manifest.legs
    assert (flight.flight, flight.departure_port, flight.arrival_port) == ("LH400", "FRA", "JFK")
    assert flight.arrival_at == datetime(2024, 5, 1, 18, 30)
    family, single = manifest.bookings
    assert family.record_locator == "ABC123"
    assert family.booked_at == datetime(2024, 4, 15, 10, 12)
    assert (family.agency, family.payment) == ("12345678", "credit-card")
    assert family.passengers == (1, 2)  # co-travellers
    assert [(s.flight, s.departure_port, s.arrival_port) for s in family.segments] == [
        ("LH400", "FRA", "JFK"),
        ("LH401", "JFK", "FRA"),
        ("LH1234", "FRA", "BEY"),
    ]
    assert family.is_one_way
    assert (single.record_locator, single.agency, single.payment) == ("XYZ789", None, "cash")
    assert single.passengers == (3,)


def test_travellers(manifest: Manifest) -> None:
    karim, leila, ayman = manifest.passengers
    assert karim.name.display == "KARIM HADDAD"  # title MR dropped from the display form
    assert karim.name.as_sent == "HADDAD/KARIM MR"
    assert (karim.birth_date, karim.gender, karim.nationality) == (date(1978, 3, 3), "male", "LB")
    assert karim.documents[0].number == "RL1234567"
    assert karim.documents[0].expiry == date(2029, 1, 1)
    assert karim.residence == "DE"
    assert karim.ticket == "2201234567890"
    assert karim.seat == "14C"  # seat at check-in replaces the booked one
    assert (karim.bags, karim.baggage) == (2, ("LH0220123456", "LH0220123457"))
    assert (leila.seat, leila.bags, leila.record_locator) == ("12B", None, "ABC123")
    assert ayman.name.surname == "AL ZAWAHIRI"
    assert (ayman.seat, ayman.birth_date) == ("31K", date(1951, 6, 19))
    assert manifest.booking_of(ayman) is manifest.bookings[1]


@pytest.mark.parametrize(
    ("name", "field", "message"),
    [
        (
            "pnr_traveller_outside_pnr.edi",
            "segment 8 (TIF)",
            "TIF: outside a PNR (before the first SRC)",
        ),
        ("pnr_missing_rci.edi", "segment 33 (SRC)", "SRC: RCI (record locator) missing"),
        (
            "pnr_bad_docs_date.edi",
            "segment 18 (SSR)",
            "SSR+DOCS: '32DEC82' is not a date (DDMMMYY)",
        ),
    ],
)
def test_bad_pnr_messages(name: str, field: str, message: str) -> None:
    outcome = parse_pnrgov(read_fixture(f"bad/{name}"))
    assert outcome.interchange.manifests == ()
    assert [(e.field, e.message) for r in outcome.rejected for e in r.errors] == [(field, message)]


def test_pnr_count_must_agree(pnrgov_text: str) -> None:
    (rejection,) = parse_pnrgov(pnrgov_text.replace("EQN+2'", "EQN+3'")).rejected
    assert rejection.errors[0].message == "EQN: counts 3 PNRs, the message has 2"


def test_unknown_segment(pnrgov_text: str) -> None:
    (rejection,) = parse_pnrgov(pnrgov_text.replace("APD+744'", "QQQ+744'")).rejected
    assert rejection.errors[0].message == "QQQ: not a PNRGOV segment"
