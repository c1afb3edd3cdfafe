"""ICAO 9303 machine-readable zones (``ictd.border.mrz``) on the specimen documents."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ictd.border.mrz import check_digit, parse_mrz
from ictd.exc import InvalidInput

TODAY = date(2010, 1, 1)
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6"
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
)
TD1_LONG = (
    "I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<"
)
MRV_A = "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX4009078F96121096ZE184226B<<<<<<"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("L898902C3", "6"), ("740812", "2"), ("120415", "9"), ("ZE184226B<<<<<", "1"),
     ("D23145890734", "9"), ("<<<<<<", "0")],
)  # fmt: skip
def test_check_digit(text: str, expected: str) -> None:
    assert check_digit(text) == expected


def test_td3_passport() -> None:
    reading = parse_mrz(TD3, TODAY)
    assert (reading.format, reading.document_code, reading.document_type) == ("TD3", "P", "P")
    assert (reading.issuing_code, reading.number) == ("UTO", "L898902C3")
    assert reading.issuing_state == "UTO"  # the specimen state is kept as its code
    assert (reading.name.surname, reading.name.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert reading.name.as_sent == "ERIKSSON<<ANNA<MARIA"
    assert (reading.birth_date, reading.expiry) == (date(1974, 8, 12), date(2012, 4, 15))
    assert (reading.sex, reading.nationality_code) == ("female", "UTO")
    assert reading.optional_data == ("ZE184226B",)
    assert reading.is_valid and reading.failed_checks == ()
    document = reading.document()
    assert (document.type, document.number, document.expiry) == (
        "P",
        "L898902C3",
        date(2012, 4, 15),
    )


def test_td2_and_td1_cards() -> None:
    for text, fmt in ((TD2, "TD2"), (TD1, "TD1")):
        reading = parse_mrz(text, TODAY)
        assert (reading.format, reading.number, reading.document_type) == (fmt, "D23145890", "I")
        assert reading.name.display == "ANNA MARIA ERIKSSON"
        assert reading.is_valid


def test_td1_long_document_number_continues_in_optional_data() -> None:
    reading = parse_mrz(TD1_LONG, TODAY)
    assert reading.number == "D23145890734"
    assert reading.failed_checks == ()
    assert (reading.birth_date, reading.sex) == (date(1934, 7, 12), "male")


def test_td1_long_number_in_the_brief_style() -> None:
    """``UTOD23145890<1233``: number D23145890123, its check digit 3 after the overflow."""
    text = (
        "I<UTOD23145890<1233<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<2\n"
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"
    )
    reading = parse_mrz(text, TODAY)
    assert (reading.number, reading.failed_checks) == ("D23145890123", ())
    corrupted = parse_mrz(text.replace("<1233<", "<1234<"), TODAY)
    assert corrupted.failed_checks == ("document_number", "composite")


def test_visa() -> None:
    reading = parse_mrz(MRV_A, TODAY)
    assert (reading.format, reading.document_type, reading.number) == ("MRV-A", "V", "L8988901C")
    assert reading.nationality_code == "XXX"
    assert reading.failed_checks == ()


def test_one_line_of_text_is_split() -> None:
    assert parse_mrz(TD3.replace("\n", ""), TODAY).number == "L898902C3"


@pytest.mark.parametrize(
    ("text", "failed"),
    [
        (TD3.replace("L898902C36", "L898902C46"), ("document_number", "composite")),
        (TD3.replace("7408122F", "7408132F"), ("birth_date", "composite")),
        (TD3.replace("1204159Z", "1204158Z"), ("expiry", "composite")),
        (TD3.replace("<<<<<10", "<<<<<20"), ("optional_data", "composite")),
        (TD3[:-1] + "9", ("composite",)),
        (TD1.replace("7<<<<", "8<<<<", 1), ("document_number", "composite")),
        (TD2[:-1] + "5", ("composite",)),
    ],
)
def test_corrupted_check_digits_are_named(text: str, failed: tuple[str, ...]) -> None:
    reading = parse_mrz(text, TODAY)
    assert reading.failed_checks == failed
    assert not reading.is_valid


def test_unreadable_fields() -> None:
    reading = parse_mrz(TD3.replace("7408122F", "7413122F"), TODAY)
    assert reading.birth_date is None
    assert "birth_date" in reading.invalid_fields


def test_long_names_are_marked_truncated() -> None:
    name = "P<UTO" + "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN"[:39]
    reading = parse_mrz(name + "\n" + TD3.splitlines()[1], TODAY)
    assert reading.name.truncated


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("P<UTOERIKSSON", "not TD1 (3×30), TD2 (2×36) or TD3 (2×44)"),
        (TD3.replace("P<UTO", "p<UTO"), "character 'p' at column 1"),
        ("", "not TD1"),
    ],
)
def test_not_an_mrz(text: str, problem: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        parse_mrz(text, TODAY)
    assert problem in exc.value.errors[0].message


_MRZ_CHARS = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<", min_size=30, max_size=30)


@given(st.lists(_MRZ_CHARS, min_size=3, max_size=3))
def test_any_td1_shaped_text_reads_without_error(lines: list[str]) -> None:
    reading = parse_mrz("\n".join(lines), TODAY)
    assert set(reading.failed_checks) <= {"document_number", "birth_date", "expiry", "composite"}


@given(st.text(max_size=100))
def test_arbitrary_text_raises_only_invalid_input(text: str) -> None:
    with contextlib.suppress(InvalidInput):
        parse_mrz(text, TODAY)
