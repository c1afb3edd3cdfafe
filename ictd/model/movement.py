"""Movements: reports that a person was seen (border entry or exit, booking, visa application).

``MOVEMENT_FIELDS`` is the one declaration of what a movement report carries. Everything
else is derived from it: the report as a caller gives it (``ictd.alerts.MovementInput``,
flat, as a CSV row or a form has it), the API's nested body (``place``, ``document``,
``traveller``: each field's ``path``), the columns of the ``movements`` table, the web
form's fields, the CLI's CSV reader, and ``Movement.to_dict`` below.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

__all__ = ["KINDS", "MOVEMENT_FIELDS", "Movement", "MovementField", "field_by_path"]

KINDS = ("border-entry", "border-exit", "transit", "booking", "visa-application", "other")


@dataclass(frozen=True, slots=True)
class MovementField:
    """One field of a movement report.

    ``name`` is its flat name (``MovementInput`` attribute, CSV header, form field, column);
    ``path`` its place in the API's nested body; ``max_length`` bounds each value, ``many``
    (when not 0) makes it a list of at most that many values; ``column`` names the stored
    column where it differs from ``name`` and ``stored_length`` its width where the stored,
    normalised value is shorter than what a caller may send; ``choices`` lists the words
    a field allows, when it has a fixed set (checked by the movement parser, documented in
    the API schema).
    """

    name: str
    path: str
    max_length: int
    description: str
    required: bool = False
    many: int = 0
    country: bool = False
    column: str | None = None
    stored_length: int | None = None
    choices: tuple[str, ...] = ()

    @property
    def column_name(self) -> str:
        return self.column or self.name

    @property
    def group(self) -> str | None:
        """The nested object of the API body that holds it (``place``), or None."""
        head, _, rest = self.path.partition(".")
        return head if rest else None

    @property
    def key(self) -> str:
        """Its key inside its group (``country`` of ``place.country``)."""
        return self.path.rpartition(".")[2]


_F = MovementField
MOVEMENT_FIELDS: tuple[MovementField, ...] = (
    _F("idempotency_key", "idempotency_key", 100, "The reporter's unique key of this report; "
       "a retry with the same key returns the original answer.", required=True),
    _F("kind", "kind", 20, f"One of {', '.join(KINDS)}.", required=True, choices=KINDS),
    _F("time", "time", 40, "When it happened (ISO 8601; UTC when no offset is given).",
       required=True, column="occurred_at"),
    _F("country", "place.country", 2, "Country of the place (ISO 3166 alpha-2).", country=True),
    _F("point_of_entry", "place.point_of_entry", 100, "Border post, airport or office."),
    _F("carrier", "carrier", 100, "Airline, shipping line or bus company."),
    _F("flight", "flight", 32, "Flight or voyage number."),
    _F("vehicle", "vehicle", 64, "Vehicle registration."),
    _F("document_type", "document.type", 32, "Travel document type (passport, id-card …)."),
    _F("document_number", "document.number", 64, "Travel document number."),
    _F("document_country", "document.country", 2, "Issuing country (ISO 3166 alpha-2).",
       country=True),
    _F("names", "traveller.names", 300, "The traveller's names, as written on the document "
       "or in any script.", required=True, many=20),
    _F("birth_date", "traveller.birth_date", 21, "Birth date: year, year-month or full date.",
       stored_length=10),
    _F("nationalities", "traveller.nationalities", 2, "Nationalities (ISO 3166 alpha-2).",
       many=10, country=True, stored_length=200),
    _F("gender", "traveller.gender", 10, "male, female or other.",
       choices=("female", "male", "other")),
)  # fmt: skip


def field_by_path(path: str) -> MovementField | None:
    """The field at an API body path (``document.country``)."""
    return next((f for f in MOVEMENT_FIELDS if f.path == path), None)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True, slots=True)
class Movement:
    """A stored movement: the report's fields (``time`` as ``occurred_at``), who reported
    it and when, and the reply they got."""

    id: int
    agency: str
    idempotency_key: str
    digest: str
    kind: str
    occurred_at: datetime
    names: tuple[str, ...]
    country: str | None = None
    point_of_entry: str | None = None
    carrier: str | None = None
    flight: str | None = None
    vehicle: str | None = None
    document_type: str | None = None
    document_number: str | None = None
    document_country: str | None = None
    birth_date: str | None = None
    nationalities: tuple[str, ...] = ()
    gender: str | None = None
    created_at: datetime | None = None
    created_by: int | None = None
    reply: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The API's nested shape, as a report is sent, plus id, agency and report time."""
        out: dict[str, Any] = {"id": self.id, "agency": self.agency}
        for column, group, key in _SHAPE:
            value = getattr(self, column)
            if isinstance(value, datetime):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            target = out.setdefault(group, {}) if group else out
            target[key] = value
        out["reported_at"] = _iso(self.created_at)
        return out


_SHAPE = tuple((f.column_name, f.group, f.key) for f in MOVEMENT_FIELDS)
"""Each field's column, group and key in the API's nested shape, worked out once."""


_STORED = {f.name for f in fields(Movement)}
assert {f.column_name for f in MOVEMENT_FIELDS} <= _STORED, "a declared field is not stored"
