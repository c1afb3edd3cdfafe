"""What the generator yields: a synthetic subject with its truth, listings and relations.

Listings and relations refer to subjects by their synthetic *key* (``syn-42``) since the
store has not given them ids yet; ``to_listing`` and ``to_relation`` make model objects
once ids are known. Every type has ``to_dict``/``from_dict`` for JSON lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ictd.demo.builder import SOURCE
from ictd.model.listing import Action, Handling, Listing, ListingStatus, Sharing
from ictd.model.relation import Relation, RelationType
from ictd.model.schema import Schema
from ictd.model.statement import Statement
from ictd.model.subject import Subject

__all__ = ["SyntheticListing", "SyntheticRelation", "SyntheticSubject"]


@dataclass(frozen=True, slots=True)
class SyntheticListing:
    """An agency's listing of a synthetic subject (always active)."""

    agency: str
    category: str
    actions: tuple[Action, ...]
    reference: str
    legal_basis: str
    reliability: str
    accuracy: int
    valid_from: date
    review_date: date
    sharing: Sharing
    shared_with: tuple[str, ...]
    handling: Handling

    def to_listing(self, subject_id: int) -> Listing:
        return Listing(
            subject_id=subject_id,
            category=self.category,
            actions=self.actions,
            agency=self.agency,
            reference=self.reference,
            legal_basis=self.legal_basis,
            reliability=self.reliability,
            accuracy=self.accuracy,
            valid_from=self.valid_from,
            review_date=self.review_date,
            sharing=self.sharing,
            shared_with=self.shared_with,
            handling=self.handling,
            status=ListingStatus.ACTIVE,
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: getattr(self, name) for name in self.__slots__}
        data["actions"] = [a.value for a in self.actions]
        data["shared_with"] = list(self.shared_with)
        data["valid_from"] = self.valid_from.isoformat()
        data["review_date"] = self.review_date.isoformat()
        data["sharing"] = self.sharing.value
        data["handling"] = self.handling.value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SyntheticListing:
        return cls(
            **{
                **data,
                "actions": tuple(Action(a) for a in data["actions"]),
                "shared_with": tuple(data["shared_with"]),
                "valid_from": date.fromisoformat(data["valid_from"]),
                "review_date": date.fromisoformat(data["review_date"]),
                "sharing": Sharing(data["sharing"]),
                "handling": Handling(data["handling"]),
            }
        )


@dataclass(frozen=True, slots=True)
class SyntheticRelation:
    """``source`` —type→ ``target``, both synthetic keys; payment and ownership details."""

    source: str
    target: str
    type: RelationType
    start_date: str | None = None
    share: Decimal | None = None
    amount: Decimal | None = None
    currency: str | None = None

    def to_relation(self, ids: Mapping[str, int]) -> Relation:
        """The model relation, given the store ids of the synthetic keys."""
        return Relation(
            source_id=ids[self.source],
            target_id=ids[self.target],
            type=self.type,
            source=SOURCE,
            start_date=self.start_date,
            share=self.share,
            amount=self.amount,
            currency=self.currency,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "type": self.type.value,
            "start_date": self.start_date,
            "share": None if self.share is None else str(self.share),
            "amount": None if self.amount is None else str(self.amount),
            "currency": self.currency,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SyntheticRelation:
        def dec(value: str | None) -> Decimal | None:
            return None if value is None else Decimal(value)

        return cls(
            data["source"],
            data["target"],
            RelationType(data["type"]),
            data.get("start_date"),
            dec(data.get("share")),
            dec(data.get("amount")),
            data.get("currency"),
        )


@dataclass(frozen=True, slots=True, weakref_slot=True)
class SyntheticSubject:
    """One generated subject.

    ``truth`` holds spellings of its name that are *not* stated on it (other
    transliterations, orders, the native script) — labelled positive screening queries.
    ``role`` says what part it plays: ``person``, ``organisation``, ``group``, ``leader``,
    ``member``, ``fighter``, ``financier``, ``holding``, ``front``, ``director``,
    ``courier``, ``charity`` or ``exchange``. ``relations`` are those it is the source of.
    """

    key: str
    schema: Schema
    subject: Subject
    truth: tuple[str, ...]
    culture: str
    role: str
    listings: tuple[SyntheticListing, ...] = ()
    relations: tuple[SyntheticRelation, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "schema": self.schema.value,
            "culture": self.culture,
            "role": self.role,
            "properties": [_statement_dict(s) for s in self.subject.statements],
            "truth": list(self.truth),
            "listings": [item.to_dict() for item in self.listings],
            "relations": [item.to_dict() for item in self.relations],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SyntheticSubject:
        schema = Schema(data["schema"])
        statements = tuple(
            Statement(p["prop"], p["value"], p["norm"], qualifier=p.get("qualifier"),
                      lang=p.get("lang"), source=SOURCE)
            for p in data["properties"]
        )  # fmt: skip
        return cls(
            key=data["key"],
            schema=schema,
            subject=Subject(schema, source=SOURCE, statements=statements),
            truth=tuple(data["truth"]),
            culture=data["culture"],
            role=data["role"],
            listings=tuple(SyntheticListing.from_dict(d) for d in data["listings"]),
            relations=tuple(SyntheticRelation.from_dict(d) for d in data["relations"]),
        )


def _statement_dict(stmt: Statement) -> dict[str, Any]:
    data: dict[str, Any] = {"prop": stmt.prop, "value": stmt.value, "norm": stmt.norm}
    if stmt.qualifier:
        data["qualifier"] = stmt.qualifier
    if stmt.lang:
        data["lang"] = stmt.lang
    return data
