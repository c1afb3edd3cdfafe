"""Somali names in the official Somali orthography against their English spellings
(``ictd.matching.somali``, issue #18, round 17). The names are everyday Somali names, not
the benchmark's."""

from __future__ import annotations

import pytest

from ictd.matching import IndexRecord, Query
from ictd.matching.name import parse_name
from ictd.matching.scorer import score_pair
from ictd.matching.somali import is_somali_spelling, somali_reading


def _score(query: str, *names: str) -> float:
    record = IndexRecord(1, "Person", names)
    return score_pair(Query("q", names=(query,), schema="Person"), record).score


@pytest.mark.parametrize(
    ("somali", "english"),
    [("xaliimo", "halimo"), ("cumar", "umar"), ("jaamac", "jama"), ("nuur", "nur")],
)
def test_somali_letters_read_as_english_spellings_write_them(somali: str, english: str) -> None:
    assert somali_reading(somali) == english


def test_only_names_in_somali_orthography_get_the_reading() -> None:
    assert is_somali_spelling(["faadumo", "cali", "jaamac"])
    assert not is_somali_spelling(["xu", "ming"])  # pinyin x
    assert not is_somali_spelling(["alexander", "maximov"])
    assert not is_somali_spelling(["aaron", "smith"])
    assert not is_somali_spelling(["barwaaqo", "hawala", "services"])  # a soft English c
    assert [r.text for r in parse_name("Xu Ming")] == ["xu ming"]


@pytest.mark.parametrize(
    ("somali", "english"),
    [
        ("Faadumo Cali Jaamac", "Fadumo Ali Jama"),
        ("Cumar Xuseen Nuur", "Omar Hussein Nur"),
        ("Xaliimo Cabdi Warsame", "Halimo Abdi Warsame"),
    ],
)
def test_somali_orthography_meets_the_english_spelling(somali: str, english: str) -> None:
    # x for ħ and c for ʿayn share no letter with h and the vowel English writes there:
    # "Cumar Xuseen Nuur" met "Omar Hussein Nur" at 0.04.
    assert _score(somali, english) >= 0.8
    assert _score(english, somali) >= 0.8
