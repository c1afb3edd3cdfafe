"""The blanket refusal of control characters in what reaches a service over HTTP.

Every string of a request — path and query parameters, each string (and key) of a JSON
body, each field of a posted form — is checked with ``ictd.model.text.text_problem``
before a service sees it: NUL, C0 and C1 control characters and unpaired surrogates are
refused everywhere, tab, newline and carriage return everywhere but in multi-line fields.
The services check their own fields again (names, bidirectional controls, invisible names)
with the same field paths, for the CLI and file imports, which have no HTTP edge.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from starlette.requests import Request

from ictd.exc import FieldError, InvalidInput
from ictd.model.text import text_problem

__all__ = [
    "MULTILINE_KEYS",
    "is_plain_json",
    "json_strings",
    "parameter_strings",
    "refuse_control_characters",
]

MULTILINE_KEYS = frozenset(
    {"value", "notes", "note", "legal_basis", "reason", "address", "mrz"}
    | {"summary", "evidence", "answer", "reasons", "disclosure_note"}
)
"""JSON keys whose strings may span lines (a statement's ``value``: its property decides)."""


def is_plain_json(raw: bytes) -> bool:
    """True when no string of the JSON document ``raw`` (object keys included) can hold a
    character that ``refuse_control_characters`` refuses, so that its strings need not be
    walked: its text, decoded as ``json.loads`` decodes bytes, holds no such character and
    no backslash. Without a backslash there is no escape (``\\u0000``, ``\\n``), and every
    string of the document is a piece of that text. False for anything else (white space
    between tokens included, as in an indented body): its strings are walked one by one."""
    try:
        text = raw.decode(json.detect_encoding(raw), "surrogatepass")
    except (UnicodeDecodeError, LookupError):
        return False
    if "\\" in text or _line_problem(text):
        return False
    return text_problem(text, multiline=True) is None


def json_strings(data: Any) -> Iterator[tuple[str, str, bool]]:
    """``(field path, text, may span lines)`` for every string in parsed JSON ``data``,
    object keys included (named by the object's path): ``queries.0.names.2``. Iterative,
    so that no nesting depth the JSON parser accepts can exhaust the stack."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            yield path or "body", value, path.rpartition(".")[2] in MULTILINE_KEYS
        elif isinstance(value, dict):
            for key, item in value.items():
                yield path or "body", str(key), False
                stack.append((f"{path}.{key}" if path else str(key), item))
        elif isinstance(value, list):
            stack.extend((f"{path}.{i}" if path else str(i), v) for i, v in enumerate(value))


def parameter_strings(request: Request) -> Iterator[tuple[str, str, bool]]:
    """``(name, text, False)`` for each path and query parameter: all single-line."""
    for name, value in request.path_params.items():
        if isinstance(value, str):
            yield name, value, False
    for name, value in request.query_params.multi_items():
        yield name, value, False


def refuse_control_characters(items: Iterable[tuple[str, str, bool]]) -> None:
    """Raise ``InvalidInput`` naming every field whose text holds a control character;
    each item is ``(field, text, may span lines)``."""
    errors: list[FieldError] = []
    for name, text, multiline in items:
        problem = text_problem(text, multiline=True)
        if problem is None and not multiline:
            problem = _line_problem(text)
        if problem:
            errors.append(FieldError(name, problem))
    if errors:
        first = errors[0]
        raise InvalidInput(f"invalid request: {first.field}: {first.message}", errors)


def _line_problem(text: str) -> str | None:
    """Tab or a line break in a single-line field (bidirectional controls are the services'
    to judge: only names and single-line values refuse them)."""
    for char in "\t\n\r":
        if char in text:
            return text_problem(char)
    return None
