"""Screening queries: validation of what a caller sends, and the query's identity key."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from ictd.exc import ErrorCollector
from ictd.matching import Query, QueryIdentifier
from ictd.model import Schema, parse_date
from ictd.model.country import is_country_code
from ictd.model.text import name_problem, text_problem
from ictd.model.value import GENDERS, normalize_identifier, normalize_text

__all__ = ["MAX_NAMES", "QueryInput", "parse_query", "query_key"]

MAX_NAMES = 20
MAX_NAME_LENGTH = 300
_SCHEMAS = frozenset(s.value for s in Schema)


@dataclass(frozen=True, slots=True)
class QueryInput:
    """A query as a caller gives it (API body, CSV row, JSON line)."""

    id: str
    names: list[str]
    schema: str | None = None
    birth_date: str | None = None
    nationalities: list[str] = field(default_factory=list)
    gender: str | None = None
    identifiers: list[dict[str, Any]] = field(default_factory=list)


def _check_names(data: QueryInput, errors: ErrorCollector, path: str) -> list[str]:
    names = [n.strip() for n in data.names if isinstance(n, str) and n.strip()]
    if not names:
        errors.add(f"{path}.names", "give at least one name")
    if len(data.names) > MAX_NAMES:
        errors.add(f"{path}.names", f"at most {MAX_NAMES} names")
    for i, name in enumerate(data.names):
        if isinstance(name, str) and len(name) > MAX_NAME_LENGTH:
            errors.add(f"{path}.names.{i}", f"longer than {MAX_NAME_LENGTH} characters")
        elif isinstance(name, str) and name_problem(name):
            errors.add(f"{path}.names.{i}", str(name_problem(name)))
    return names


def _check_texts(data: QueryInput, errors: ErrorCollector, path: str, check_id: bool) -> bool:
    """Refuse control and bidirectional characters in the single-line fields (names have
    their own check); False when one was found, and the other checks are skipped."""
    start = len(errors.errors)
    single = {"schema": data.schema, "birth_date": data.birth_date, "gender": data.gender}
    if check_id:
        single["id"] = data.id
    for i, code in enumerate(data.nationalities):
        single[f"nationalities.{i}"] = code
    for i, item in enumerate(data.identifiers[:20]):
        for key in ("value", "country", "type"):
            single[f"identifiers.{i}.{key}"] = item.get(key)
    for name, value in single.items():
        problem = text_problem(value) if isinstance(value, str) else None
        if problem:
            errors.add(f"{path}.{name}", problem)
    return len(errors.errors) == start


def _check_identifiers(
    data: QueryInput, errors: ErrorCollector, path: str
) -> tuple[QueryIdentifier, ...]:
    out = []
    for i, item in enumerate(data.identifiers[:20]):
        value = str(item.get("value") or "")
        country = item.get("country")
        if not normalize_identifier(value):
            errors.add(f"{path}.identifiers.{i}.value", "has no letters or digits")
            continue
        if country is not None and not is_country_code(str(country).upper()):
            errors.add(f"{path}.identifiers.{i}.country", f"{country!r} is not a country code")
            continue
        kind = item.get("type")
        out.append(
            QueryIdentifier(
                value=value,
                country=country.upper() if country else None,
                type=str(kind) if kind else None,
            )
        )
    if len(data.identifiers) > 20:
        errors.add(f"{path}.identifiers", "at most 20 identifiers")
    return tuple(out)


def parse_query(
    data: QueryInput, errors: ErrorCollector, path: str, check_id: bool = True
) -> Query | None:
    """Validate one query; problems go to ``errors`` under ``path`` (``queries.3``).
    ``check_id=False`` leaves the id to a caller that reports it under its own name."""
    start = len(errors.errors)
    names = _check_names(data, errors, path)
    if not _check_texts(data, errors, path, check_id):
        return None
    if data.schema is not None and data.schema not in _SCHEMAS:
        errors.add(f"{path}.schema", f"{data.schema!r} is not one of {', '.join(Schema)}")
    if data.birth_date:
        try:
            parse_date(data.birth_date)
        except ValueError as err:
            errors.add(f"{path}.birth_date", str(err))
    nationalities = tuple(n.strip().upper() for n in data.nationalities)
    for i, code in enumerate(nationalities):
        if not is_country_code(code):
            errors.add(f"{path}.nationalities.{i}", f"{code!r} is not a country code")
    gender = data.gender.casefold() if data.gender else None
    if gender is not None and gender not in GENDERS:
        errors.add(f"{path}.gender", f"must be one of {', '.join(sorted(GENDERS))}")
    identifiers = _check_identifiers(data, errors, path)
    if len(errors.errors) > start:
        return None
    return Query(
        id=data.id,
        schema=data.schema,
        names=tuple(names),
        birth_date=data.birth_date or None,
        nationalities=nationalities,
        gender=gender,
        identifiers=identifiers,
    )


def query_key(query: Query) -> str:
    """The identity of a query, independent of its id, order of names, case and spacing.

    A false-match disposition suppresses the same query identity against the same subject.
    """
    body = {
        "names": sorted({normalize_text(n) for n in query.names}),
        "birth_date": query.birth_date,
        "nationalities": sorted(set(query.nationalities)),
        "gender": query.gender,
        "identifiers": sorted({normalize_identifier(i.value) for i in query.identifiers}),
        "schema": query.schema,
    }
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
