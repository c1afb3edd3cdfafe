"""Text the API refuses, the same on both databases (NUL used to be stored on SQLite and to
crash PostgreSQL with a 500): control characters anywhere (tab and line breaks only in
multi-line text), bidirectional overrides and isolates in names and single-line values, and
names with no visible character. Each is a 422 naming the field, and changes nothing.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_errors import audit_seq, business_rows, fields_of
from tests.api.test_subjects import create_subject, statements_of, stmt
from tests.world import World

API = "/api/v1"
NAME = {"prop": "name", "value": "Abu Bakr al-Baghdadi"}


def _refused(
    client: TestClient, world: World, method: str, url: str, role: str = "analyst", **kw: Any
) -> list[str]:
    """The fields a refused request names, after checking that nothing changed."""
    before, seq = business_rows(world.store), audit_seq(world.store)
    headers = {**world.auth("AAA", role), **kw.pop("headers", {})}
    response = client.request(method, url, headers=headers, **kw)
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq
    return fields_of(response)


def _subject(statements: list[dict[str, str]]) -> dict[str, Any]:
    return {"schema": "Person", "statements": [NAME, *statements]}


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        (stmt("name", "Abu\x00Bakr"), "contains a control character (U+0000)"),
        (stmt("alias", "Abu\x85Bakr"), "contains a control character (U+0085)"),
        (stmt("alias", "Abu\x7fBakr"), "contains a control character (U+007F)"),
        (stmt("alias", "Abu\tBakr"), "contains a line break or tab (U+0009): give a single line"),
        (stmt("name", "Abu\u202eBakr"), "contains a bidirectional override or isolate (U+202E)"),
        (stmt("alias", "\u2067Abu\u2069"), "contains a bidirectional override or isolate (U+2067)"),
        (stmt("name", "\u200b\u200d \ufeff"), "has no visible character"),
        (stmt("passportNumber", "A1\u202e23"), "contains a bidirectional override or isolate"),
        (stmt("notes", "a note\x00"), "contains a control character (U+0000)"),
    ],
    ids=["nul", "c1", "del", "tab", "rlo", "isolate", "invisible", "identifier", "nul-note"],
)
def test_a_statement_value_with_a_forbidden_character_is_422(
    client: TestClient, world: World, statement: dict[str, str], message: str
) -> None:
    response_fields = _refused(client, world, "POST", f"{API}/subjects", json=_subject([statement]))
    assert response_fields == ["statements.1.value"]
    body = client.post(
        f"{API}/subjects", json=_subject([statement]), headers=world.auth("AAA", "analyst")
    ).json()
    assert body["error"]["details"][0]["message"].startswith(message)


def test_multi_line_text_keeps_line_breaks_and_isolates(client: TestClient, world: World) -> None:
    note = stmt("notes", "line one\nline two\twith a tab, \u2067مكة\u2069 quoted")
    persian = stmt("alias", "محمد\u200cرضا")  # a zero-width non-joiner inside a Persian name
    created = create_subject(client, world, "AAA", "Abu Bakr al-Baghdadi", more=[note, persian])
    values = {s["prop"]: s["value"] for s in statements_of(world, created["id"])}
    assert values["notes"] == "line one line two with a tab, \u2067مكة\u2069 quoted"
    assert values["alias"] == "محمد\u200cرضا"


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("POST", "/agencies", {"code": "CCC", "name": "Agency\x00"}, "name"),
        (
            "POST",
            "/users",
            {"email": "a@aaa.example", "roles": ["analyst"], "name": "A\x01"},
            "name",
        ),
        (
            "POST",
            "/relations",
            {"source_id": 1, "target_id": 2, "type": "owns", "notes": "\x00"},
            "notes",
        ),
        ("POST", "/webhooks", {"url": "https://example.org/\x00"}, "url"),
        (
            "POST",
            "/screen",
            {"queries": [{"id": "q", "names": ["A", "B\x00"]}]},
            "queries.0.names.1",
        ),
        ("POST", "/screen", {"queries": [{"id": "q\n", "names": ["A"]}]}, "queries.0.id"),
        (
            "POST",
            "/subjects/1/listings",
            {"category": "terrorist", "actions": ["arrest"], "reference": "R\t1"},
            "reference",
        ),
        ("POST", "/alerts/ALR-1/acknowledge", {"note": "seen\x1b[31m"}, "note"),
        ("PATCH", "/listings/1", {"notes": "\ud800"}, "notes"),
    ],
    ids=lambda v: v if isinstance(v, str) and v.startswith("/") else "",
)
def test_a_body_string_with_a_control_character_is_422_naming_it(
    client: TestClient, world: World, method: str, path: str, body: dict[str, Any], field: str
) -> None:
    role = "agency-admin" if path in ("/agencies", "/users", "/webhooks") else "analyst"
    content = json.dumps(body).encode()  # ASCII escapes: a lone surrogate travels as \ud800
    headers = {"content-type": "application/json"}
    fields = _refused(client, world, method, f"{API}{path}", role, content=content, headers=headers)
    assert fields == [field]


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/subjects/search", {"q": "abu\x00"}, "q"),
        ("/audit/events", {"action": "subject.view\x00"}, "action"),
        ("/subjects", {"agency": "AAA\r"}, "agency"),
        ("/alerts/ALR-%00", {}, "reference"),
        ("/agencies/AA%00", {}, "code"),
    ],
)
def test_a_parameter_with_a_control_character_is_422_naming_it(
    client: TestClient, world: World, path: str, params: dict[str, str], field: str
) -> None:
    assert _refused(client, world, "GET", f"{API}{path}", "auditor", params=params) == [field]


def test_a_purpose_with_a_control_character_is_422(client: TestClient, world: World) -> None:
    headers = {"X-Purpose": b"case 7\x85"}  # a C1 character, as a Latin-1 header byte
    assert _refused(client, world, "GET", f"{API}/me", headers=headers) == ["X-Purpose"]


def test_a_movement_field_with_a_forbidden_character_is_422_naming_it(
    client: TestClient, world: World
) -> None:
    report = {
        "idempotency_key": "m-1",
        "kind": "border-entry",
        "time": "2026-01-02T03:04:05Z",
        "carrier": "Air\x00line",
        "document": {"number": "X1\u202e2"},
        "traveller": {"names": ["Good Name", "\u200b\u200b"]},
    }
    fields = _refused(client, world, "POST", f"{API}/movements", json={"movements": [report]})
    assert fields == ["movements.0.carrier"]
    report["carrier"] = "Airline"
    fields = _refused(client, world, "POST", f"{API}/movements", json={"movements": [report]})
    assert fields == ["movements.0.document.number", "movements.0.traveller.names.1"]
