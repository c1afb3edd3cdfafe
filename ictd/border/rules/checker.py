"""Type checking of a parsed rule: known fields, operators that suit them, values of their type.

``check_rule`` raises ``InvalidInput`` with one field error (``source``) per fault, each
starting with the column of the condition at fault.
"""

from __future__ import annotations

import difflib
from datetime import date

from ictd.border.rules.fields import FIELDS
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
from ictd.exc import ErrorCollector

__all__ = ["check_rule", "type_of"]

_ORDERED = frozenset({"number", "date"})
_OPS = {
    "text": frozenset({"==", "!="}),
    "yes/no": frozenset({"==", "!="}),
    "number": frozenset({"==", "!=", "<", "<=", ">", ">="}),
    "date": frozenset({"==", "!=", "<", "<=", ">", ">="}),
    "list": frozenset(),
}


def type_of(value: Literal) -> str:
    """The rule type of a literal: text, number, date or yes/no."""
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, int):
        return "number"
    if isinstance(value, date):
        return "date"
    return "text"


def check_rule(node: Node) -> None:
    """Raise ``InvalidInput`` listing every type fault of the rule."""
    errors = ErrorCollector()
    _check(node, errors)
    errors.raise_if_any("invalid rule")


def _field_type(name: str, column: int, errors: ErrorCollector) -> str | None:
    spec = FIELDS.get(name)
    if spec is None:
        close = difflib.get_close_matches(name, FIELDS, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        errors.add("source", f"column {column}: unknown field {name!r}{hint}")
        return None
    return spec.type


def _check(node: Node, errors: ErrorCollector) -> None:
    if isinstance(node, And | Or):
        for item in node.items:
            _check(item, errors)
        return
    if isinstance(node, Not):
        _check(node.item, errors)
        return
    kind = _field_type(node.field, node.column, errors)
    if kind is None or isinstance(node, Missing):
        return
    where = f"column {node.column}: {node.field}"
    if isinstance(node, Flag):
        if kind != "yes/no":
            errors.add("source", f"{where} is a {kind} field: compare it with a value")
    elif isinstance(node, Compare):
        if node.op not in _OPS[kind]:
            ops = " ".join(sorted(_OPS[kind]))
            use = "use in, not in or contains" if kind == "list" else f"use {ops}"
            errors.add("source", f"{where} is a {kind} field: {node.op} does not apply ({use})")
        _values(where, kind, (node.value,), errors)
    elif isinstance(node, Between):
        if kind not in _ORDERED:
            errors.add("source", f"{where} is a {kind} field: between needs a number or date")
        elif _values(where, kind, (node.low, node.high), errors) and node.low > node.high:  # type: ignore[operator]  # same type, checked
            errors.add("source", f"{where}: between {node.low} and {node.high} is empty")
    elif isinstance(node, InList):
        if kind == "yes/no":
            errors.add("source", f"{where} is a yes/no field: compare it with == true or false")
        _values(where, "text" if kind == "list" else kind, node.values, errors)
    elif isinstance(node, Contains):
        if kind != "list":
            errors.add("source", f"{where} is a {kind} field: contains needs a list field")
        _values(where, "text", (node.value,), errors)


def _values(where: str, kind: str, values: tuple[Literal, ...], errors: ErrorCollector) -> bool:
    """True when every value has the field's type (a list field holds texts)."""
    expected = "text" if kind == "list" else kind
    ok = True
    for value in values:
        found = type_of(value)
        if found != expected:
            errors.add("source", f"{where} is a {kind} field, not compared with a {found}")
            ok = False
    return ok
