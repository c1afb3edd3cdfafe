"""Border model types: manifests, travellers, documents, reports, rules, ICAO state codes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from ictd.exc import InvalidInput
from ictd.model import (
    Booking,
    DocumentReport,
    DocumentStatus,
    FlightLeg,
    Interchange,
    ListType,
    Manifest,
    MessageType,
    Passenger,
    RiskRule,
    TravelDocument,
    TravellerName,
    TravellerRole,
    icao_of_iso,
    iso_of_icao,
    issuing_state_of,
)
from ictd.model.issuing_state import ICAO_TO_ISO, NON_STATE_CODES, is_issuing_state

LEG = FlightLeg(
    "LH", "400", "FRA", "JFK", datetime(2024, 5, 1, 15, 30), datetime(2024, 5, 1, 18, 30)
)
NAME = TravellerName("AL ZAWAHIRI/AYMAN", "AL ZAWAHIRI", "AYMAN", "AYMAN AL ZAWAHIRI")
PASSENGER = Passenger(
    position=1,
    role=TravellerRole.PASSENGER,
    name=NAME,
    birth_date=date(1951, 6, 19),
    gender="male",
    nationality="EG",
    documents=(TravelDocument("P", "A1234567", "EG", date(2029, 1, 1)),),
    seat="12A",
    bags=1,
    baggage=("LH1",),
    record_locator="ABC123",
)


def test_manifest_round_trip() -> None:
    back = Booking("ABC123", datetime(2024, 4, 1, 9, 0), "12345678", "cash", (LEG,), (1,))
    manifest = Manifest(
        "1", MessageType.PNRGOV, "11:1", ListType.BOOKINGS, (LEG,), (PASSENGER,), (back,)
    )
    interchange = Interchange(
        "R1", "LHPNR", "DEPIU", datetime(2024, 4, 30, 15, 30), "UNOA", 4, (manifest,)
    )
    data = interchange.to_dict()
    assert data["manifests"][0]["bookings"][0]["payment"] == "cash"
    assert data["manifests"][0]["passengers"][0]["documents"][0]["expiry"] == "2029-01-01"
    assert Interchange.from_dict(data) == interchange
    assert manifest.booking_of(PASSENGER) is back


def test_one_way_and_return() -> None:
    home = FlightLeg("LH", "401", "JFK", "FRA")
    assert Booking("X", segments=(LEG,)).is_one_way
    assert not Booking("X", segments=(LEG, home)).is_one_way
    assert LEG.flight == "LH400"


def test_travel_document_from_dict() -> None:
    doc = TravelDocument.from_dict({"type": "p", "number": "A1", "issuing_state": "GBR"})
    assert doc == TravelDocument("P", "A1", "GB")
    with pytest.raises(InvalidInput) as exc:
        TravelDocument.from_dict({"type": "Q", "number": "", "issuing_state": "ZZZ", "expiry": "x"})
    assert [e.field for e in exc.value.errors] == [
        "document.type", "document.number", "document.issuing_state", "document.expiry",
    ]  # fmt: skip


def test_document_report() -> None:
    report = DocumentReport.from_dict(
        {
            "document": {"type": "P", "number": "A1", "issuing_state": "SY"},
            "status": "stolen-blank",
            "reported_on": "2024-01-05",
            "reason": "batch of blanks stolen from the printer",
        },
        agency="SY-MOI",
    )
    assert report.status is DocumentStatus.STOLEN_BLANK
    assert report.to_dict()["document"]["issuing_state"] == "SY"
    assert report.is_in_force(date(2024, 2, 1))
    assert not report.is_in_force(date(2023, 12, 31))
    assert not replace(report, withdrawn=date(2024, 3, 1)).is_in_force(date(2024, 3, 1))
    with pytest.raises(InvalidInput) as exc:
        DocumentReport.from_dict({"status": "gone", "subject_id": -1}, agency="X")
    assert [e.field for e in exc.value.errors] == [
        "document",
        "status",
        "reported_on",
        "subject_id",
    ]


def test_risk_rule() -> None:
    rule = RiskRule.from_dict({"name": " Late cash ", "source": 'payment == "cash"'}, "DE-BKA")
    assert (rule.name, rule.version, rule.active, rule.agency) == ("Late cash", 1, True, "DE-BKA")
    newer = rule.next_version('payment == "cash" and age < 30')
    assert (newer.version, newer.name) == (2, "Late cash")
    assert newer.to_dict()["source"] == 'payment == "cash" and age < 30'
    with pytest.raises(InvalidInput) as exc:
        RiskRule.from_dict({"name": "", "source": " ", "active": "yes"}, "X")
    assert [e.field for e in exc.value.errors] == ["name", "source", "active"]


@pytest.mark.parametrize(
    ("code", "iso"),
    [("DEU", "DE"), ("D", "DE"), ("GBR", "GB"), ("GBD", "GB"), ("RKS", "XK"), ("SYR", "SY"),
     ("UNO", None), ("XXA", None), ("ZZZ", None)],
)  # fmt: skip
def test_icao_to_iso(code: str, iso: str | None) -> None:
    assert iso_of_icao(code) == iso


def test_issuing_states() -> None:
    assert issuing_state_of("sy") == "SY"
    assert issuing_state_of("D<<") == "DE"
    assert issuing_state_of("XXB") == "XXB"
    assert issuing_state_of("") is None
    assert icao_of_iso("DE") == "DEU" and icao_of_iso("XK") == "RKS"
    for code, iso in ICAO_TO_ISO.items():
        assert is_issuing_state(iso)
        if len(code) == 3 and code[:2] != "GB":
            assert iso_of_icao(icao_of_iso(iso) or "") == iso
    assert all(is_issuing_state(code) for code in NON_STATE_CODES)
