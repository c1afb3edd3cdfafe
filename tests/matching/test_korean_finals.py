"""A Korean syllable with a final consonant against one without is another syllable (issue
#18, round 21): 훈 ``hun`` is not 호 ``ho``. The names are made up to show the rule."""

from __future__ import annotations

import pytest

from ictd.matching import IndexRecord, Query
from ictd.matching.scorer import score_pair
from ictd.matching.syllables import different_syllable


def _score(query: str, name: str) -> float:
    record = IndexRecord(1, "Person", (name,))
    return score_pair(Query("q", names=(query,), schema="Person"), record).score


@pytest.mark.parametrize(("a", "b"), [("jihun", "jiho"), ("minho", "miho"), ("seojin", "seoji")])
def test_a_final_against_none_is_another_syllable(a: str, b: str) -> None:
    assert different_syllable(a, b, korean=True)


@pytest.mark.parametrize(
    ("a", "b"), [("jihun", "jihoon"), ("seongmin", "sungmin"), ("hyunwoo", "hyeonu")]
)
def test_spellings_of_one_final_are_alike(a: str, b: str) -> None:
    assert not different_syllable(a, b, korean=True)


def test_another_given_name_beside_one_family_name() -> None:
    assert _score("강민호", "Kang Miho") < 0.5  # 0.67 before the rule
    assert _score("한서진", "Han Seoji") < 0.5
    assert _score("강민호", "Kang Minho") > 0.5
    assert _score("윤지훈", "Yoon Jihoon") > 0.5
