"""The characters a stored text may hold (``ictd.model.text``) and how ``clean_value``
applies them per property type."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ictd.exc import ErrorCollector
from ictd.model import PROPERTIES, clean_value
from ictd.model.text import (
    MAX_ID,
    check_texts,
    is_cursor,
    is_id,
    is_invisible,
    name_problem,
    strip_unsafe,
    text_problem,
)

BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
CONTROLS = [
    chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))
]


def test_ids_and_cursors_are_64_bit() -> None:
    assert MAX_ID == 9_223_372_036_854_775_807
    assert is_id(1) and is_id(MAX_ID)
    assert not is_id(0) and not is_id(MAX_ID + 1) and not is_id(-1)
    assert is_cursor(0) and is_cursor(MAX_ID) and not is_cursor(-1) and not is_cursor(MAX_ID + 1)


@pytest.mark.parametrize("char", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_every_control_character_is_refused_in_any_text(char: str) -> None:
    for multiline in (False, True):
        assert (
            text_problem(f"a{char}b", multiline)
            == f"contains a control character (U+{ord(char):04X})"
        )


@pytest.mark.parametrize("char", ["\t", "\n", "\r"])
def test_line_breaks_and_tab_only_in_multi_line_text(char: str) -> None:
    assert text_problem(f"a{char}b", multiline=True) is None
    assert "line break or tab" in str(text_problem(f"a{char}b"))


@pytest.mark.parametrize("char", BIDI, ids=lambda c: f"U+{ord(c):04X}")
def test_bidirectional_controls_are_refused_in_single_line_text_only(char: str) -> None:
    assert text_problem(f"a{char}b") == (
        f"contains a bidirectional override or isolate (U+{ord(char):04X})"
    )
    assert text_problem(f"a{char}b", multiline=True) is None


def test_an_unpaired_surrogate_is_refused() -> None:
    assert text_problem("a\udc80", multiline=True) == "contains an unpaired surrogate (U+DC80)"


@pytest.mark.parametrize(
    "name", ["\u200b", " \u200d\ufeff ", "\u2060\u00ad", "\u3164", "\u200c\u200c"]
)
def test_a_name_without_a_visible_character_is_refused(name: str) -> None:
    assert is_invisible(name)
    assert name_problem(name) == "has no visible character (only spaces or zero-width characters)"


@pytest.mark.parametrize("name", ["محمد\u200cرضا", "Jos\u00e9", "李\u200b明", "Ab", "\u0301a"])
def test_a_name_with_something_visible_passes(name: str) -> None:
    assert not is_invisible(name)
    assert name_problem(name) is None


def test_strip_unsafe_keeps_line_breaks_and_names_what_it_removed() -> None:
    assert strip_unsafe("Abu\u202e Bakr\x00\n\x85") == (
        "Abu Bakr\n",
        ("U+0000", "U+0085", "U+202E"),
    )
    assert strip_unsafe("plain\ttext") == ("plain\ttext", ())


@given(st.text())
def test_stripped_text_passes_the_multi_line_rule(text: str) -> None:
    clean, removed = strip_unsafe(text)
    assert text_problem(clean, multiline=True) is None
    assert (clean == text) is (not removed)


def test_check_texts_names_each_field_and_list_item() -> None:
    errors = ErrorCollector()
    values = {"a": "ok", "b": "x\x00", "c": ["fine", "y\n"], "notes": "p\nq", "n": None, "i": 3}
    assert not check_texts(errors, values, multiline=("notes",))
    assert [e.field for e in errors.errors] == ["b", "c.1"]


@pytest.mark.parametrize(
    ("prop", "value", "fragment"),
    [
        ("name", "Abu\tBakr", "line break or tab"),
        ("name", "Abu\nBakr", "line break or tab"),
        ("alias", "Abu\x00Bakr", "control character (U+0000)"),
        ("name", "Abu \u202eBakr", "bidirectional"),
        ("passportNumber", "A\u202d123", "bidirectional"),
        ("nationality", "I\u2066Q", "bidirectional"),
        ("name", "\u200b \u200b", "no visible character"),
        ("notes", "\u200b", "no visible character"),
        ("notes", "a\x00b", "control character"),
        ("address", "1 Main St\x1b", "control character"),
    ],
)
def test_clean_value_refuses_what_no_text_may_hold(prop: str, value: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=re.escape(fragment)):
        clean_value(PROPERTIES[prop], value)


@pytest.mark.parametrize(
    ("prop", "value", "stored"),
    [
        ("notes", "line one\r\nline two\tend", "line one line two end"),
        ("notes", "quoted \u2067مكة\u2069 here", "quoted \u2067مكة\u2069 here"),
        ("address", "1 Main St\nLondon", "1 Main St London"),
        ("alias", "محمد\u200cرضا", "محمد\u200cرضا"),
    ],
)
def test_clean_value_keeps_multi_line_text_and_joiners(prop: str, value: str, stored: str) -> None:
    assert clean_value(PROPERTIES[prop], value)[0] == stored
