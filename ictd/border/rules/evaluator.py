"""Compile a checked rule to Python closures once; evaluate them on ``Facts`` many times.

``CompiledRule.matches`` answers yes or no (a few microseconds); ``evaluate`` also says
*why*: the conditions that held and the traveller's values that made them hold. A value
that is not known (``None``) satisfies no condition but ``is missing``.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ictd.border.rules.checker import check_rule
from ictd.border.rules.fields import FIELDS, Facts, attribute_of
from ictd.border.rules.parser import parse_rule
from ictd.border.rules.printer import format_condition
from ictd.border.rules.syntax import (
    And,
    Between,
    Compare,
    Contains,
    Flag,
    InList,
    Missing,
    Node,
    Not,
    Or,
)

__all__ = ["CompiledRule", "FieldMatch", "RuleResult", "RuleSet", "compile_rule"]

Predicate = Callable[[Facts], bool]
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


@dataclass(frozen=True, slots=True)
class FieldMatch:
    """A condition that held: ``origin.country in ["TR", "SY"]`` because the value was TR.
    ``negated`` when it held by failing under a ``not``."""

    field: str
    condition: str
    value: Any
    negated: bool = False

    def to_dict(self) -> dict[str, Any]:
        value = self.value
        if isinstance(value, tuple):
            value = list(value)
        elif value is not None and not isinstance(value, str | int | bool):
            value = str(value)
        return {
            "field": self.field,
            "condition": self.condition,
            "value": value,
            "negated": self.negated,
        }


@dataclass(frozen=True, slots=True)
class RuleResult:
    matched: bool
    explanation: tuple[FieldMatch, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"matched": self.matched, "explanation": [m.to_dict() for m in self.explanation]}


def _fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def _leaf(node: Node) -> Predicate:
    get = operator.attrgetter(attribute_of(node.field))  # type: ignore[union-attr]  # leaves only
    kind = FIELDS[node.field].type  # type: ignore[union-attr]  # leaves only
    if isinstance(node, Missing):
        negated = node.negated
        return lambda f: (get(f) in (None, ())) != negated
    if isinstance(node, Flag):
        return lambda f: get(f) is True
    if isinstance(node, Compare):
        cmp, lit = _COMPARE[node.op], _fold(node.value)
        if kind == "text":
            return lambda f: (v := get(f)) is not None and cmp(v.casefold(), lit)
        return lambda f: (v := get(f)) is not None and cmp(v, lit)
    if isinstance(node, Between):
        low, high = node.low, node.high
        return lambda f: (v := get(f)) is not None and low <= v <= high
    if isinstance(node, Contains):
        lit = _fold(node.value)
        return lambda f: any(x.casefold() == lit for x in get(f))
    if isinstance(node, InList):
        values = frozenset(_fold(v) for v in node.values)
        negated = node.negated
        if kind == "list":
            return lambda f: any(x.casefold() in values for x in get(f)) != negated
        if kind == "text":
            return lambda f: (v := get(f)) is not None and (v.casefold() in values) != negated
        return lambda f: (v := get(f)) is not None and (v in values) != negated
    raise TypeError(f"not a condition: {node!r}")


def _compile(node: Node, seen: dict[int, Predicate]) -> Predicate:
    """The predicate of ``node``; ``seen`` gets the predicate of every node of the tree, by
    the node's ``id`` (for the explanation, which tests the items of ``and`` and ``or``)."""
    predicate = _compile_node(node, seen)
    seen[id(node)] = predicate
    return predicate


def _compile_node(node: Node, seen: dict[int, Predicate]) -> Predicate:
    if isinstance(node, Not):
        inner = _compile(node.item, seen)
        return lambda f: not inner(f)
    if isinstance(node, And):
        parts = tuple(_compile(item, seen) for item in node.items)
        if len(parts) == 2:
            a, b = parts
            return lambda f: a(f) and b(f)
        return lambda f: all(p(f) for p in parts)
    if isinstance(node, Or):
        parts = tuple(_compile(item, seen) for item in node.items)
        return lambda f: any(p(f) for p in parts)
    return _leaf(node)


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A rule ready to run: its text, its tree and its compiled predicate."""

    source: str
    tree: Node
    predicate: Predicate
    parts: dict[int, Predicate] = dataclasses.field(default_factory=dict, compare=False, repr=False)
    """The compiled predicate of every node of ``tree``, by the node's ``id``."""

    def matches(self, facts: Facts) -> bool:
        return self.predicate(facts)

    def evaluate(self, facts: Facts) -> RuleResult:
        """Whether the rule matched, and the conditions (with values) that made it match."""
        if not self.predicate(facts):
            return RuleResult(False)
        return self.explain(facts)

    def explain(self, facts: Facts) -> RuleResult:
        """``evaluate`` for ``facts`` the rule is known to match (``matches``): the
        conditions that made it match, without testing the whole rule again."""
        return RuleResult(True, tuple(self._explain(self.tree, facts, False)))

    def _explain(self, node: Node, facts: Facts, negated: bool) -> list[FieldMatch]:
        """The conditions that hold (or, under ``not``, fail) and decide the outcome."""
        if isinstance(node, Not):
            return self._explain(node.item, facts, not negated)
        if isinstance(node, And | Or):
            # and: every item holds; or: the items that hold. Under ``not`` the roles swap.
            decide_all = isinstance(node, And) != negated
            out: list[FieldMatch] = []
            for item in node.items:
                found = self.parts.get(id(item))
                holds = (found or _compile(item, {}))(facts)
                if holds != negated:
                    out.extend(self._explain(item, facts, negated))
                elif decide_all:
                    return []
            return out
        value = getattr(facts, attribute_of(node.field))
        return [FieldMatch(node.field, format_condition(node), value, negated)]


def _guard(node: Node) -> tuple[str, frozenset[str]] | None:
    """A text field (its ``Facts`` attribute) and the values, case-folded, one of which it
    must have for ``node`` to hold, if the node says so: ``field == "x"``, ``field in
    [...]``, or an ``and`` with such an item. None otherwise."""
    if isinstance(node, And):
        return next((g for g in map(_guard, node.items) if g is not None), None)
    if isinstance(node, Compare | InList) and FIELDS[node.field].type == "text":
        if isinstance(node, Compare) and node.op == "==" and isinstance(node.value, str):
            return attribute_of(node.field), frozenset({node.value.casefold()})
        texts = [v for v in node.values if isinstance(v, str)] if isinstance(node, InList) else []
        if isinstance(node, InList) and not node.negated and len(texts) == len(node.values):
            return attribute_of(node.field), frozenset(v.casefold() for v in texts)
    return None


class RuleSet:
    """Compiled rules tested together on many travellers, with the same answers as testing
    each: a rule that needs a text field to have one of some values (``_guard``) is tested
    only on a traveller whose value is one of them, found by one look-up per such field
    for all the rules on it."""

    __slots__ = ("_always", "_guarded", "programs")

    def __init__(self, programs: Sequence[CompiledRule]) -> None:
        self.programs = tuple(programs)
        self._always: list[int] = []
        by_field: dict[str, dict[str, list[int]]] = {}
        for i, program in enumerate(self.programs):
            guard = _guard(program.tree)
            if guard is None:
                self._always.append(i)
                continue
            attribute, values = guard
            by_value = by_field.setdefault(attribute, {})
            for value in values:
                by_value.setdefault(value, []).append(i)
        self._guarded = tuple(
            (operator.attrgetter(attribute), by_value) for attribute, by_value in by_field.items()
        )

    def matching(self, facts: Facts) -> list[int]:
        """The positions of the rules ``facts`` match, in order."""
        candidates = list(self._always)
        for get, by_value in self._guarded:
            value = get(facts)
            if value is not None:
                found = by_value.get(value.casefold())
                if found:
                    candidates.extend(found)  # a rule has one guard: never twice
        if len(candidates) > len(self._always):
            candidates.sort()
        programs = self.programs
        return [i for i in candidates if programs[i].predicate(facts)]


def compile_rule(source: str) -> CompiledRule:
    """Parse, type-check and compile rule text; raises ``InvalidInput`` naming columns.

    >>> rule = compile_rule('origin.country in ["TR", "SY"] and age between 18 and 35')
    >>> rule.evaluate(Facts(origin_country="TR", age=24)).matched
    True
    """
    tree = parse_rule(source)
    check_rule(tree)
    parts: dict[int, Predicate] = {}
    return CompiledRule(source, tree, _compile(tree, parts), parts)
