"""A list's notes written into a name (``(previously listed as)``, ``born in 1971``) are not
parts of the name; a name a note gives after a colon is a name of its own."""

from __future__ import annotations

import pytest

from ictd.matching import parse_name
from ictd.matching.rawtext import drop_notes


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tarek Bouzid (previously listed as)", "Tarek Bouzid"),
        ("Nadia Kerimova (birth name)", "Nadia Kerimova"),
        ("LE FAUCON (COMBAT NAME)", "LE FAUCON"),
        ("Rami Saadeh (nom de guerre)", "Rami Saadeh"),
        ("Yusuf Demirel born in 1971", "Yusuf Demirel"),
        ("Omar Fadel Harb, born 3 Mar. 1969 (passport no. 1234567)", "Omar Fadel Harb"),
        ("Selim Aydin, born in Izmir on 2 May 1975", "Selim Aydin"),
        ("NORTHERN TRADING HOUSE (KPE.044)", "NORTHERN TRADING HOUSE"),
        ("Pavel Orlov (original script: Павел Орлов)", "Pavel Orlov; Павел Орлов"),
    ],
)
def test_notes_are_left_out(raw: str, expected: str) -> None:
    assert drop_notes(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "Max Born",  # a family name, not a note of birth
        "Lena Born Weiss",
        "Dmitri Volkov (Wolkow)",  # another spelling in brackets: part of the name as written
        "Green Valley Holdings (Cyprus) Ltd",
        "(as)",
        "(birth name)",  # nothing of a name would be left
    ],
)
def test_what_is_not_a_note_stays(raw: str) -> None:
    assert drop_notes(raw) == raw


def test_a_noted_name_parses_as_the_name_alone() -> None:
    plain = parse_name("Tarek Bouzid", False)
    assert [n.parts for n in parse_name("Tarek Bouzid (previously listed as)", False)] == [
        n.parts for n in plain
    ]
    assert [p.text for p in parse_name("Yusuf Demirel born in 1971", False)[0].parts] == [
        "yusuf",
        "demirel",
    ]


def test_a_name_given_by_a_note_is_a_variant_of_its_own() -> None:
    texts = {n.text for n in parse_name("Pavel Orlov (original script: Ахмед Гасанов)", False)}
    assert "pavel orlov" in texts
    assert any("gasanov" in t or "hasanov" in t for t in texts)
