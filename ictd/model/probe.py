"""Withheld hits: the record screening keeps of every hit a partner got on a subject it may
not read, so that repeated probing of one subject by one agency can be recognised.

Only a digest of each attribute of the query is kept (``attributes``): enough to tell which
attributes varied between queries, nothing that gives the query's values back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

__all__ = ["PROBE_ATTRIBUTES", "WithheldHit", "varied_attributes"]

PROBE_ATTRIBUTES = ("names", "schema", "birth_date", "nationalities", "gender", "identifiers")
"""The attributes of a screening query whose variation between queries marks probing."""


@dataclass(frozen=True, slots=True)
class WithheldHit:
    """A hit of ``agency``'s screening on ``subject_id``, owned by ``owner``, withheld from it."""

    agency: str
    subject_id: int
    owner: str
    at: datetime
    actor: str
    attributes: dict[str, str] = field(default_factory=dict, compare=False)
    id: int | None = None


def varied_attributes(hits: Sequence[WithheldHit]) -> list[str]:
    """The attributes (in ``PROBE_ATTRIBUTES`` order) whose digest differs across ``hits``."""
    return [
        name for name in PROBE_ATTRIBUTES if len({h.attributes.get(name, "") for h in hits}) > 1
    ]
