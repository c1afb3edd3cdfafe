"""The OpenAPI document: bounded numbers, the error responses of every operation in the one
shape, the enums of fixed words and the media type of the event stream.

These walk the whole document, so a new route that forgets a bound or an error response
fails here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from ictd.api import create_app
from ictd.model import Action, Role, Sharing
from ictd.model.movement import KINDS
from ictd.model.text import MAX_ID
from ictd.settings import Settings
from ictd.store import Store

API = "/api/v1"
METHODS = ("get", "post", "put", "patch", "delete")
ID_FIELD = re.compile(r"(_id|\.subject_ids\.items|\.subjects\.items)$")


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    store = Store("sqlite://")
    try:
        return create_app(Settings(database_url="sqlite://"), store).openapi()
    finally:
        store.dispose()


def _resolve(document: dict[str, Any], node: Any) -> Any:
    if isinstance(node, dict) and "$ref" in node:
        name = node["$ref"].rpartition("/")[2]
        return document["components"]["schemas"][name]
    return node


def _integers(document: dict[str, Any], node: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every integer schema under ``node`` (through ``$ref``s), with where it is."""
    node = _resolve(document, node)
    if isinstance(node, dict):
        if node.get("type") == "integer":
            yield path, node
        for key, value in node.items():
            if key != "$ref":
                yield from _integers(document, value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _integers(document, value, f"{path}.{i}")


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method in METHODS:
                yield method, path, operation


def _request_integers(document: dict[str, Any]) -> list[tuple[str, Any]]:
    found = []
    for method, path, operation in _operations(document):
        where = f"{method.upper()} {path}"
        for parameter in operation.get("parameters", []):
            name = f"{where} {parameter['in']} {parameter['name']}"
            found += _integers(document, parameter["schema"], name)
        body = operation.get("requestBody", {}).get("content", {})
        for media, content in body.items():
            found += _integers(document, content.get("schema"), f"{where} body {media}")
    return found


def test_every_integer_a_request_carries_has_both_bounds(document: dict[str, Any]) -> None:
    integers = _request_integers(document)
    assert len(integers) > 40
    unbounded = [where for where, schema in integers if "maximum" not in schema]
    assert not unbounded, f"integers without a maximum: {unbounded}"
    no_floor = [where for where, schema in integers if "minimum" not in schema]
    assert not no_floor, f"integers without a minimum: {no_floor}"
    for where, schema in integers:
        assert isinstance(schema["maximum"], int), where  # 2**63 − 1 does not survive a float
        assert schema["maximum"] <= MAX_ID, where


def test_every_id_and_cursor_is_bounded_to_64_bits(document: dict[str, Any]) -> None:
    integers = dict(_request_integers(document))
    assert integers[f"GET {API}/subjects/{{subject_id}} path subject_id"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": MAX_ID,
        "title": "Subject Id",
    }
    after = [s for w, s in integers.items() if " query after" in w]
    assert len(after) >= 7
    assert all(s["minimum"] == 0 and s["maximum"] == MAX_ID for s in after)
    body = [s for w, s in integers.items() if " body " in w and ID_FIELD.search(w)]
    assert len(body) >= 6
    assert all(s["minimum"] == 1 and s["maximum"] == MAX_ID for s in body)


def test_every_operation_documents_its_errors_in_the_one_shape(
    document: dict[str, Any],
) -> None:
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    assert schemas["Error"]["required"] == ["error"]
    assert schemas["Error"]["properties"]["error"]["required"] == ["code", "message", "details"]
    operations = list(_operations(document))
    assert len(operations) > 50
    for method, path, operation in operations:
        responses = operation["responses"]
        errors = {int(s) for s in responses if s.startswith(("4", "5"))}
        if path == f"{API}/health":
            assert errors == set()
            continue
        expected = {401, 422}
        if "{" in path:
            expected.add(404)
        if method != "get":
            expected.add(409)
        if "requestBody" in operation:
            expected.add(413)
        assert expected <= errors, (method, path, sorted(errors))
        for status in errors:
            content = responses[str(status)]["content"]
            assert content == {
                "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
            }, (method, path, status)


def test_every_operation_with_a_key_documents_the_key_and_purpose_headers(
    document: dict[str, Any],
) -> None:
    # read from the request by get_actor, not FastAPI parameters: the document adds them
    operations = list(_operations(document))
    for method, path, operation in operations:
        headers = [(p["name"], p["required"]) for p in operation.get("parameters", [])]
        if path == f"{API}/health":
            assert headers == [], (method, path)
            continue
        assert headers[-2:] == [("authorization", False), ("x-purpose", False)], (method, path)
    stream = document["paths"][f"{API}/alerts/stream"]["get"]["parameters"]
    assert [p["name"] for p in stream if p["in"] == "header"] == [
        "last-event-id",
        "authorization",
        "x-purpose",
    ]


def test_reads_any_key_may_do_are_never_403_and_writes_may_be(document: dict[str, Any]) -> None:
    paths = document["paths"]
    assert "403" not in paths[f"{API}/me"]["get"]["responses"]
    assert "403" in paths[f"{API}/subjects"]["post"]["responses"]
    assert "403" in paths[f"{API}/audit/events"]["get"]["responses"]
    assert "404" in paths[f"{API}/relations"]["post"]["responses"]  # it names two subjects


def _property(document: dict[str, Any], schema: str, name: str) -> dict[str, Any]:
    node = document["components"]["schemas"][schema]["properties"][name]
    options = node.get("anyOf", [node])
    typed = [_resolve(document, o) for o in options if o.get("type") != "null"]
    found = typed[0]
    return dict(found.get("items", found)) if found.get("type") == "array" else dict(found)


@pytest.mark.parametrize(
    ("schema", "name", "words"),
    [
        ("UserIn", "roles", sorted(r.value for r in Role)),
        ("ListingIn", "actions", sorted(a.value for a in Action)),
        ("ListingPatch", "sharing", sorted(s.value for s in Sharing)),
        ("ListingPatch", "handling", ["H0", "H1", "H2", "H3"]),
        (
            "ListingPatch",
            "status",
            ["active", "draft", "expired", "refused", "submitted", "withdrawn"],
        ),
        ("DispositionIn", "decision", ["confirmed", "false-match", "unsure"]),
        ("JudgementIn", "decision", ["not-same", "same", "unsure"]),
        ("OutcomeIn", "outcome", ["detained", "located", "not-found", "other", "refused-entry"]),
        ("MovementIn", "kind", sorted(KINDS)),
        ("RelationIn", "type", None),
        ("SubjectIn", "schema", None),
    ],
)
def test_fixed_words_are_documented_as_enums(
    document: dict[str, Any], schema: str, name: str, words: list[str] | None
) -> None:
    found = _property(document, schema, name)
    assert found["enum"], (schema, name)
    if words is not None:
        assert found["enum"] == words


def test_listing_accuracy_is_a_documented_range(document: dict[str, Any]) -> None:
    accuracy = _property(document, "ListingPatch", "accuracy")
    assert (accuracy["minimum"], accuracy["maximum"]) == (1, 4)


def test_the_alert_stream_is_documented_as_server_sent_events(document: dict[str, Any]) -> None:
    ok = document["paths"][f"{API}/alerts/stream"]["get"]["responses"]["200"]
    assert list(ok["content"]) == ["text/event-stream"]
