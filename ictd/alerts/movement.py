"""Movement reports as a caller gives them, their validation, and the screening query of each."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, timedelta
from typing import Any

from ictd.exc import ErrorCollector
from ictd.matching import Identifier, Query
from ictd.model.country import is_country_code
from ictd.model.encoding import json_encoder
from ictd.model.movement import KINDS, MOVEMENT_FIELDS, Movement
from ictd.model.text import text_problem
from ictd.screening import QueryInput, parse_query

__all__ = [
    "KINDS",
    "MAX_MOVEMENTS",
    "MovementInput",
    "ParsedMovement",
    "parse_movements",
    "query_of",
]

_DIGEST_TEXT = json_encoder(sort_keys=True, ensure_ascii=False)
"""Made once (``ictd.model.encoding``)."""

MAX_MOVEMENTS = 1000
MAX_KEY = next(f.max_length for f in MOVEMENT_FIELDS if f.name == "idempotency_key")
_FUTURE = timedelta(days=1)
_COUNTRIES = [f for f in MOVEMENT_FIELDS if f.country and not f.many]
_PATHS = {f.name: f.path for f in MOVEMENT_FIELDS}
_LIMITS = {f.name: f.max_length for f in MOVEMENT_FIELDS if not (f.many or f.required or f.country)}
# the traveller's fields are checked by the screening query (``parse_query``), the rest here
_OWN_TEXTS = [f for f in MOVEMENT_FIELDS if f.group != "traveller"]


@dataclass(frozen=True, slots=True)
class MovementInput:
    """One movement report, flat: what the API body, a CSV row or a JSON line carries."""

    idempotency_key: str
    kind: str
    time: str
    names: list[str]
    country: str | None = None
    point_of_entry: str | None = None
    carrier: str | None = None
    flight: str | None = None
    vehicle: str | None = None
    document_type: str | None = None
    document_number: str | None = None
    document_country: str | None = None
    birth_date: str | None = None
    nationalities: list[str] = field(default_factory=list)
    gender: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MovementInput:
        """From the API's nested shape (``place``, ``document``, ``traveller``) or a flat one
        (a CSV row, a form): each field is read at its ``path``, else by its flat name."""
        values: dict[str, Any] = {}
        for spec in MOVEMENT_FIELDS:
            group = data.get(spec.group) if spec.group else None
            if isinstance(group, dict) and spec.key in group:
                value = group[spec.key]
            else:
                value = data.get(spec.name)
            if spec.many:
                value = list(value or [])
            elif spec.required:
                value = str(value or "")
            values[spec.name] = value
        return cls(**values)

    def digest(self) -> str:
        """The identity of the report's content: a retry must carry the same. (The JSON of
        every field, keys sorted: what ``dataclasses.asdict`` gives, without its deep copy.)"""
        fields = {name: getattr(self, name) for name in _FIELDS}
        body = _DIGEST_TEXT(fields)
        return hashlib.sha256(body.encode()).hexdigest()


_FIELDS = tuple(f.name for f in fields(MovementInput))
assert set(_FIELDS) == {f.name for f in MOVEMENT_FIELDS}, "MovementInput must follow the model"


@dataclass(frozen=True, slots=True)
class ParsedMovement:
    """A valid report: its row values and the query it is screened with."""

    input: MovementInput
    occurred_at: datetime
    query: Query
    digest: str

    def values(self) -> dict[str, Any]:
        data = self.input
        return {
            "idempotency_key": data.idempotency_key,
            "digest": self.digest,
            "kind": data.kind,
            "occurred_at": self.occurred_at,
            "country": data.country.upper() if data.country else None,
            "point_of_entry": data.point_of_entry,
            "carrier": data.carrier,
            "flight": data.flight,
            "vehicle": data.vehicle,
            "document_type": data.document_type,
            "document_number": data.document_number,
            "document_country": data.document_country.upper() if data.document_country else None,
            "names": list(self.query.names),
            "birth_date": self.query.birth_date,
            "nationalities": list(self.query.nationalities),
            "gender": self.query.gender,
        }


def _time(text: str, errors: ErrorCollector, path: str, now: datetime) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        errors.add(path, f"{text!r} is not an ISO 8601 date and time")
        return None
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    if moment > now + _FUTURE:
        errors.add(path, "is more than a day in the future")
    return moment


def _check_texts(data: MovementInput, errors: ErrorCollector, path: str) -> bool:
    """Refuse control and bidirectional characters in the report's own single-line fields;
    False when one was found (the other checks of the report are then skipped)."""
    start = len(errors.errors)
    for spec in _OWN_TEXTS:
        value = getattr(data, spec.name)
        problem = text_problem(value) if isinstance(value, str) else None
        if problem:
            errors.add(f"{path}.{spec.path}", problem)
    return len(errors.errors) == start


def _check_fields(data: MovementInput, errors: ErrorCollector, path: str) -> bool:
    """Check the report's own fields; False when one held a character no text may hold."""
    if not _check_texts(data, errors, path):
        return False
    if not data.idempotency_key.strip() or len(data.idempotency_key) > MAX_KEY:
        errors.add(f"{path}.idempotency_key", f"give 1 to {MAX_KEY} characters")
    if data.kind not in KINDS:
        errors.add(f"{path}.kind", f"must be one of {', '.join(KINDS)}")
    for spec in _COUNTRIES:
        code = getattr(data, spec.name)
        if code is not None and not is_country_code(str(code).upper()):
            errors.add(f"{path}.{spec.path}", f"{code!r} is not a country code")
    for name, limit in _LIMITS.items():
        value = getattr(data, name)
        if value is not None and len(str(value)) > limit:
            errors.add(f"{path}.{_PATHS[name]}", f"at most {limit} characters")
    return True


def parse_movements(inputs: list[MovementInput], now: datetime) -> list[ParsedMovement]:
    """Validate a batch; every bad field is reported as ``movements.N.field``."""
    errors = ErrorCollector()
    if not inputs:
        errors.add("movements", "give at least one movement")
    if len(inputs) > MAX_MOVEMENTS:
        errors.add("movements", f"at most {MAX_MOVEMENTS} movements per call")
    seen: set[str] = set()
    out: list[ParsedMovement] = []
    for i, data in enumerate(inputs[:MAX_MOVEMENTS]):
        path = f"movements.{i}"
        start = len(errors.errors)
        texts_ok = _check_fields(data, errors, path)
        if data.idempotency_key in seen:
            errors.add(f"{path}.idempotency_key", "repeats a key of the same call")
        seen.add(data.idempotency_key)
        moment = _time(data.time, errors, f"{path}.time", now) if texts_ok else None
        identifiers = []
        if data.document_number and len(data.document_number) <= _LIMITS["document_number"]:
            country = (data.document_country or "").upper() or None
            ident = {"value": data.document_number, "country": country, "type": None}
            identifiers.append(ident)
        query_input = QueryInput(
            id=data.idempotency_key,
            names=data.names,
            schema="Person",
            birth_date=data.birth_date,
            nationalities=data.nationalities,
            gender=data.gender,
            identifiers=identifiers if len(errors.errors) == start else [],
        )
        query = parse_query(query_input, errors, f"{path}.traveller", check_id=False)
        if query is not None and moment is not None and len(errors.errors) == start:
            out.append(ParsedMovement(data, moment, query, data.digest()))
    errors.raise_if_any("invalid movement report")
    return out


def query_of(movement: Movement) -> Query:
    """The screening query of a stored movement (for retro-screening)."""
    identifiers: tuple[Identifier, ...] = ()
    if movement.document_number:
        identifiers = (Identifier(movement.document_number, movement.document_country),)
    return Query(
        id=str(movement.id),
        names=movement.names,
        schema="Person",
        birth_date=movement.birth_date,
        nationalities=movement.nationalities,
        gender=movement.gender,
        identifiers=identifiers,
    )
