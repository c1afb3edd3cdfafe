"""Screening queries refuse text no name may hold, with the field path of each, whatever the
edge (API body, CSV row, JSON line)."""

from __future__ import annotations

from typing import Any

import pytest

from ictd.exc import ErrorCollector
from ictd.screening import QueryInput, parse_query


def _fields(**changes: Any) -> list[str]:
    data = {"id": "q1", "names": ["Abu Bakr"], **changes}
    errors = ErrorCollector()
    query = parse_query(QueryInput(**data), errors, "queries.3")
    assert (query is None) is bool(errors.errors)
    return [e.field for e in errors.errors]


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"names": ["Good", "Abu\x00Bakr"]}, ["queries.3.names.1"]),
        ({"names": ["Abu \u202eBakr"]}, ["queries.3.names.0"]),
        ({"names": ["Good", "\u200b\u2060"]}, ["queries.3.names.1"]),
        ({"names": ["Abu\tBakr"]}, ["queries.3.names.0"]),
        ({"id": "q\x00"}, ["queries.3.id"]),
        ({"birth_date": "1970\x85"}, ["queries.3.birth_date"]),
        ({"nationalities": ["IQ", "S\u2066Y"]}, ["queries.3.nationalities.1"]),
        ({"gender": "male\n"}, ["queries.3.gender"]),
        (
            {"identifiers": [{"value": "A1\u202e23", "country": "IQ"}]},
            ["queries.3.identifiers.0.value"],
        ),
        (
            {"identifiers": [{"value": "A123", "type": "pass\x00port"}]},
            ["queries.3.identifiers.0.type"],
        ),
    ],
)
def test_a_query_with_a_forbidden_character_names_the_field(
    changes: dict[str, Any], fields: list[str]
) -> None:
    assert _fields(**changes) == fields


def test_a_clean_query_passes_and_joiners_stay() -> None:
    assert _fields(names=["محمد\u200cرضا", "Abu Bakr"], nationalities=["IQ"]) == []


@pytest.mark.parametrize("schema", ["Person", "Organization", "Company", "Vessel", "Aircraft"])
def test_every_kind_of_subject_is_a_schema_of_a_query(schema: str) -> None:
    assert _fields(schema=schema) == []


@pytest.mark.parametrize("schema", ["person", "Thing", ""])
def test_a_schema_that_is_no_kind_of_subject_is_refused(schema: str) -> None:
    assert _fields(schema=schema) == ["queries.3.schema"]
