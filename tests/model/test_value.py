"""Validation and normalisation of property values (``ictd.model.value``), per property type."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ictd.model import PROPERTIES, DateValue, clean_value, get_property, parse_date
from ictd.model.schema import Property, PropertyType
from ictd.model.value import MAX_VALUE_LENGTH, normalize_identifier, normalize_text

# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("1975", date(1975, 1, 1), date(1975, 12, 31), "year"),
        ("1975-03", date(1975, 3, 1), date(1975, 3, 31), "month"),
        ("1975-02", date(1975, 2, 1), date(1975, 2, 28), "month"),
        ("1976-02", date(1976, 2, 1), date(1976, 2, 29), "month"),
        ("2000-02", date(2000, 2, 1), date(2000, 2, 29), "month"),
        ("1900-02", date(1900, 2, 1), date(1900, 2, 28), "month"),
        ("1975-04", date(1975, 4, 1), date(1975, 4, 30), "month"),
        ("1975-03-12", date(1975, 3, 12), date(1975, 3, 12), "day"),
        ("1976-02-29", date(1976, 2, 29), date(1976, 2, 29), "day"),
        ("2000-02-29", date(2000, 2, 29), date(2000, 2, 29), "day"),
        ("1000", date(1000, 1, 1), date(1000, 12, 31), "year"),
        ("2999-12-31", date(2999, 12, 31), date(2999, 12, 31), "day"),
        ("  1975-03-12 ", date(1975, 3, 12), date(1975, 3, 12), "day"),
        ("1970/1975", date(1970, 1, 1), date(1975, 12, 31), "range"),
        ("1970-05/1970-07-02", date(1970, 5, 1), date(1970, 7, 2), "range"),
        ("1970-05-01 / 1970-05", date(1970, 5, 1), date(1970, 5, 31), "range"),
        ("1975/1975", date(1975, 1, 1), date(1975, 12, 31), "range"),
        ("1975-03-12/1975-03-12", date(1975, 3, 12), date(1975, 3, 12), "range"),
        # overlapping ends: the range ends after its start even though 1975 begins before 1975-06
        ("1975-06/1975", date(1975, 6, 1), date(1975, 12, 31), "range"),
    ],
)
def test_parse_date(text: str, earliest: date, latest: date, precision: str) -> None:
    assert parse_date(text) == DateValue(earliest, latest, precision)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "is not a date"),
        ("75", "is not a date"),
        ("1975-3", "is not a date"),
        ("1975-03-1", "is not a date"),
        ("12-03-1975", "is not a date"),
        ("1975/03/12", "is not a date"),
        ("March 1975", "is not a date"),
        ("1975-03-12T00:00", "is not a date"),
        ("０１９７５", "is not a date"),
        ("0999", "year 999 is out of range"),
        ("3000", "year 3000 is out of range"),
        ("1975-00", "month 0 is out of range"),
        ("1975-13", "month 13 is out of range"),
        ("1975-00-10", "month 0 is out of range"),
        ("1975-01-00", "day 0 is out of range"),
        ("1975-01-32", "day 32 is out of range"),
        ("1975-04-31", "day 31 is out of range"),
        ("1975-02-29", "day 29 is out of range"),
        ("1900-02-29", "day 29 is out of range"),
        ("2000-02-30", "day 30 is out of range"),
        ("1975/1970", "ends before it starts"),
        ("1975-03-12/1975-03-11", "ends before it starts"),
        ("1975-04/1975-03", "ends before it starts"),
        ("1975/", "is not a date"),
        ("/1975", "is not a date"),
        ("1970/1975/1980", "is not a date"),
        ("1970/1975-13", "month 13 is out of range"),
    ],
)
def test_parse_date_refuses(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        parse_date(text)
    with pytest.raises(ValueError, match=fragment):  # asked again: refused again
        parse_date(text)


def test_parse_date_again_gives_the_same_value() -> None:
    first = parse_date(" 1975-03-12 ")
    assert parse_date(" 1975-03-12 ") == first == parse_date("1975-03-12")
    assert parse_date("1975-03") == DateValue(date(1975, 3, 1), date(1975, 3, 31), "month")


# --- clean_value per property type -------------------------------------------------------------


def prop(name: str) -> Property:
    found = get_property(name)
    assert found is not None
    return found


def test_every_property_type_is_covered_by_the_table() -> None:
    assert {p.type for p in PROPERTIES.values()} == set(PropertyType)
    assert get_property("nope") is None


@pytest.mark.parametrize(
    ("name", "value", "qualifier", "expected"),
    [
        # names and free text: kept as given (NFC, single-spaced), normalised for look-ups
        (
            "name",
            "  Abu   Bakr\u3000al-Baghdadi ",  # a tab is refused (tests/model/test_text.py)
            None,
            ("Abu Bakr al-Baghdadi", "abu bakr al-baghdadi"),
        ),
        ("alias", "STRASSE", None, ("STRASSE", "strasse")),
        ("alias", "Straße", None, ("Straße", "strasse")),
        ("originalScriptName", "أبو بكر البغدادي", None, ("أبو بكر البغدادي",) * 2),
        ("weakAlias", "Ｆｕｌｌ", None, ("Ｆｕｌｌ", "full")),
        ("name", "Jose\u0301", None, ("José", "josé")),
        ("notes", "Line one\nline two", None, ("Line one line two", "line one line two")),
        ("birthPlace", "Samarra, Iraq", None, ("Samarra, Iraq", "samarra, iraq")),
        (
            "website",
            "https://Example.org/x",
            None,
            ("https://Example.org/x", "https://example.org/x"),
        ),
        ("address", "1 Main St", "gb", ("1 Main St", "1 main st", "GB")),
        # dates: stored as given, validated
        ("birthDate", "1971", None, ("1971", "1971")),
        ("birthDate", "1971-07", None, ("1971-07", "1971-07")),
        ("birthDate", "1971-07-28", None, ("1971-07-28", "1971-07-28")),
        ("birthDate", "1970/1972", None, ("1970/1972", "1970/1972")),
        ("birthDate", " 1976-02-29 ", None, ("1976-02-29", "1976-02-29")),
        ("deathDate", "2019-10-27", None, ("2019-10-27", "2019-10-27")),
        ("incorporationDate", "2001-09", None, ("2001-09", "2001-09")),
        # countries: upper-cased ISO codes
        ("nationality", "iq", None, ("IQ", "IQ")),
        ("nationality", " Sy ", None, ("SY", "SY")),
        ("nationality", "XK", None, ("XK", "XK")),
        ("country", "de", None, ("DE", "DE")),
        ("jurisdiction", "vg", None, ("VG", "VG")),
        ("flag", "pa", None, ("PA", "PA")),
        # gender
        ("gender", "male", None, ("male", "male")),
        ("gender", "Female", None, ("female", "female")),
        ("gender", " OTHER ", None, ("other", "other")),
        # identifiers: value kept, normalised to upper-case letters and digits
        ("passportNumber", "ab-123 456", "iq", ("ab-123 456", "AB123456", "IQ")),
        ("idNumber", "  x.99/01 ", None, ("x.99/01", "X9901")),
        ("registrationNumber", "HRB 12345", "DE", ("HRB 12345", "HRB12345", "DE")),
        ("taxNumber", "ＤＥ１２３", None, ("ＤＥ１２３", "DE123")),
        ("otherId", "straße-1", None, ("straße-1", "STRASSE1")),
        ("imoNumber", "IMO 9123456", None, ("IMO 9123456", "IMO9123456")),
        ("callSign", "d-abcd", None, ("d-abcd", "DABCD")),
        # e-mail: kept, normalised case-folded
        ("email", "Info@Example.ORG", None, ("Info@Example.ORG", "info@example.org")),
        ("email", "a.b+c@sub.example.co.uk", None, ("a.b+c@sub.example.co.uk",) * 2),
        # phone: kept, normalised to digits
        ("phone", "+964 (1) 555-0100", None, ("+964 (1) 555-0100", "96415550100")),
        ("phone", "12345", None, ("12345", "12345")),
    ],
)
def test_clean_value(
    name: str, value: str, qualifier: str | None, expected: tuple[str, ...]
) -> None:
    cleaned, norm, qual = clean_value(prop(name), value, qualifier)
    assert (cleaned, norm) == expected[:2]
    assert qual == (expected[2] if len(expected) > 2 else None)


@pytest.mark.parametrize(
    ("name", "value", "qualifier", "fragment"),
    [
        ("name", "", None, "must not be empty"),
        ("name", " \u3000\u00a0 ", None, "must not be empty"),
        ("notes", "x" * (MAX_VALUE_LENGTH + 1), None, f"longer than {MAX_VALUE_LENGTH}"),
        ("birthDate", "1975-13", None, "month 13 is out of range"),
        ("birthDate", "1975-02-29", None, "day 29 is out of range"),
        ("birthDate", "1975/1970", None, "ends before it starts"),
        ("birthDate", "28 July 1971", None, "is not a date"),
        ("nationality", "ZZ", None, "not an ISO 3166-1 alpha-2"),
        ("nationality", "IRQ", None, "not an ISO 3166-1 alpha-2"),
        ("nationality", "Iraq", None, "not an ISO 3166-1 alpha-2"),
        ("nationality", "UK", None, "not an ISO 3166-1 alpha-2"),
        ("country", "x", None, "not an ISO 3166-1 alpha-2"),
        ("gender", "m", None, "is not one of female, male, other"),
        ("gender", "unknown", None, "is not one of"),
        ("passportNumber", "--- / ---", None, "has no letters or digits"),
        ("passportNumber", "A123", "ZZ", "not an ISO 3166-1 alpha-2"),
        ("passportNumber", "A123", "Iraq", "not an ISO 3166-1 alpha-2"),
        ("address", "1 Main St", "XX", "not an ISO 3166-1 alpha-2"),
        ("email", "info.example.org", None, "is not an e-mail address"),
        ("email", "info@example", None, "is not an e-mail address"),
        ("email", "in fo@example.org", None, "is not an e-mail address"),
        ("email", "a@b@example.org", None, "is not an e-mail address"),
        ("phone", "1234", None, "is not a phone number"),
        ("phone", "call me", None, "is not a phone number"),
        # only qualified properties take a qualifier
        ("name", "Someone", "IQ", "takes no qualifier"),
        ("nationality", "IQ", "IQ", "takes no qualifier"),
        ("birthDate", "1971", "IQ", "takes no qualifier"),
        ("imoNumber", "IMO 9123456", "PA", "takes no qualifier"),
        ("email", "info@example.org", "GB", "takes no qualifier"),
    ],
)
def test_clean_value_refuses(name: str, value: str, qualifier: str | None, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        clean_value(prop(name), value, qualifier)


def test_clean_value_length_limit_is_inclusive() -> None:
    value = "x" * MAX_VALUE_LENGTH
    assert clean_value(prop("notes"), value)[0] == value


def test_clean_value_refuses_a_non_string() -> None:
    with pytest.raises(ValueError, match="must be a string"):
        clean_value(prop("name"), 42)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(n for n, p in PROPERTIES.items() if p.qualified))
def test_every_qualified_property_takes_a_country_qualifier(name: str) -> None:
    value = "1 Main St" if name == "address" else "A-1"
    assert clean_value(prop(name), value, " iq ")[2] == "IQ"


@pytest.mark.parametrize("name", sorted(n for n, p in PROPERTIES.items() if not p.qualified))
def test_no_unqualified_property_takes_a_qualifier(name: str) -> None:
    with pytest.raises(ValueError, match="takes no qualifier"):
        clean_value(prop(name), "anything", "IQ")


# --- properties --------------------------------------------------------------------------------


# Text without combining marks: with them, casefolding after NFKC is not idempotent (below).
_plain_text = st.text(st.characters(exclude_categories=("Mn", "Mc", "Me", "Cs")))
_HANGUL_JAMO = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xD7B0, 0xD7FF))


def _no_jamo(text: str) -> bool:
    return not any(lo <= ord(ch) <= hi for ch in text for lo, hi in _HANGUL_JAMO)


@given(_plain_text)
@example("A\u00a0 B")
@example("  Straße  ǅ ΐ İ ﬁ ")
def test_normalize_text_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@pytest.mark.parametrize("text", ["ß\u0301", "Gruß\u0301e"])
def test_normalize_text_is_idempotent_with_combining_marks(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(st.text().filter(_no_jamo))
@example("ab-123 456")
@example("ＤＥ１２３ straße ǅ")
def test_normalize_identifier_is_idempotent(text: str) -> None:
    once = normalize_identifier(text)
    assert normalize_identifier(once) == once
    assert all(ch.isalnum() for ch in once)


@pytest.mark.parametrize("text", ["\u1100-\u1161", "\uac00 \u11a8"])
def test_normalize_identifier_is_idempotent_across_removed_separators(text: str) -> None:
    once = normalize_identifier(text)  # e.g. ᄀ-ᅡ: two jamo with a hyphen between them
    assert normalize_identifier(once) == once


_latin_words = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzàéïõüçøåæ-'", min_size=1, max_size=12),
    min_size=1,
    max_size=5,
)


@given(_latin_words, st.lists(st.sampled_from([" ", "  ", "\t", "\n", "\u00a0"]), min_size=6))
def test_normalize_text_is_case_and_space_invariant(words: list[str], gaps: list[str]) -> None:
    spaced = gaps[0] + "".join(w.upper() + g for w, g in zip(words, gaps[1:], strict=False))
    assert normalize_text(spaced) == " ".join(words)


def test_dates_in_non_ascii_digits_are_refused_or_normalised() -> None:
    try:
        _, norm, _ = clean_value(prop("birthDate"), "١٩٧٥-٠٣-١٢")
    except ValueError:
        return
    assert norm == "1975-03-12"


_years = st.integers(min_value=1000, max_value=2999)
_months = st.integers(min_value=1, max_value=12)
_days = st.integers(min_value=1, max_value=31)


@st.composite
def date_texts(draw: st.DrawFn) -> str:
    year = draw(_years)
    form = draw(st.sampled_from(["year", "month", "day"]))
    if form == "year":
        return f"{year:04d}"
    month = draw(_months)
    if form == "month":
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{draw(_days):02d}"


@given(date_texts(), st.one_of(st.none(), date_texts()))
def test_parse_date_earliest_is_never_after_latest(start: str, end: str | None) -> None:
    text = start if end is None else f"{start}/{end}"
    try:
        parsed = parse_date(text)
    except ValueError:
        return  # an impossible day or a reversed range: refused, which is fine
    assert parsed.earliest <= parsed.latest
    if end is None:
        assert parsed.precision in ("year", "month", "day")
        assert parsed.earliest.year == parsed.latest.year == int(start[:4])
    else:
        assert parsed.precision == "range"


@given(date_texts())
def test_clean_value_accepts_every_date_parse_date_accepts(text: str) -> None:
    try:
        parse_date(text)
    except ValueError:
        with pytest.raises(ValueError):
            clean_value(prop("birthDate"), text)
        return
    assert clean_value(prop("birthDate"), text) == (text, text, None)
