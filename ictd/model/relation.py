"""Relations: typed, dated edges between two subjects, with provenance.

``RELATION_ENDS`` is the one table of which kinds of subject each relation type links: a
Person is ``member-of`` an Organization or a Company, never of another Person. The registry
refuses a relation outside it (422 naming ``type``), imports skip one with a warning, and
the synthetic generators make only relations inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from ictd.model.schema import Schema

__all__ = ["RELATION_ENDS", "Relation", "RelationType", "relation_misfit"]


class RelationType(StrEnum):
    MEMBER_OF = "member-of"
    LEADER_OF = "leader-of"
    OWNS = "owns"
    DIRECTOR_OF = "director-of"
    FAMILY = "family"
    ASSOCIATE = "associate"
    PAID = "paid"
    SUPPLIED = "supplied"
    UNKNOWN = "unknown"


_ALL = frozenset(Schema)
_PERSON = frozenset({Schema.PERSON})
_ORGS = frozenset({Schema.ORGANIZATION, Schema.COMPANY})
_LEGAL = _PERSON | _ORGS  # who can act: persons and bodies
_ASSETS = frozenset({Schema.COMPANY, Schema.VESSEL, Schema.AIRCRAFT})  # what can be owned

# type -> (kinds of its source subject, kinds of its target subject)
RELATION_ENDS: dict[RelationType, tuple[frozenset[Schema], frozenset[Schema]]] = {
    RelationType.MEMBER_OF: (_LEGAL, _ORGS),
    RelationType.LEADER_OF: (_PERSON, _ORGS),
    RelationType.OWNS: (_LEGAL, _ASSETS),
    RelationType.DIRECTOR_OF: (_LEGAL, _ORGS),
    RelationType.FAMILY: (_PERSON, _PERSON),
    RelationType.ASSOCIATE: (_LEGAL, _LEGAL),
    RelationType.PAID: (_LEGAL, _LEGAL),
    RelationType.SUPPLIED: (_LEGAL, _ALL),
    RelationType.UNKNOWN: (_ALL, _ALL),
}


def _kinds(schemas: frozenset[Schema]) -> str:
    """``a Person``, ``an Organization or Company``, in the order ``Schema`` declares."""
    names = [s.value for s in Schema if s in schemas]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return f"{'an' if listed[0] in 'AEIOU' else 'a'} {listed}"


def relation_misfit(type: RelationType, source: Schema, target: Schema) -> str | None:
    """Why a ``type`` relation cannot run from a ``source`` subject to a ``target`` subject,
    or ``None`` when it can.

    >>> print(relation_misfit(RelationType.MEMBER_OF, Schema.PERSON, Schema.PERSON))
    member-of runs from a Person, Organization or Company to an Organization or Company; \
its target is a Person
    >>> relation_misfit(RelationType.MEMBER_OF, Schema.PERSON, Schema.ORGANIZATION) is None
    True
    """
    sources, targets = RELATION_ENDS[type]
    if source in sources and target in targets:
        return None
    end, kind = ("source", source) if source not in sources else ("target", target)
    return (
        f"{type.value} runs from {_kinds(sources)} to {_kinds(targets)}; "
        f"its {end} is {_kinds(frozenset({kind}))}"
    )


@dataclass(frozen=True, slots=True)
class Relation:
    """``source_id`` —type→ ``target_id``: e.g. person 1 ``member-of`` organisation 2.

    ``start_date``/``end_date`` use the same date forms as statements (``2019``,
    ``2019-04``, ``2019-04-02``). ``share`` is an ownership percentage; ``amount`` and
    ``currency`` describe a payment.
    """

    source_id: int
    target_id: int
    type: RelationType
    id: int | None = None
    agency: str | None = None
    source: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    share: Decimal | None = None
    amount: Decimal | None = None
    currency: str | None = None
    notes: str | None = None
    created_at: datetime | None = None
    retracted_at: datetime | None = None
    recorded_by: int | None = None

    def copy_with(self, **changes: Any) -> Relation:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source_id": self.source_id,
            "target_id": self.target_id,
            "type": self.type.value,
            "stated_by": self.agency if self.agency else f"source:{self.source}",
            "start_date": self.start_date,
            "end_date": self.end_date,
            "share": str(self.share) if self.share is not None else None,
            "amount": str(self.amount) if self.amount is not None else None,
            "currency": self.currency,
            "notes": self.notes,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "retracted_at": self.retracted_at.isoformat() if self.retracted_at else None,
        }
