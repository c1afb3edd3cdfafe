"""Numbers and bodies the API cannot take, on both databases: ids and cursors beyond 64 bits
(they used to answer 500: SQLite's OverflowError, PostgreSQL's "bigint out of range"), and
bodies that are not JSON in UTF-8 (they used to answer 400 ``http_error``). Each is a 422
in the one error shape naming the field, and changes nothing.

The routes are read from the OpenAPI document, so a new route is covered without a change
here.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ictd.model.text import MAX_ID
from tests.api.test_errors import ROUTES, audit_seq, business_rows, fields_of
from tests.world import World

API = "/api/v1"
BEYOND = str(MAX_ID + 1)
ID_ROUTES = [(m, p) for m, p in ROUTES if re.search(r"\{\w+_id\}", p)]
PAGED = [
    (m, p)
    for m, p in ROUTES
    if m == "GET"
    and p
    in {
        f"{API}/subjects",
        f"{API}/listings",
        f"{API}/dispositions",
        f"{API}/alerts",
        f"{API}/audit/events",
        f"{API}/xref/proposals",
        f"{API}/webhooks/{{webhook_id}}/deliveries",
        f"{API}/alerts/stream",
    }
]


def _url(path: str, beyond: str | None = None) -> str:
    """``path`` with ``beyond`` in the id parameter of that name, 1 in the others."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == beyond:
            return BEYOND
        return {"code": "AAA", "reference": "ALR-000000000000"}.get(name, "1")

    return re.sub(r"\{(\w+)\}", fill, path)


def _unchanged(
    client: TestClient,
    world: World,
    method: str,
    url: str,
    headers: dict[str, str] | None = None,
    **kwargs: Any,
) -> Any:
    """Send the request as an analyst; check that it changed no record and wrote no audit
    event."""
    before, seq = business_rows(world.store), audit_seq(world.store)
    sent = {**world.auth("AAA", "analyst"), **(headers or {})}
    response = client.request(method, url, headers=sent, **kwargs)
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq
    return response


def test_every_paged_route_is_known_here() -> None:
    assert len(PAGED) == 8  # a renamed route would silently drop out of the list above
    assert len(ID_ROUTES) >= 19


@pytest.mark.parametrize(
    ("method", "path", "name"),
    [(m, p, n) for m, p in ID_ROUTES for n in re.findall(r"\{(\w+_id)\}", p)],
    ids=lambda v: str(v),
)
def test_an_id_beyond_64_bits_is_422_naming_it(
    client: TestClient, world: World, method: str, path: str, name: str
) -> None:
    body = {} if method in ("POST", "PATCH") else None
    response = _unchanged(client, world, method, _url(path, name), json=body)
    assert name in fields_of(response)


@pytest.mark.parametrize(("method", "path"), PAGED, ids=lambda v: str(v))
@pytest.mark.parametrize("after", [BEYOND, "-1"])
def test_a_cursor_beyond_its_range_is_422_naming_it(
    client: TestClient, world: World, method: str, path: str, after: str
) -> None:
    response = _unchanged(client, world, method, _url(path), params={"after": after})
    assert fields_of(response) == ["after"]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/keys", {"user_id": MAX_ID + 1}, "user_id"),
        ("/relations", {"source_id": MAX_ID + 1, "target_id": 1, "type": "owns"}, "source_id"),
        ("/relations", {"source_id": 1, "target_id": 0, "type": "owns"}, "target_id"),
        ("/graph/exposed", {"subject_ids": [1, MAX_ID + 1]}, "subject_ids.1"),
        (
            "/judgements",
            {"subjects": [1, MAX_ID + 1], "decision": "same", "reason": "r"},
            "subjects.1",
        ),
        (
            "/dispositions",
            {
                "query": {"id": "q", "names": ["A Name"]},
                "subject_id": 2**64,
                "decision": "unsure",
                "reason": "r",
            },
            "subject_id",
        ),
    ],
)
def test_a_body_id_beyond_64_bits_is_422_naming_it(
    client: TestClient, world: World, path: str, body: dict[str, Any], field: str
) -> None:
    response = _unchanged(client, world, "POST", f"{API}{path}", json=body)
    assert fields_of(response) == [field]


def test_the_largest_id_is_merely_not_found(client: TestClient, world: World) -> None:
    response = _unchanged(client, world, "GET", f"{API}/subjects/{MAX_ID}")
    assert response.status_code == 404


def test_a_last_event_id_beyond_64_bits_is_422(client: TestClient, world: World) -> None:
    headers = {**world.auth("AAA", "duty-officer"), "Last-Event-ID": BEYOND}
    response = client.get(f"{API}/alerts/stream", headers=headers, params={"wait": 0.01})
    assert fields_of(response) == ["Last-Event-ID"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"schema": "Person", "statements": [', "JSON decode error"),
        (b'{"schema": "P\xe9rson", "statements": []}', "is not valid UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "is nested too deeply"),
        (b'{"schema": ' + b"9" * 5000 + b"}", "is not valid JSON"),
    ],
    ids=["truncated", "latin-1", "nested", "digits"],
)
def test_a_body_that_is_not_json_in_utf8_is_422_invalid_input(
    client: TestClient, world: World, content: bytes, message: str
) -> None:
    headers = {"content-type": "application/json"}
    response = _unchanged(client, world, "POST", f"{API}/subjects", headers, content=content)
    assert fields_of(response) == ["body"]
    assert response.json()["error"]["details"] == [{"field": "body", "message": message}]
