"""Write a rule's syntax tree back as text, in one canonical spelling.

``parse_rule(format_rule(node)) == node`` for every tree the parser makes (columns aside):
nested ``and``/``or`` keep their parentheses, strings are quoted with ``\\"`` and ``\\\\``.
"""

from __future__ import annotations

from datetime import date

from ictd.border.rules.syntax import (
    And,
    Between,
    Compare,
    Contains,
    Flag,
    InList,
    Literal,
    Missing,
    Node,
    Not,
    Or,
)

__all__ = ["format_condition", "format_literal", "format_rule"]


def format_literal(value: Literal) -> str:
    """A value as the rule language writes it: ``"TR"``, ``35``, ``2025-01-31``, ``true``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | date):
        return str(value)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_condition(node: Node) -> str:
    """One condition (a leaf of the tree) as text."""
    if isinstance(node, Compare):
        return f"{node.field} {node.op} {format_literal(node.value)}"
    if isinstance(node, Between):
        low, high = format_literal(node.low), format_literal(node.high)
        return f"{node.field} between {low} and {high}"
    if isinstance(node, InList):
        keyword = "not in" if node.negated else "in"
        return f"{node.field} {keyword} [{', '.join(format_literal(v) for v in node.values)}]"
    if isinstance(node, Contains):
        return f"{node.field} contains {format_literal(node.value)}"
    if isinstance(node, Missing):
        return f"{node.field} is {'not ' if node.negated else ''}missing"
    if isinstance(node, Flag):
        return node.field
    return format_rule(node)


def format_rule(node: Node) -> str:
    """The whole rule as text.

    >>> from ictd.border.rules.parser import parse_rule
    >>> format_rule(parse_rule('not (a==1 or b  in ["x"])'))
    'not (a == 1 or b in ["x"])'
    """
    if isinstance(node, Not):
        inner = format_rule(node.item)
        return f"not ({inner})" if isinstance(node.item, And | Or) else f"not {inner}"
    if isinstance(node, And):
        return " and ".join(_wrapped(item, (And, Or)) for item in node.items)
    if isinstance(node, Or):
        return " or ".join(_wrapped(item, (Or,)) for item in node.items)
    return format_condition(node)


def _wrapped(node: Node, kinds: tuple[type, ...]) -> str:
    text = format_rule(node)
    return f"({text})" if isinstance(node, kinds) else text
