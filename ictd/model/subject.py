"""Subjects: persons, organisations, companies, vessels and aircraft, assembled from statements."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from ictd.model.schema import Schema
from ictd.model.statement import Statement

__all__ = ["NAME_PROPS", "Subject"]

NAME_PROPS = ("name", "originalScriptName", "alias", "weakAlias")
"""The properties that hold names, in the order ``Subject.names`` lists them."""


@dataclass(frozen=True, slots=True)
class Subject:
    """A subject and the statements that describe it.

    ``agency`` owns the record when an agency created it; ``source`` when an external list
    feeds it. ``external_ids`` are identifiers the subject has in other systems (an FtM id,
    a UN DATAID), as ``{"scheme:value"}`` strings.
    """

    schema: Schema
    id: int | None = None
    agency: str | None = None
    source: str | None = None
    statements: tuple[Statement, ...] = ()
    external_ids: tuple[str, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def active(self) -> tuple[Statement, ...]:
        return tuple(s for s in self.statements if s.retracted_at is None)

    def values(self, prop: str) -> list[str]:
        """Active values of one property, in the order they were stated."""
        return [s.value for s in self.statements if s.prop == prop and s.retracted_at is None]

    def first(self, prop: str) -> str | None:
        found = self.values(prop)
        return found[0] if found else None

    @property
    def names(self) -> list[str]:
        """Every active name, primary first, then original-script names and aliases."""
        out: list[str] = []
        for prop in NAME_PROPS:
            out.extend(v for v in self.values(prop) if v not in out)
        return out

    @property
    def caption(self) -> str:
        """A label for humans: the primary name, or the first name of any kind."""
        names = self.names
        return names[0] if names else f"{self.schema.value} #{self.id}"

    @property
    def is_person(self) -> bool:
        return self.schema is Schema.PERSON

    def copy_with(self, **changes: Any) -> Subject:
        return replace(self, **changes)

    def to_dict(self, include_retracted: bool = False) -> dict[str, Any]:
        statements = self.statements if include_retracted else self.active
        props: dict[str, list[str]] = {}
        for stmt in self.active:
            props.setdefault(stmt.prop, []).append(stmt.value)
        return {
            "id": self.id,
            "schema": self.schema.value,
            "caption": self.caption,
            "agency": self.agency,
            "source": self.source,
            "external_ids": list(self.external_ids),
            "properties": props,
            "statements": [s.to_dict() for s in statements],
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
        }
