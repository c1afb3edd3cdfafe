"""PAXLST mapping (``ictd.border.paxlst``) on real-structure fixtures and malformed ones."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ictd.border.interchange import parse_interchange, parse_paxlst
from ictd.exc import InvalidInput
from ictd.model import ListType, TravelDocument, TravellerRole
from tests.border.conftest import FIXTURES, read_fixture


def test_passenger_list(paxlst_text: str) -> None:
    outcome = parse_paxlst(paxlst_text)
    outcome.raise_if_rejected()
    (manifest,) = outcome.interchange.manifests
    assert manifest.list_type is ListType.PASSENGERS
    assert manifest.version == "D:05B"
    (leg,) = manifest.legs
    assert (leg.flight, leg.departure_port, leg.arrival_port) == ("LH400", "FRA", "JFK")
    assert leg.departure_at == datetime(2024, 5, 1, 15, 30)
    assert leg.arrival_at == datetime(2024, 5, 1, 18, 30)
    first, second, third, fourth = manifest.passengers
    assert first.name.as_sent == "AL ZAWAHIRI/AYMAN"
    assert (first.name.surname, first.name.given_names) == ("AL ZAWAHIRI", "AYMAN")
    assert first.birth_date == date(1951, 6, 19)  # two-digit year before the message date
    assert (first.gender, first.nationality, first.seat) == ("male", "EG", "12A")
    assert first.record_locator == "QX7Z3B"
    assert first.documents == (TravelDocument("P", "A1234567", "EG", date(2029, 1, 1)),)
    assert (first.embarkation, first.debarkation) == ("FRA", "JFK")
    assert second.name.display == "MARY ANN O'NEILL"  # released apostrophe
    assert (second.residence, second.bags) == ("IE", 2)
    assert second.baggage == ("LH123456", "LH123457")
    assert third.in_transit and third.role is TravellerRole.PASSENGER
    assert (third.embarkation, third.debarkation) == ("IST", "YUL")
    assert third.name.given_names == "RUSLAN AKHMEDOVICH"
    assert fourth.birth_date == date(2003, 1, 1)
    assert fourth.nationality == "DE"  # ICAO "D"
    assert [d.type for d in fourth.documents] == ["I", "V"]
    assert fourth.documents[1].issuing_state == "US"
    assert [p.position for p in manifest.passengers] == [1, 2, 3, 4]


def test_crew_list_over_two_legs() -> None:
    (manifest,) = parse_paxlst(read_fixture("paxlst_crew.edi")).interchange.manifests
    assert manifest.list_type is ListType.CREW
    assert [(leg.departure_port, leg.arrival_port) for leg in manifest.legs] == [
        ("DXB", "MXP"),
        ("MXP", "JFK"),
    ]
    assert manifest.legs[1].departure_at == datetime(2024, 5, 2, 14, 30)
    assert [p.role for p in manifest.passengers] == [TravellerRole.CREW, TravellerRole.CREW]
    assert [p.in_transit for p in manifest.passengers] == [False, True]
    assert manifest.passengers[0].documents[0].type == "A"  # crew member certificate


def test_multi_part_message_is_one_manifest() -> None:
    outcome = parse_paxlst(read_fixture("paxlst_multipart.edi"))
    (manifest,) = outcome.interchange.manifests
    assert (manifest.parts, manifest.message_reference) == (2, "M1")
    assert manifest.common_access_reference == "TK1523/240503"
    assert [p.position for p in manifest.passengers] == [1, 2, 3]
    assert manifest.passengers[2].name.surname == "AL HASHIMI"
    assert manifest.passengers[2].name.given_names == "OMAR KHALID"


@pytest.mark.parametrize(
    ("name", "syntax", "display"),
    [
        ("paxlst_unoc.edi", "UNOC", "HÉLÈNE ZOË LEFÈVRE"),
        ("paxlst_unoy.edi", "UNOY", "Лейла ХАДДАД"),
    ],
)
def test_non_ascii_names_in_unoc_and_unoy(name: str, syntax: str, display: str) -> None:
    outcome = parse_paxlst((FIXTURES / name).read_bytes())
    assert outcome.interchange.syntax == syntax
    assert outcome.interchange.manifests[0].passengers[0].name.display == display


@pytest.mark.parametrize(
    ("name", "field", "message"),
    [
        ("missing_unt.edi", "segment 3 (UNH)", "UNH: UNT missing"),
        (
            "wrong_segment_count.edi",
            "segment 56 (UNT)",
            "UNT: counts 53 segments, the message has 54 (UNH to UNT)",
        ),
        ("unknown_segment.edi", "segment 25 (XYZ)", "XYZ: not a PAXLST segment"),
        (
            "misplaced_segment.edi",
            "segment 12 (ATT)",
            "ATT+2: not expected after the flight (TDT) and before the first traveller (NAD)",
        ),
        ("bad_date.edi", "segment 25 (DTM)", "DTM+329: '881302' is not a date (YYMMDD)"),
        ("missing_name.edi", "segment 44 (NAD)", "NAD+FL: passenger name missing"),
        ("missing_document_number.edi", "segment 49 (DOC)", "DOC+I: document number missing"),
        (
            "count_mismatch.edi",
            "segment 55 (CNT)",
            "CNT+42: counts 5 travellers, the message has 4",
        ),
        (
            "type_mismatch.edi",
            "segment 3 (UNH)",
            "UNH: message type PNRGOV in a PAXLST group (UNG)",
        ),
        (
            "missing_part.edi",
            "segment 25 (UNH)",
            "UNH: part 02 of 3 missing from multi-part message TK1523/240503",
        ),
    ],
)
def test_a_bad_message_is_rejected_whole(name: str, field: str, message: str) -> None:
    outcome = parse_paxlst(read_fixture(f"bad/{name}"))
    assert outcome.interchange.manifests == ()
    errors = [(e.field, e.message) for r in outcome.rejected for e in r.errors]
    assert errors == [(field, message)]
    with pytest.raises(InvalidInput) as exc:
        outcome.raise_if_rejected()
    assert exc.value.errors[0].field == field


@pytest.mark.parametrize(
    ("name", "field", "message"),
    [
        ("wrong_unz_count.edi", "segment 58 (UNZ)", "UNZ: counts 2, the interchange has 1"),
        (
            "bad_release_at_end.edi",
            "segment 58 (UNZ)",
            "release character ? before the last terminator",
        ),
    ],
)
def test_a_bad_envelope_rejects_the_interchange(name: str, field: str, message: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        parse_paxlst(read_fixture(f"bad/{name}"))
    assert [(e.field, e.message) for e in exc.value.errors] == [(field, message)]


def test_one_bad_message_leaves_the_others_accepted(paxlst_text: str) -> None:
    lines = paxlst_text.splitlines()
    start = lines.index("UNH+1+PAXLST:D:05B:UN:IATA+LH400/240501/1530'")
    end = lines.index("UNT+54+1'")
    message = lines[start : end + 1]
    second = [line.replace("+1'", "+2'").replace("UNH+1+", "UNH+2+") for line in message]
    second = [line.replace("DTM+329:880212'", "DTM+329:88021'") for line in second]
    text = "\n".join(lines[: end + 1] + second + ["UNE+2+1'", "UNZ+1+LH0501001'"])
    outcome = parse_paxlst(text)
    assert [m.message_reference for m in outcome.interchange.manifests] == ["1"]
    assert [r.message_reference for r in outcome.rejected] == ["2"]
    assert "DTM+329: '88021' is not a date" in outcome.rejected[0].errors[0].message


def test_every_fault_of_a_message_is_reported(paxlst_text: str) -> None:
    text = paxlst_text.replace("ATT+2++M'", "ATT+2++Q'").replace("NAT+2+IRL'", "NAT+2+ZZZ'")
    (rejection,) = parse_paxlst(text).rejected
    messages = [e.message for e in rejection.errors]
    assert "ATT+2: 'Q' is not a gender code (M, F, X, U)" in messages
    assert "NAT+2: 'ZZZ' is not a state code" in messages
    assert len(messages) == 4  # three ATT+2++M, the NAT, nothing else


def test_crew_member_in_a_passenger_list(paxlst_text: str) -> None:
    text = paxlst_text.replace("NAD+FL+++MUELLER:JUERGEN'", "NAD+FM+++MUELLER:JUERGEN'")
    (rejection,) = parse_paxlst(text).rejected
    assert rejection.errors[0].message == "NAD+FM: a crew member in a passenger list (BGM+745)"


def test_parse_paxlst_rejects_pnrgov_messages(pnrgov_text: str) -> None:
    outcome = parse_paxlst(pnrgov_text)
    assert outcome.interchange.manifests == ()
    assert outcome.rejected[0].errors[0].message == "UNH: message type PNRGOV, expected PAXLST"
    assert parse_interchange(pnrgov_text).rejected == ()


def test_to_dict_round_trip(paxlst_text: str) -> None:
    from ictd.model import Interchange

    interchange = parse_paxlst(paxlst_text).interchange
    assert Interchange.from_dict(interchange.to_dict()) == interchange
