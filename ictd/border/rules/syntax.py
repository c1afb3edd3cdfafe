"""The abstract syntax of a risk rule. Columns are kept for errors but not compared."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

__all__ = [
    "And",
    "Between",
    "Compare",
    "Contains",
    "Flag",
    "InList",
    "Literal",
    "Missing",
    "Node",
    "Not",
    "Or",
]

Literal = str | int | date | bool


@dataclass(frozen=True, slots=True)
class Compare:
    """``field op value`` with op one of == != < <= > >=."""

    field: str
    op: str
    value: Literal
    column: int = dataclasses.field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Between:
    """``field between low and high`` (both ends included)."""

    field: str
    low: Literal
    high: Literal
    column: int = dataclasses.field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class InList:
    """``field in [...]`` or ``field not in [...]``; for a list field: any / none shared."""

    field: str
    values: tuple[Literal, ...]
    negated: bool = False
    column: int = dataclasses.field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Contains:
    """``field contains value``: a list field holds the value."""

    field: str
    value: Literal
    column: int = dataclasses.field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Missing:
    """``field is missing`` / ``field is not missing``."""

    field: str
    negated: bool = False
    column: int = dataclasses.field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Flag:
    """A yes/no field on its own: ``one_way``."""

    field: str
    column: int = dataclasses.field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


@dataclass(frozen=True, slots=True)
class And:
    """``a and b and …``"""

    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    """``a or b or …``"""

    items: tuple[Node, ...]


Node = Compare | Between | InList | Contains | Missing | Flag | Not | And | Or
