"""Statements: one value of one property of a subject, with its provenance."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

__all__ = ["Statement"]


@dataclass(frozen=True, slots=True)
class Statement:
    """A fact about a subject and who stated it.

    Exactly one of ``agency`` (a partner agency's code) or ``source`` (an external list,
    e.g. ``un-sc``) says who stated it. A statement is never edited: a correction retracts
    it (``retracted_at``) and adds a new one. ``first_seen``/``last_seen`` track how long a
    source has kept stating the same value.
    """

    prop: str
    value: str
    norm: str
    subject_id: int | None = None
    id: int | None = None
    qualifier: str | None = None
    lang: str | None = None
    agency: str | None = None
    source: str | None = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    retracted_at: datetime | None = None
    recorded_by: int | None = None

    @property
    def is_active(self) -> bool:
        return self.retracted_at is None

    @property
    def origin(self) -> str:
        """Who stated it, as one word: the agency code or ``source:<name>``."""
        return self.agency if self.agency else f"source:{self.source}"

    @property
    def key(self) -> tuple[str, str, str | None]:
        """Identity of the fact regardless of provenance: property, normalised value, qualifier."""
        return (self.prop, self.norm, self.qualifier)

    def copy_with(self, **changes: Any) -> Statement:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "prop": self.prop,
            "value": self.value,
            "qualifier": self.qualifier,
            "lang": self.lang,
            "stated_by": self.origin,
            "first_seen": _iso(self.first_seen),
            "last_seen": _iso(self.last_seen),
            "retracted_at": _iso(self.retracted_at),
        }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
