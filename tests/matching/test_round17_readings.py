"""Readings of names in Arabic script against their Latin form (issue #18, round 17): the
Persian and Pashto ``-zada`` written apart. The pairs here are not the ones the rule was
found on."""

from __future__ import annotations

import pytest

from ictd.matching import IndexRecord, Query
from ictd.matching.name import parse_name
from ictd.matching.scorer import score_pair


def _score(query: str, *names: str) -> float:
    record = IndexRecord(1, "Person", names)
    return score_pair(Query("q", names=(query,), schema="Person"), record).score


def _parts(raw: str) -> list[tuple[str, ...]]:
    return [tuple(p.text for p in reading.parts) for reading in parse_name(raw)]


@pytest.mark.parametrize(
    ("apart", "joined"),
    [("Akhund Zada", "Akhundzada"), ("Kazem Zadeh", "Kazemzadeh"), ("Pir Zada", "Pirzada")],
)
def test_zada_written_apart_is_one_part_with_the_word_before(apart: str, joined: str) -> None:
    # "-zada" (son of) is written attached or as a word of its own, in Latin as in the script.
    assert _parts(apart) == _parts(joined)
    assert all(len(parts) == 1 for parts in _parts("آخوند زاده"))


def test_zada_apart_in_the_script_against_a_latin_spelling_of_another_vowel() -> None:
    # Compared part by part, "zade" alone found no partner and the name lost its last part.
    assert _score("عبدالغنی آخوند زاده", "Abdul Ghani Akhunzada") >= 0.5
