"""Tokens of the risk-rule language, each with the column (from 1) where it starts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ictd.exc import InvalidInput

__all__ = ["KEYWORDS", "Token", "rule_error", "tokenize_rule"]

KEYWORDS = frozenset(
    {"and", "or", "not", "in", "between", "true", "false", "is", "missing", "contains"}
)
_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<date>\d{4}-\d{2}-\d{2}(?![\w.-]))
  | (?P<int>-?\d+(?![\w.]))
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
  | (?P<string>"(?:[^"\\\n]|\\["\\])*")
  | (?P<op>==|!=|<=|>=|<|>)
  | (?P<punct>[()\[\],])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Token:
    """``kind`` is ``name``, ``keyword``, ``string``, ``int``, ``date``, ``op``, ``punct`` or
    ``end``; ``text`` the token as written (strings unquoted)."""

    kind: str
    text: str
    column: int


def rule_error(column: int, message: str) -> InvalidInput:
    """The error of a rule that cannot be read: ``source`` at ``column``."""
    return InvalidInput.field("source", f"column {column}: {message}")


def tokenize_rule(source: str) -> list[Token]:
    """Split rule text into tokens; raises ``InvalidInput`` at the first character that
    starts no token."""
    tokens: list[Token] = []
    pos, n = 0, len(source)
    while pos < n:
        found = _TOKEN.match(source, pos)
        if found is None:
            ch = source[pos]
            hint = "; compare with ==" if ch == "=" else ""
            if ch == '"':
                raise rule_error(pos + 1, "string not closed (or a bad \\ escape)")
            raise rule_error(pos + 1, f"unexpected {ch!r}{hint}")
        kind = found.lastgroup or ""
        text = found.group()
        if kind == "string":
            text = text[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        elif kind == "name" and text in KEYWORDS:
            kind = "keyword"
        if kind != "space":
            tokens.append(Token(kind, text, pos + 1))
        pos = found.end()
    tokens.append(Token("end", "", n + 1))
    return tokens
