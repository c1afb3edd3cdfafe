"""The OpenAPI document: FastAPI's, with each operation's error responses in the one shape.

Every operation under ``/api/v1`` but ``/health`` documents the errors it can answer, each
with the ``Error`` schema (``{"error": {"code", "message", "details"}}``):

- the ``Authorization`` and ``X-Purpose`` headers (``KEY_HEADERS``) on every operation
  that takes a key (``takes_key``): ``ictd.api.deps.get_actor`` reads them from the
  request itself, so FastAPI does not list them;
- 401 and 422 on every operation with a key (``X-Purpose`` is checked on each);
- 403 wherever the access policy can refuse (all but a few reads any key may do);
- 404 where a path names a record, and for the bodies that name one (``NAMES_A_RECORD``);
- 409 on every write (POST, PATCH, DELETE); 413 on every operation with a body.

FastAPI keeps numeric bounds as floats, which cannot hold 2**63 − 1: integer bounds are put
back as integers here. A test (``tests/api/test_openapi.py``) holds the document to this,
and a schema-driven fuzz run (``tests/api/test_fuzz.py``) holds the API to the document.
"""

from __future__ import annotations

import copy
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from ictd.model.text import MAX_ID

__all__ = ["ERROR_SCHEMA", "KEY_HEADERS", "install_openapi"]

API = "/api/v1"
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "The one error shape of the API.",
    "required": ["error"],
    "additionalProperties": False,
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "details"],
            "additionalProperties": False,
            "properties": {
                "code": {"type": "string", "description": "A stable word: `not_found` …"},
                "message": {"type": "string", "description": "For humans."},
                "details": {
                    "description": "For bad input (422), each field at fault; else data "
                    "about the error, or null.",
                    "anyOf": [
                        {"type": "null"},
                        {"type": "array", "items": {"$ref": "#/components/schemas/FieldError"}},
                        {"type": "object"},
                        {"type": "string"},
                    ],
                },
            },
        }
    },
}
FIELD_ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["field", "message"],
    "properties": {
        "field": {"type": "string", "description": "Dotted path: `statements.1.value`."},
        "message": {"type": "string"},
    },
}
DESCRIPTIONS = {
    401: "No valid API key (`Authorization: Bearer <key>`).",
    403: "Refused by the access policy (audited).",
    404: "No such record, or not one the caller may see.",
    409: "Conflicts with the current state of the record.",
    413: "The request body is larger than the server accepts.",
    422: "Invalid input: `details` names each field at fault; nothing was changed.",
}
ANY_KEY_READS = frozenset(
    {("get", f"{API}/me"), ("get", f"{API}/agencies"), ("get", f"{API}/agencies/{{code}}")}
)
"""Reads any valid key may do: never 403."""
NAMES_A_RECORD = frozenset(
    {
        ("post", f"{API}/users"),
        ("post", f"{API}/keys"),
        ("post", f"{API}/relations"),
        ("post", f"{API}/judgements"),
        ("post", f"{API}/dispositions"),
    }
)
"""Operations without a path id whose body names a record (or an agency) that may not be."""
WRITES = frozenset({"post", "put", "patch", "delete"})
_OPTIONAL_TEXT = {"anyOf": [{"type": "string"}, {"type": "null"}]}
KEY_HEADERS: tuple[dict[str, Any], ...] = (
    {
        "name": "authorization",
        "in": "header",
        "required": False,
        "schema": {**_OPTIONAL_TEXT, "title": "Authorization"},
    },
    {
        "name": "x-purpose",
        "in": "header",
        "required": False,
        "schema": {**_OPTIONAL_TEXT, "title": "X-Purpose"},
    },
)
"""The headers ``get_actor`` reads, as FastAPI documented them when they were ``Header()``
parameters: last among an operation's parameters."""


def error_statuses(method: str, path: str, operation: dict[str, Any]) -> list[int]:
    """The error statuses one operation documents."""
    if not takes_key(path):
        return []
    statuses = {401, 422}
    if (method, path) not in ANY_KEY_READS:
        statuses.add(403)
    in_path = any(p.get("in") == "path" for p in operation.get("parameters", []))
    if in_path or (method, path) in NAMES_A_RECORD:
        statuses.add(404)
    if method in WRITES:
        statuses.add(409)
    if "requestBody" in operation:
        statuses.add(413)
    return sorted(statuses)


def _error_response(status: int) -> dict[str, Any]:
    schema = {"$ref": "#/components/schemas/Error"}
    return {
        "description": DESCRIPTIONS[status],
        "content": {"application/json": {"schema": schema}},
    }


def _integer_bounds(node: Any) -> None:
    """Put integer bounds back as integers (FastAPI's model turns them into floats)."""
    if isinstance(node, dict):
        if node.get("type") == "integer":
            for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
                if isinstance(node.get(key), float):
                    bound = node[key]
                    node[key] = MAX_ID if bound == float(MAX_ID) else int(bound)
        for value in node.values():
            _integer_bounds(value)
    elif isinstance(node, list):
        for value in node:
            _integer_bounds(value)


def takes_key(path: str) -> bool:
    """True for the operations that take an API key: all under ``/api/v1`` but ``/health``."""
    return path.startswith(API) and path != f"{API}/health"


def _with_key_headers(operation: dict[str, Any]) -> dict[str, Any]:
    """``operation`` with ``KEY_HEADERS`` after its parameters, keys in FastAPI's order."""
    parameters = [*operation.get("parameters", []), *copy.deepcopy(KEY_HEADERS)]
    rebuilt: dict[str, Any] = {}
    for key, value in operation.items():
        if key in ("requestBody", "responses") and "parameters" not in rebuilt:
            rebuilt["parameters"] = parameters
        if key != "parameters":
            rebuilt[key] = value
    rebuilt.setdefault("parameters", parameters)
    return rebuilt


def build_openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document for ``app`` with the error responses and integer bounds."""
    schema = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    components["Error"] = ERROR_SCHEMA
    components["FieldError"] = FIELD_ERROR_SCHEMA
    for path, operations in schema.get("paths", {}).items():
        for method, operation in list(operations.items()):
            if takes_key(path):
                operation = operations[method] = _with_key_headers(operation)
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            for status in error_statuses(method, path, operation):
                responses[str(status)] = _error_response(status)
    _integer_bounds(schema)
    return schema


def install_openapi(app: FastAPI) -> None:
    """Serve ``build_openapi``'s document at ``/openapi.json`` (built once, on first use)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build_openapi(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented override
