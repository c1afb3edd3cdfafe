"""Feature functions and the scorer: dates by precision, facts, identifiers, score properties."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ictd.matching import DEFAULT_THRESHOLD, WEIGHTS, Identifier, IndexRecord, Query, score_pair
from ictd.matching.features import _date_verdict, dob_verdicts
from ictd.matching.record import Prepared
from ictd.model.value import DateValue, parse_date


def _features(query: dict[str, Any], record: dict[str, Any]) -> dict[str, float]:
    q = Query(id="q", names=("Ayman al-Zawahiri",), **query)
    r = IndexRecord(
        subject_id=7, schema=record.pop("schema", "Person"), names=("Ayman al-Zawahiri",), **record
    )
    return {f.feature: f.value for f in score_pair(q, r).explanation}


@pytest.mark.parametrize(
    ("query_date", "record_dates", "feature"),
    [
        ("1951-06-19", ("1951-06-19",), "dob_day_match"),
        ("1951-06", ("1951-06-19",), "dob_month_match"),
        ("1951", ("1951-06-19",), "dob_year_match"),
        ("1950/1955", ("1951-06-19",), "dob_range_match"),
        ("1951-19-06".replace("19-06", "06-19"), ("1951-06-19", "1960"), "dob_day_match"),
        ("1951-03-04", ("1951-04-03",), "dob_day_month_swapped"),
        ("1951-02-01", ("1951-06-19",), "dob_day_mismatch"),
        ("1952", ("1951-06-19",), "dob_year_near"),
        ("1975", ("1951-06-19",), "dob_year_mismatch"),
    ],
)
def test_birth_date_by_precision(
    query_date: str, record_dates: tuple[str, ...], feature: str
) -> None:
    found = _features({"birth_date": query_date}, {"birth_dates": record_dates})
    assert feature in found
    assert (found[feature] > 0) == (
        feature.endswith(("match", "swapped")) and "mismatch" not in feature
    )


def test_finer_date_agreement_weighs_more() -> None:
    assert WEIGHTS["dob_day_match"] > WEIGHTS["dob_month_match"] > WEIGHTS["dob_year_match"]


def test_nationality_and_gender() -> None:
    assert (
        _features({"nationalities": ("EG",)}, {"nationalities": ("EG", "PK")})["nationality_match"]
        == 1.0
    )
    assert (
        _features({"nationalities": ("FR",)}, {"nationalities": ("EG",)})["nationality_mismatch"]
        == -1.0
    )
    assert _features({"gender": "male"}, {"gender": "male"})["gender_match"] == 1.0
    assert _features({"gender": "F"}, {"gender": "male"})["gender_mismatch"] == -1.0


def test_identifiers() -> None:
    held = (Identifier("A-123 456", "EG", "passportNumber"),)
    same = {"identifiers": (Identifier("a123456"),)}
    assert _features(same, {"identifiers": held})["identifier_match"] == 1.0
    other = {"identifiers": (Identifier("B999", "EG", "passportNumber"),)}
    assert _features(other, {"identifiers": held})["identifier_mismatch"] == -1.0
    wrong_country = {"identifiers": (Identifier("A123456", "FR"),)}
    assert "identifier_match" not in _features(wrong_country, {"identifiers": held})


def test_schema_compatibility() -> None:
    assert "schema_mismatch" in _features({"schema": "Organization"}, {})
    assert "schema_mismatch" not in _features({"schema": "Company"}, {"schema": "Organization"})


def test_agreeing_evidence_raises_and_conflicting_lowers() -> None:
    record = IndexRecord(1, "Person", ("Ivan Petrov",), ("1970-01-02",), ("RU",), "male")
    base = score_pair(Query("q", names=("Ivan Petrov",)), record).score
    agree = score_pair(
        Query("q", names=("Ivan Petrov",), birth_date="1970-01-02", nationalities=("RU",)), record
    ).score
    conflict = score_pair(
        Query("q", names=("Ivan Petrov",), birth_date="1988", gender="female"), record
    ).score
    assert conflict < base < agree


def test_explanation_details_are_readable() -> None:
    record = IndexRecord(1, "Person", ("Muhammad Yusuf",), ("1981",))
    match = score_pair(Query("q", names=("Mohammed Yousef",), birth_date="1975"), record)
    details = {f.feature: f.detail for f in match.explanation}
    assert "'mohammed'~'muhammad'" in details["name_match"]
    assert "skeleton mhmd" in details["name_match"]
    assert details["dob_year_mismatch"] == "1975 vs 1981"


def test_query_validation() -> None:
    from ictd.exc import InvalidInput

    with pytest.raises(InvalidInput) as caught:
        Query("q", names=(" ",), birth_date="19751")
    assert {e.field for e in caught.value.errors} == {"names", "birth_date"}


_NAMES = st.text(
    alphabet=list("abdehiklmnorsuy -,") + list("محمدعبالرن") + list("ивнпетро"),
    min_size=1,
    max_size=25,
)
_DATES = st.one_of(
    st.none(), st.sampled_from(["1970", "1970-05", "1970-05-06", "1960/1980", "1999"])
)


@given(_NAMES, _NAMES, _DATES, _DATES)
def test_score_is_a_probability(a: str, b: str, qd: str | None, rd: str | None) -> None:
    if not a.strip():
        return
    record = IndexRecord(1, "Person", (b,), (rd,) if rd else ())
    score = score_pair(Query("q", names=(a,), birth_date=qd), record).score
    assert 0.0 <= score <= 1.0


@given(
    st.lists(
        st.sampled_from(
            [
                "ayman",
                "omar",
                "zawahiri",
                "petrov",
                "baghdadi",
                "nasrallah",
                "hafiz",
                "saeed",
                "mullah",
            ]
        ),
        min_size=2,
        max_size=4,
        unique=True,
    )
)
def test_identity_scores_above_threshold(words: list[str]) -> None:
    name = " ".join(words)
    record = IndexRecord(1, "Person", (name,), ("1970-05-06",))
    match = score_pair(Query("q", names=(name.upper(),), birth_date="1970-05-06"), record)
    assert match.score >= DEFAULT_THRESHOLD
    assert match.score > 0.8  # calibrated: one common given name and a birth date is not 0.9


@given(_NAMES)
def test_score_ignores_case_spacing_and_diacritics(a: str) -> None:
    if not a.strip():
        return
    record = IndexRecord(1, "Person", ("Mohammed Abdel Rahman",))
    plain = score_pair(Query("q", names=(a,)), record).score
    assert score_pair(Query("q", names=(f"  {a.upper()}  ",)), record).score == plain
    accented = a.replace("e", "é").replace("o", "ö")
    assert score_pair(Query("q", names=(accented,)), record).score == plain


def _date_verdict_reference(q: DateValue, r: DateValue) -> tuple[str, float]:
    """The birth-date verdict as first written (a set of the two precisions)."""
    precisions = {q.precision, r.precision}
    if q.earliest <= r.latest and r.earliest <= q.latest:
        if precisions == {"day"}:
            return ("dob_day_match", 1.0)
        if "range" in precisions:
            return ("dob_range_match", 1.0)
        if "year" in precisions:
            return ("dob_year_match", 1.0)
        return ("dob_month_match", 1.0)
    a, b = q.earliest, r.earliest
    if precisions == {"day"} and a.year == b.year and (a.day, a.month) == (b.month, b.day):
        return ("dob_day_month_swapped", 1.0)
    if q.latest < r.earliest:
        gap = r.earliest.year - q.latest.year
    else:
        gap = q.earliest.year - r.latest.year
    if gap == 0:
        return ("dob_day_mismatch", -1.0)
    if gap == 1:
        return ("dob_year_near", -1.0)
    return ("dob_year_mismatch", -min(1.0, 0.6 + 0.1 * gap))


_DATES = [
    "1970", "1971", "1975", "1970-03", "1970-12", "1971-01", "1970-03-12", "1970-12-03",
    "1970-03-13", "1971-03-12", "1969-12-31", "1970-01-01", "1968/1972", "1971/1973",
    "1980/1985", "1970-03-12/1970-04-01",
]  # fmt: skip


@pytest.mark.parametrize("ours", _DATES)
def test_birth_date_verdicts_equal_the_reference(ours: str) -> None:
    for theirs in _DATES:
        q, r = parse_date(ours), parse_date(theirs)
        assert _date_verdict(q, r) == _date_verdict_reference(q, r), (ours, theirs)
        query = Prepared(schema="Person", names=(), birth_dates=(q,))
        record = Prepared(schema="Person", names=(), birth_dates=(r,))
        # one pair each side: no choosing among pairs
        assert dob_verdicts(query, record) == [_date_verdict_reference(q, r)]
