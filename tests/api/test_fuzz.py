"""A schema-driven fuzz run of the whole API (schemathesis), bounded and reproducible.

Every operation of ``/openapi.json`` gets schemathesis' coverage cases (each parameter and
field at and beyond its bounds: ids of 2**63 − 1 and 2**63, 0, wrong types, missing and
unknown fields) and a few generated requests that fit the schema or break it (NUL bytes
and other odd text among them), sent in-process over ASGI with the key of a ``world`` user
whose role may use the operation, on SQLite and on PostgreSQL (where NUL bytes used to
crash). Each answer must be no server error, carry a documented status and content type,
and match the documented body schema. Derandomized and without shrinking: the same cases
every run, a failure reported as generated. All failures are collected, then reported
together.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ictd.api import create_app
from ictd.settings import Settings
from tests.world import World

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 10  # per operation and generation mode: the run stays within a minute or two
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=list(HealthCheck),
)
ROLES = (  # the first path prefix that matches picks the role whose key is sent
    ("/api/v1/agencies", "agency-admin"),
    ("/api/v1/users", "agency-admin"),
    ("/api/v1/keys", "agency-admin"),
    ("/api/v1/webhooks", "agency-admin"),
    ("/api/v1/audit", "auditor"),
    ("/api/v1/alerts", "duty-officer"),
    ("/api/v1/", "analyst"),
)
STREAM = "/api/v1/alerts/stream"


@schemathesis.serializer("application/edifact")
def _edifact(ctx: Any, value: Any) -> bytes:
    """Raw UN/EDIFACT bodies (``POST /manifests``) are text: sent as its UTF-8 bytes."""
    return value if isinstance(value, bytes) else str(value).encode("utf-8")


@pytest.fixture
def fuzz_app(world: World) -> Iterator[FastAPI]:
    """The API on the ``world`` store, without background threads (as ``client``)."""
    app = create_app(
        Settings(
            database_url=world.store.url,
            environment="test",
            dispatcher_enabled=False,
            build_index_on_start=False,
            xref_follow_seconds=0,
            jobs_interval_seconds=0,
        ),
        world.store,
    )
    with TestClient(app):  # the lifespan: the server's parts start, and stop at the end
        yield app


def _role(path: str) -> str:
    return next(role for prefix, role in ROLES if path.startswith(prefix))


def _send(case: Any, world: World) -> None:
    """Send ``case`` with the key of a user who may use its operation, and check the answer."""
    sent = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
    case.headers = {**sent, **world.auth("AAA", _role(case.operation.path))}
    if case.operation.path == STREAM:  # it ends only when told: each case waits 50 ms at most
        case.query = {**(case.query or {}), "wait": 0.05, "limit": 5}
    response = case.call()
    case.validate_response(response, checks=CHECKS)


def _cover(schema: Any, operation: Any, world: World) -> str | None:
    """Send the operation's coverage cases; the first failure, described, or None."""
    cases = schema.iter_coverage_cases(
        operation,
        generation_modes=list(GenerationMode),
        generation_config=schema.config.generation,
    )
    for case in cases:
        try:
            _send(case, world)
        except Exception as err:  # a failed check: report every operation at once
            return f"{operation.method.upper()} {operation.path} (coverage): {err}"
    return None


def _fuzz(operation: Any, mode: GenerationMode, world: World) -> str | None:
    """Run one operation's generated cases in one mode; the first failure, or None."""
    headers = world.auth("AAA", _role(operation.path))
    strategy = operation.as_strategy(generation_mode=mode, headers=headers)

    @FUZZ
    @given(case=strategy)
    def run(case: Any) -> None:
        _send(case, world)

    try:
        run()
    except Unsatisfiable:  # nothing to break: an operation without parameters or body
        assert mode is GenerationMode.NEGATIVE, operation.path
    except Exception as err:  # a failed check: keep going, report every operation at once
        return f"{operation.method.upper()} {operation.path} ({mode.value}): {err}"
    return None


def test_api_answers_as_documented(fuzz_app: FastAPI, world: World) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", fuzz_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 50
    failures = [f for operation in operations if (f := _cover(schema, operation, world))]
    failures += [
        failure
        for operation in operations
        for mode in GenerationMode
        if (failure := _fuzz(operation, mode, world)) is not None
    ]
    assert not failures, "\n\n".join(failures)
