"""Words of a name that lists write around it: the Korean syllable ``Il`` (not an article),
generational suffixes, numbers and South Asian titles."""

from __future__ import annotations

import pytest

from ictd.matching import DEFAULT_THRESHOLD, IndexRecord, Query, score_pair
from ictd.matching.name import normalize_name


def _score(query: str, record: str, schema: str = "Person") -> float:
    q = Query("q", names=(query,), schema=schema)
    return score_pair(q, IndexRecord(1, schema, (record,))).score


@pytest.mark.parametrize(
    ("raw", "org", "expected"),
    [
        ("Kim Il Sung", None, "kim il sung"),  # a Korean syllable, not the article
        ("Pak Il-Gyu", False, "pak il gyu"),
        ("Abd il-Aziz", None, "abdaziz"),  # after ``abd`` it is still the article
        ("Hilarion Del Rosario Santos, III (third)", None, "hilarion del rosario santos"),
        ("Juan Cruz Jr.", False, "juan cruz"),
        ("Mohammad Ishaq Akhund 1963", False, "mohammad ishaq akhund"),
        ("Unit 8200", True, "unit 8200"),  # numbers stay in organisation names
        ("Unit 8200", None, "unit 8200"),  # and when the kind is unknown
        ("Madani Saheb", None, "madani"),
        ("Qari Saifullah", None, "saifullah"),
        ("Haji Sahib", None, "haji sahib"),  # titles alone are kept
    ],
)
def test_name_words(raw: str, org: bool | None, expected: str) -> None:
    assert normalize_name(raw, org) == expected


@pytest.mark.parametrize(
    ("query", "record"),
    [
        ("Hyon Gwang Il", "HYON KWANG IL"),
        ("Pak Il-Gyu", "PAK IL GYU"),
        ("Hilarion Rosario Santos III", "HILARION ROSARIO SANTOS"),
        ("Qari Saifullah Tokhi", "SAIFULLAH TOKHI"),
        ("Mohammad Ishaq Akhund 1963", "MOHAMMAD ISHAQ AKHUND"),
    ],
)
def test_same_person_matches(query: str, record: str) -> None:
    assert _score(query, record) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "record"),
    [
        ("Kim Jong Il", "KIM JONG"),  # ``Il`` was dropped: both were ``kim jong``
        ("Pak Il Gyu", "PAK CHOL GYU"),
        ("Juan Cruz Jr.", "JUAN CRUZ SANTOS"),
    ],
)
def test_other_person_does_not_match(query: str, record: str) -> None:
    assert _score(query, record) < DEFAULT_THRESHOLD


def test_il_counts_as_a_part() -> None:
    # the full name ranks above the name without its ``Il`` (which scored the same before)
    assert _score("Kim Il Sung", "KIM IL SONG") > _score("Kim Il Sung", "KIM SUNG")


def test_numbers_in_organisation_names_still_count() -> None:
    assert _score("Brigade 313", "BRIGADE 777", "Organization") < DEFAULT_THRESHOLD
