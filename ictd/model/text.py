"""Which characters a stored text may hold, and the range of record ids and cursors.

One rule for every edge (API, console, CLI, file imports), so each refuses the same input
with the same field path:

- **control characters** (Unicode ``Cc``: NUL, C0, DEL, C1) are refused everywhere, except
  tab, newline and carriage return in multi-line text (notes, addresses, legal basis,
  reasons); unpaired surrogates are refused everywhere (they cannot be encoded);
- **bidirectional overrides and isolates** (U+202A–U+202E, U+2066–U+2069) are refused in
  names and in every single-line value (identifiers, codes, references), where they can make
  one string display as another; multi-line free text keeps them, since mixed Arabic and
  Latin prose uses isolates legitimately;
- a **name without a visible character** (only spaces and format characters such as
  U+200B ZERO WIDTH SPACE, or the blank Hangul fillers) is refused; a format character
  inside a name (U+200C ZERO WIDTH NON-JOINER in Persian) is kept.

``strip_unsafe`` removes what the first two rules refuse, for imported source data.
Ids are positive 64-bit integers (``is_id``) and cursors 0 or more (``is_cursor``): what
both databases store.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Collection, Mapping
from typing import Any

from ictd.exc import ErrorCollector, InvalidInput

__all__ = [
    "MAX_ID",
    "check_texts",
    "is_cursor",
    "is_id",
    "is_invisible",
    "json_object_line",
    "name_problem",
    "strip_unsafe",
    "text_problem",
]

MAX_ID = 2**63 - 1
"""The largest id or cursor: a signed 64-bit integer, as both databases store it."""

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff"
_LINE_BREAKS = "\t\n\r"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_IN_MULTILINE = re.compile(f"[{_CONTROL}]")
_IN_LINE = re.compile(f"[{_CONTROL}{_LINE_BREAKS}{_BIDI}]")
_UNSAFE = re.compile(f"[{_CONTROL}{_BIDI}]")
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")  # Hangul fillers: letters, drawn blank


def is_id(value: int) -> bool:
    """True for a possible record id: 1 to ``MAX_ID``."""
    return 1 <= value <= MAX_ID


def is_cursor(value: int) -> bool:
    """True for a possible paging cursor or event sequence number: 0 to ``MAX_ID``."""
    return 0 <= value <= MAX_ID


def _describe(char: str) -> str:
    point = f"U+{ord(char):04X}"
    if char in _LINE_BREAKS:
        return f"a line break or tab ({point}): give a single line"
    category = unicodedata.category(char)
    if category == "Cs":
        return f"an unpaired surrogate ({point})"
    if category == "Cc":
        return f"a control character ({point})"
    return f"a bidirectional override or isolate ({point})"


def text_problem(text: str, multiline: bool = False) -> str | None:
    """Why ``text`` cannot be stored, or ``None``. Single-line text (the default) also
    refuses tab, newline, carriage return and bidirectional controls."""
    found = (_IN_MULTILINE if multiline else _IN_LINE).search(text)
    return f"contains {_describe(found.group())}" if found else None


def is_invisible(text: str) -> bool:
    """True when ``text`` has no visible character: only spaces and format characters."""
    return all(
        char.isspace() or char in _BLANK_LETTERS or unicodedata.category(char) == "Cf"
        for char in text
    )


def name_problem(text: str) -> str | None:
    """Why ``text`` cannot be a name, or ``None``: the single-line rule, and something
    visible. (An empty name is the caller's to refuse, with its own message.)"""
    problem = text_problem(text)
    if problem is None and text.strip() and is_invisible(text):
        return "has no visible character (only spaces or zero-width characters)"
    return problem


def strip_unsafe(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` without control characters (tab and line breaks are kept), unpaired
    surrogates and bidirectional controls, and the code points removed (``U+202E``)."""
    removed = _UNSAFE.findall(text)
    if not removed:
        return text, ()
    points = tuple(sorted({f"U+{ord(c):04X}" for c in removed}))
    return _UNSAFE.sub("", text), points


def check_texts(
    errors: ErrorCollector, values: Mapping[str, object], multiline: Collection[str] = ()
) -> bool:
    """Add a field error for each string of ``values`` (field path → value; lists are
    checked item by item as ``path.N``) that ``text_problem`` refuses; the fields named in
    ``multiline`` may span lines. False when one was found."""
    start = len(errors.errors)
    for name, value in values.items():
        items = list(enumerate(value)) if isinstance(value, list | tuple) else [(None, value)]
        for i, item in items:
            problem = text_problem(item, name in multiline) if isinstance(item, str) else None
            if problem:
                errors.add(name if i is None else f"{name}.{i}", problem)
    return len(errors.errors) == start


def json_object_line(text: str, line: int) -> dict[str, Any]:
    """One line of a JSON-lines file as an object; ``InvalidInput`` names the line (field
    ``line N``) when it is not JSON or not an object."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InvalidInput.field(f"line {line}", f"not JSON: {err.msg}") from None
    if not isinstance(data, dict):
        raise InvalidInput.field(f"line {line}", "each line must be a JSON object")
    return data
