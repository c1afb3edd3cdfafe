"""EDIFACT syntax (``ictd.border.edifact``): UNA, release characters, positions, repertoires."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ictd.border.edifact import Delimiters, decode_interchange, tokenize
from ictd.border.edifact_writer import write_segment
from ictd.exc import InvalidInput


def _fields(exc: pytest.ExceptionInfo[InvalidInput]) -> list[tuple[str, str]]:
    return [(e.field, e.message) for e in exc.value.errors]


def test_default_delimiters_and_positions() -> None:
    delims, segments = tokenize("UNB+UNOA:4+A+B+240101:1200+1'\nUNH+1+X'\nUNZ+0+1'")
    assert delims == Delimiters()
    assert [(s.tag, s.number, s.line) for s in segments] == [
        ("UNB", 1, 1),
        ("UNH", 2, 2),
        ("UNZ", 3, 3),
    ]
    assert segments[0].value(0, 1) == "4"
    assert segments[0].value(9) == ""  # absent elements read as empty
    assert segments[1].where == "segment 2 (UNH)"


def test_una_sets_the_service_characters() -> None:
    text = 'UNA*~,! "UNB~UNOA*4~A~B~240101*1200~1"NAD~FL~~~O!"NEILL*MARY"UNZ~0~1"'
    delims, segments = tokenize(text)
    assert (delims.component, delims.element, delims.release, delims.terminator) == (
        "*", "~", "!", '"'
    )  # fmt: skip
    assert segments[1].elements[3] == ('O"NEILL', "MARY")


def test_release_characters() -> None:
    _, segments = tokenize("UNB+UNOA:4+A+B+240101:1200+1'FTX+AAA+++A?+B?:C??D?'E'UNZ+0+1'")
    assert segments[1].value(3) == "A+B:C?D'E"
    assert [s.tag for s in segments] == ["UNB", "FTX", "UNZ"]


def test_a_double_release_before_the_terminator_ends_the_segment() -> None:
    _, segments = tokenize("UNB+UNOA:4+A+B+240101:1200+1'FTX+AAA+++X??'UNZ+0+1'")
    assert segments[1].value(3) == "X?"


def test_release_character_at_the_end_leaves_the_last_segment_unterminated() -> None:
    with pytest.raises(InvalidInput) as exc:
        tokenize("UNB+UNOA:4+A+B+240101:1200+1'UNZ+0+1?'")
    assert _fields(exc) == [("segment 2 (UNZ)", "release character ? before the last terminator")]


def test_release_character_before_an_ordinary_character() -> None:
    with pytest.raises(InvalidInput) as exc:
        tokenize("UNB+UNOA:4+A+B+240101:1200+1'NAD+FL+++O?NEILL'UNZ+0+1'")
    assert exc.value.errors[0].field == "segment 2 (NAD)"
    assert "release character ? before 'N'" in exc.value.errors[0].message


def test_unterminated_and_untagged_segments() -> None:
    with pytest.raises(InvalidInput) as exc:
        tokenize("UNB+UNOA:4+A+B+240101:1200+1'UNZ+0+1")
    assert _fields(exc) == [("segment 2 (UNZ)", "'UNZ+0+1' is not terminated")]
    with pytest.raises(InvalidInput) as exc:
        tokenize("UNB+UNOA:4+A+B+240101:1200+1'\nnad+FL'")
    assert exc.value.errors[0].field == "segment 2"
    assert "line 2" in exc.value.errors[0].message


def test_unob_uses_information_separators() -> None:
    text = "UNB\x1dUNOB\x1f4\x1dA\x1dB\x1d240101\x1f1200\x1d1\x1cNAD\x1dFL\x1d\x1d\x1dSmith\x1c"
    delims, segments = tokenize(text + "UNZ\x1d0\x1d1\x1c")
    assert delims.terminator == "\x1c"
    assert segments[1].value(3) == "Smith"


@pytest.mark.parametrize(
    ("syntax", "name", "bad"),
    [
        ("UNOA", "Smith", "m"),  # UNOA: upper case only
        ("UNOB", "Müller", "ü"),  # UNOB: ASCII
        ("UNOC", "Юсупов", "Ю"),  # UNOC: Latin-1
        ("UNOE", "Müller", "ü"),  # UNOE: ISO 8859-5 (Cyrillic)
    ],
)
def test_characters_outside_the_syntax_level_are_named(syntax: str, name: str, bad: str) -> None:
    text = f"UNB+{syntax}:4+A+B+240101:1200+1'NAD+FL+++{name}'UNZ+0+1'"
    with pytest.raises(InvalidInput) as exc:
        tokenize(text)
    assert _fields(exc) == [
        ("segment 2 (NAD)", f"NAD+FL: character {bad!r} is not allowed in syntax {syntax}")
    ]


@pytest.mark.parametrize(
    ("syntax", "name"), [("UNOC", "Müller"), ("UNOE", "Юсупов"), ("UNOY", "الظواهري")]
)
def test_characters_of_the_syntax_level_pass(syntax: str, name: str) -> None:
    _, segments = tokenize(f"UNB+{syntax}:4+A+B+240101:1200+1'NAD+FL+++{name}'UNZ+0+1'")
    assert segments[1].value(3) == name


def test_unsupported_syntax() -> None:
    with pytest.raises(InvalidInput, match="UNOX"):
        tokenize("UNB+UNOX:4+A+B+240101:1200+1'UNZ+0+1'")


def test_decode_follows_the_syntax_named_in_unb() -> None:
    text = "UNB+UNOC:4+A+B+240101:1200+1'NAD+FL+++LEFÈVRE'UNZ+0+1'"
    assert decode_interchange(text.encode("latin-1")) == text
    text = "UNB+UNOY:4+A+B+240101:1200+1'NAD+FL+++ХАДДАД'UNZ+0+1'"
    assert decode_interchange(text.encode("utf-8")) == text
    with pytest.raises(InvalidInput, match="byte"):
        decode_interchange("UNB+UNOA:4+A+B'NAD+FL+++É'".encode("latin-1"))


_TEXT = st.text(alphabet=st.characters(codec="latin-1", exclude_characters="\r\n"), max_size=12)


@given(st.lists(st.lists(_TEXT, min_size=1, max_size=3), min_size=1, max_size=5))
def test_written_segments_read_back(elements: list[list[str]]) -> None:
    """Whatever the writer escapes, the tokenizer restores (UNOC repertoire)."""
    body = write_segment("FTX", *[tuple(e) for e in elements])
    text = "UNB+UNOC:4+A+B+240101:1200+1'" + body + "UNZ+0+1'"
    _, segments = tokenize(text)
    got = segments[1].elements
    for want, have in zip(elements, got, strict=False):
        trimmed = list(want)
        while trimmed and not trimmed[-1]:
            trimmed.pop()
        assert list(have)[: len(trimmed)] == trimmed


@given(st.text(max_size=200))
def test_tokenize_fails_only_with_invalid_input(text: str) -> None:
    with contextlib.suppress(InvalidInput):
        tokenize(text)
