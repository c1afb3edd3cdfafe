"""Parts a query leaves out, and slips in the ``abd`` word: what a short or misspelt query of
a listed name scores against it, and what another person's name still scores."""

from __future__ import annotations

import pytest

from ictd.matching import DEFAULT_THRESHOLD, IndexRecord, Query, score_pair
from ictd.matching.compare import (
    DROPPED_MIDDLE_WEIGHT,
    FULL_CREDIT,
    MIDDLE_WEIGHT,
    align,
    part_similarity,
)
from ictd.matching.name import make_part, normalize_name, parse_name


def _score(query: str, *names: str) -> float:
    return score_pair(Query("q", names=(query,)), IndexRecord(1, "Person", names)).score


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Karim Haddad", "Karim Ben Youssef Ben Salah Haddad"),
        ("Omar Tikriti", "Omar Sabawi Ibrahim Hasan al-Tikriti"),
        ("Yasin Baynah", "Yasin Amin Muhammad Ali Baynah"),
        ("Kang Su", "Kang Chol Su"),
    ],
)
def test_listed_middle_names_the_query_leaves_out_weigh_little(query: str, listed: str) -> None:
    # under the threshold while every unmatched middle part counted MIDDLE_WEIGHT
    assert _score(query, listed) >= DEFAULT_THRESHOLD


def test_another_middle_name_in_their_place_still_conflicts() -> None:
    left_out = _score("Ahmad Rahmani", "Ahmad Hasan Rahmani")
    other = _score("Ahmad Karim Rahmani", "Ahmad Hasan Rahmani")
    assert other < DEFAULT_THRESHOLD < left_out


def test_a_middle_name_only_the_query_writes_keeps_its_share() -> None:
    # against a listed person's short alias, a longer query is more often someone else
    assert _score("Ahmad Hasan Rahmani", "Ahmad Rahmani") < _score(
        "Ahmad Rahmani", "Ahmad Hasan Rahmani"
    )


def _candidate_coverage(query: str, listed: str) -> float:
    return align(parse_name(query)[0], parse_name(listed)[0]).candidate_coverage


def test_the_share_applies_only_when_every_query_part_agrees_well() -> None:
    # hoda ~ suda is a partner, but not a spelling of one name: walid keeps MIDDLE_WEIGHT
    weak = _candidate_coverage("Suda Maghribi", "Hoda Walid Maghribi")
    sure = _candidate_coverage("Hoda Maghribi", "Hoda Walid Maghribi")
    credit = part_similarity(make_part("suda"), make_part("hoda")) / FULL_CREDIT
    assert credit < 1.0
    assert sure == pytest.approx(2 / (2 + DROPPED_MIDDLE_WEIGHT))
    assert weak == pytest.approx((credit + 1) / (2 + MIDDLE_WEIGHT))
    assert _score("Suda Maghribi", "Hoda Walid Maghribi") < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("misspelt", "written"),
    [
        ("Adbul Quddus Mazhari", "Abdul Quddus Mazhari"),
        ("Abduul Rahim Baaysir", "Abdul Rahim Baaysir"),
        ("Mohammad Andul Jalil Haqqani", "Mohammad Abdul Jalil Haqqani"),
        ("Barkalla Aboel Rahman", "Barkalla Abdel Rahman"),
    ],
)
def test_a_slip_in_the_abd_word_reads_as_the_compound(misspelt: str, written: str) -> None:
    assert normalize_name(misspelt) == normalize_name(written)


@pytest.mark.parametrize(
    ("raw", "org", "expected"),
    [
        ("Adel Hamdi", None, "adel hamdi"),  # four letters: a name, not a slip
        ("Abel Karim", None, "abel karim"),
        ("Muhammad Abduh", None, "muhammad abduh"),  # nothing after it to join
        ("Abdull Hussain", None, "abdull hussain"),  # Abdulla cut short, not a slip
        ("Andul Trading", True, "andul trading"),  # never in an organisation's name
    ],
)
def test_names_near_the_abd_word_stay(raw: str, org: bool | None, expected: str) -> None:
    assert normalize_name(raw, org) == expected


def test_a_misspelt_abd_word_finds_its_listed_name() -> None:
    assert _score("ADBUL QDDUS MAZHARI", "ABDUL QUDDUS MAZHARI") >= DEFAULT_THRESHOLD
