"""The one error shape, the exception-to-status table, authentication on every route, the
body-size limit, and a guard that every route of the OpenAPI schema has a test.

The helpers at the top (``error_of``, ``fields_of``, ``business_rows``, ``audit_seq``,
``denied``, ``refused_reads``) are shared by the other API test modules.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import ictd
from ictd import exc
from ictd.api import create_app
from ictd.edge import STATUS, status_of
from ictd.registry import accounts
from ictd.security.actor import Actor
from ictd.settings import Settings
from ictd.store import Store
from tests.world import World

API = "/api/v1"
COVERED = {("GET", f"{API}/health")}

# --- shared helpers -------------------------------------------------------------------------


def error_of(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    """The ``error`` object of a refused request, after checking the one error shape."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"code", "message", "details"}, error
    assert isinstance(error["code"], str)
    assert isinstance(error["message"], str)
    assert error["message"]
    if code is not None:
        assert error["code"] == code, error
    return dict(error)


def fields_of(response: httpx.Response) -> list[str]:
    """The fields a 422 answer names, in order."""
    error = error_of(response, 422, "invalid_input")
    assert isinstance(error["details"], list)
    assert error["details"], error
    return [d["field"] for d in error["details"]]


def business_rows(store: Store) -> dict[str, Any]:
    """Every business record as plain data: agencies, users, keys, subjects with all their
    statements, listings, relations (retracted too) and sources. A refused request must
    leave this unchanged. Keys' ``last_used_at`` is left out: authenticating touches it."""
    with store.begin() as session:
        ids = session.subjects.list_ids(None, 0, 1_000_000)
        users = session.accounts.list_users()
        keys = session.accounts.list_keys([u.id for u in users if u.id is not None])
        return {
            "agencies": [a.to_dict() for a in session.accounts.list_agencies()],
            "users": [u.to_dict() for u in users],
            "keys": [{**k.to_dict(), "last_used_at": None} for k in keys],
            "subjects": [
                s.to_dict(include_retracted=True) for s in session.subjects.get_many(ids, True)
            ],
            "listings": [x.to_dict() for x in session.listings.of_subjects(ids)],
            "relations": [
                r.to_dict() for r in session.relations.of_subjects(ids, with_retracted=True)
            ],
            "sources": [s.to_dict() for s in session.sources.all()],
        }


def audit_seq(store: Store) -> int:
    """The sequence number of the newest audit event."""
    with store.begin() as session:
        return session.audit.head()[0]


def audit_events(store: Store, after: int = 0) -> list[Any]:
    with store.begin() as session:
        return [e for e in session.audit.events() if e.seq > after]


def denied(store: Store, response: httpx.Response, seq_before: int) -> dict[str, Any]:
    """Check a 403 in the error shape, audited as exactly one ``access.denied`` event."""
    error = error_of(response, 403, "forbidden")
    new = audit_events(store, seq_before)
    assert [e.action for e in new] == ["access.denied"], [e.action for e in new]
    assert new[0].detail["path"] == response.request.url.path
    assert new[0].detail["method"] == response.request.method
    return error


def refused_reads(store: Store, seq_before: int) -> list[tuple[str, list[str], list[str]]]:
    """The audit events since ``seq_before``, which must all be refused reads of hidden
    records: ``(action, targets, owners)`` of each (a 404 for a missing record writes none)."""
    new = audit_events(store, seq_before)
    assert all(e.action.endswith(".read.refused") for e in new), [e.action for e in new]
    return [(e.action, list(e.targets), e.detail["owners"]) for e in new]


# --- the error shape and the status table ---------------------------------------------------


def ictd_error_classes() -> list[type[exc.IctdError]]:
    """Every exception class ``ictd.exc`` defines (a new one is picked up automatically)."""
    return [
        cls
        for _name, cls in inspect.getmembers(exc, inspect.isclass)
        if issubclass(cls, exc.IctdError) and cls.__module__ == exc.__name__
    ]


EXPECTED_STATUS = {
    exc.IctdError: 500,
    exc.InvalidInput: 422,
    exc.Unauthenticated: 401,
    exc.Forbidden: 403,
    exc.NotFound: 404,
    exc.Conflict: 409,
    exc.Throttled: 429,
    exc.SourceError: 502,
    exc.StoreError: 503,
}


def test_every_exception_class_has_its_own_status() -> None:
    classes = ictd_error_classes()
    assert exc.IctdError in classes
    assert len(classes) >= len(EXPECTED_STATUS)
    for cls in classes:
        assert cls in STATUS, f"{cls.__name__} has no entry in ictd.api.errors.STATUS"
        assert cls in EXPECTED_STATUS, f"{cls.__name__} is new: add its status to this test"
        assert STATUS[cls] == EXPECTED_STATUS[cls]
        assert status_of(cls("boom")) == EXPECTED_STATUS[cls]


def test_status_of_a_subclass_follows_its_parent() -> None:
    class Gone(exc.NotFound):
        pass

    assert status_of(Gone("gone")) == 404


@pytest.fixture
def bare_store(tmp_path: Path) -> Iterator[Store]:
    """A store no handler touches: the exception handlers need no database."""
    store = Store(f"sqlite:///{tmp_path / 'unused.db'}")
    yield store
    store.dispose()


@pytest.mark.parametrize("cls", ictd_error_classes(), ids=lambda c: c.__name__)
def test_each_exception_answers_its_status_in_the_error_shape(
    cls: type[exc.IctdError], bare_store: Store
) -> None:
    app: FastAPI = create_app(Settings(database_url=bare_store.url), bare_store)

    def boom() -> None:
        raise cls("it went wrong")

    app.add_api_route("/boom", boom)
    with TestClient(app) as client:
        response = client.get("/boom")
    error = error_of(response, EXPECTED_STATUS[cls], cls.code)
    assert error["message"] == "it went wrong"
    if cls is exc.Unauthenticated:
        assert response.headers["www-authenticate"] == "Bearer"
    if cls is exc.Throttled:
        assert response.headers["retry-after"] == "1"


def test_invalid_input_lists_every_field(bare_store: Store) -> None:
    app = create_app(Settings(database_url=bare_store.url), bare_store)

    def boom() -> None:
        raise exc.InvalidInput(
            "invalid", [exc.FieldError("a.0", "bad"), exc.FieldError("b", "worse")]
        )

    app.add_api_route("/boom", boom)
    with TestClient(app) as client:
        error = error_of(client.get("/boom"), 422, "invalid_input")
    assert error["details"] == [
        {"field": "a.0", "message": "bad"},
        {"field": "b", "message": "worse"},
    ]


def test_error_shape_is_pinned(client: TestClient, world: World) -> None:
    response = client.get(f"{API}/subjects/999999", headers=world.auth("AAA", "analyst"))
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {
        "error": {"code": "not_found", "message": "subject 999999 does not exist", "details": None}
    }


def test_unknown_route_and_wrong_method_answer_in_the_error_shape(client: TestClient) -> None:
    error = error_of(client.get(f"{API}/no-such-thing"), 404, "not_found")
    assert error["details"] is None
    error_of(client.delete(f"{API}/agencies"), 405, "method_not_allowed")


def test_validation_errors_name_the_field(client: TestClient, world: World) -> None:
    auth = world.auth("AAA", "analyst")
    name = {"prop": "name", "value": "A Name"}
    wrong_type = client.post(
        f"{API}/subjects", json={"schema": "Person", "statements": "x"}, headers=auth
    )
    assert fields_of(wrong_type) == ["statements"]
    unknown = client.post(
        f"{API}/subjects",
        json={"schema": "Person", "statements": [name], "colour": "red"},
        headers=auth,
    )
    assert fields_of(unknown) == ["colour"]
    missing = client.post(f"{API}/subjects", json={"statements": [name]}, headers=auth)
    assert fields_of(missing) == ["schema"]
    query = client.get(f"{API}/subjects", params={"limit": "many"}, headers=auth)
    assert fields_of(query) == ["limit"]
    message = error_of(unknown, 422)["message"]
    assert "colour" in message


def test_malformed_json_is_422_and_writes_nothing(client: TestClient, world: World) -> None:
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.post(
        f"{API}/subjects",
        content=b'{"schema": "Person", "statements": [',
        headers={**world.auth("AAA", "analyst"), "content-type": "application/json"},
    )
    error_of(response, 422, "invalid_input")
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


def test_malformed_json_names_the_body(client: TestClient, world: World) -> None:
    response = client.post(
        f"{API}/subjects",
        content=b'{"schema": "Person", "statements": [',
        headers={**world.auth("AAA", "analyst"), "content-type": "application/json"},
    )
    assert fields_of(response) == ["body"]


def test_x_purpose_is_bounded(client: TestClient, world: World) -> None:
    auth = world.auth("AAA", "analyst")
    assert client.get(f"{API}/me", headers={**auth, "X-Purpose": "p" * 500}).status_code == 200
    response = client.get(f"{API}/me", headers={**auth, "X-Purpose": "p" * 501})
    assert fields_of(response) == ["X-Purpose"]


# --- body size limit ------------------------------------------------------------------------


@pytest.fixture
def small_client(world: World) -> Iterator[TestClient]:
    """The API with a 2 KiB request body limit."""
    settings = Settings(
        database_url=world.store.url,
        environment="test",
        max_body_bytes=2048,
        xref_follow_seconds=0,
        jobs_interval_seconds=0,
    )
    with TestClient(create_app(settings, world.store)) as client:
        yield client


def _big_subject() -> dict[str, Any]:
    return {"schema": "Person", "statements": [{"prop": "name", "value": "x" * 3000}]}


def test_body_over_the_limit_is_413_and_writes_nothing(
    small_client: TestClient, world: World
) -> None:
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = small_client.post(
        f"{API}/subjects", json=_big_subject(), headers=world.auth("AAA", "analyst")
    )
    error = error_of(response, 413, "too_large")
    assert error["details"] == {"field": "body", "limit": 2048}
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq
    small = {"schema": "Person", "statements": [{"prop": "name", "value": "Small Name"}]}
    ok = small_client.post(f"{API}/subjects", json=small, headers=world.auth("AAA", "analyst"))
    assert ok.status_code == 201, ok.text


def test_streamed_body_over_the_limit_is_413(small_client: TestClient, world: World) -> None:
    data = json.dumps(_big_subject()).encode()

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(data), 500):
            yield data[start : start + 500]

    response = small_client.post(
        f"{API}/subjects",
        content=chunks(),
        headers={**world.auth("AAA", "analyst"), "content-type": "application/json"},
    )
    error_of(response, 413, "too_large")


def test_streamed_body_over_the_limit_writes_nothing(
    small_client: TestClient, world: World
) -> None:
    before, seq = business_rows(world.store), audit_seq(world.store)
    data = json.dumps(_big_subject()).encode()
    response = small_client.post(
        f"{API}/subjects",
        content=iter([data[:1500], data[1500:]]),
        headers={**world.auth("AAA", "analyst"), "content-type": "application/json"},
    )
    assert 400 <= response.status_code < 500
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


# --- authentication on every route ----------------------------------------------------------


def _routes() -> list[tuple[str, str]]:
    store = Store("sqlite://")
    try:
        paths = create_app(Settings(database_url="sqlite://"), store).openapi()["paths"]
    finally:
        store.dispose()
    return sorted((m.upper(), p) for p, ops in paths.items() for m in ops)


ROUTES = _routes()
GUARDED = [r for r in ROUTES if r != ("GET", f"{API}/health")]


def _bad_credentials(world: World) -> dict[str, dict[str, str]]:
    """Authorization headers that must all be refused with 401."""
    system = Actor.system("tests")
    store = world.store
    analyst = world.actor("AAA", "analyst")
    assert analyst.user_id is not None
    revoked_key, revoked = accounts.create_key(store, system, analyst.user_id)
    assert revoked_key.id is not None
    accounts.revoke_key(store, system, revoked_key.id)
    past = datetime.now(UTC) - timedelta(days=3)
    _key, expired = accounts.create_key(store, system, analyst.user_id, expires_days=1, now=past)
    user = accounts.create_user(store, system, "gone@aaa.example", "AAA", ["analyst"])
    assert user.id is not None
    _key, disabled = accounts.create_key(store, system, user.id)
    accounts.update_user(store, system, user.id, disabled=True)
    good = world.tokens["AAA:analyst"]
    prefix = good.split("_")[1]
    return {
        "missing": {},
        "empty": {"Authorization": ""},
        "basic scheme": {"Authorization": "Basic dXNlcjpwYXNz"},
        "bearer without token": {"Authorization": "Bearer "},
        "lower-case scheme": {"Authorization": f"bearer {good}"},
        "upper-case scheme": {"Authorization": f"BEARER {good}"},
        "trailing space": {"Authorization": f"Bearer {good} "},
        "two spaces": {"Authorization": f"Bearer  {good}"},
        "tab": {"Authorization": f"Bearer\t{good}"},
        "more after the key": {"Authorization": f"Bearer {good} {good}"},
        "malformed token": {"Authorization": "Bearer not-a-key"},
        "unknown key": {"Authorization": "Bearer ictd_000000000000_nothing"},
        "wrong secret": {"Authorization": f"Bearer ictd_{prefix}_wrong-secret"},
        "revoked": {"Authorization": f"Bearer {revoked}"},
        "expired": {"Authorization": f"Bearer {expired}"},
        "disabled user": {"Authorization": f"Bearer {disabled}"},
    }


@pytest.mark.parametrize(("method", "path"), GUARDED, ids=[f"{m} {p}" for m, p in GUARDED])
def test_every_route_refuses_bad_keys_and_writes_nothing(
    client: TestClient, world: World, method: str, path: str
) -> None:
    url = re.sub(r"\{[^}]+\}", "1", path.replace("{code}", "AAA"))
    credentials = _bad_credentials(world)
    before, seq = business_rows(world.store), audit_seq(world.store)
    for kind, headers in credentials.items():
        body = {} if method in ("POST", "PATCH") else None
        response = client.request(method, url, json=body, headers=headers)
        error = error_of(response, 401, "unauthenticated")
        assert response.headers["www-authenticate"] == "Bearer", kind
        assert "Bearer" in error["message"] or "key" in error["message"], kind
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


def test_good_key_passes(client: TestClient, world: World) -> None:
    response = client.get(f"{API}/me", headers=world.auth("AAA", "analyst"))
    assert response.status_code == 200
    assert response.json()["agency"] == "AAA"


# --- health, OpenAPI, and a test for every route --------------------------------------------


def test_health_needs_no_key(client: TestClient, world: World) -> None:
    response = client.get(f"{API}/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "version": ictd.__version__,
        "database": world.store.dialect,
        "ready": True,
    }


def test_openapi_schema_is_served(client: TestClient) -> None:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "ICTD API"
    assert schema["info"]["version"] == ictd.__version__
    served = sorted((m.upper(), p) for p, ops in schema["paths"].items() for m in ops)
    assert served == ROUTES
    assert f"{API}/subjects/{{subject_id}}" in schema["paths"]


# API test modules kept beside their capability's other tests; each declares ``COVERED``.
API_TESTS_ELSEWHERE = (
    "tests.documents.test_api",
    "tests.targeting.test_rules",
    "tests.signals.test_api",
)

# Routes whose tests live in a module that does not declare ``COVERED`` yet: the module
# named must exist and mention the route. Prefer adding ``COVERED`` to that module.
TESTED_ELSEWHERE = {
    ("POST", f"{API}/screen"): "test_screening_api.py",
    ("GET", f"{API}/dispositions"): "test_screening_api.py",
    ("POST", f"{API}/dispositions"): "test_screening_api.py",
    ("DELETE", f"{API}/dispositions/{{disposition_id}}"): "test_screening_api.py",
}


def test_every_route_has_a_test() -> None:
    """Each API test module declares the routes it tests in ``COVERED``; together they must
    cover every route of the OpenAPI schema, and claim none it does not have."""
    package = importlib.import_module("tests.api")
    covered: set[tuple[str, str]] = set()
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("test_"):
            module = importlib.import_module(f"tests.api.{info.name}")
            covered |= set(getattr(module, "COVERED", set()))
    for name in API_TESTS_ELSEWHERE:
        covered |= set(importlib.import_module(name).COVERED)
    here = Path(__file__).parent
    for (method, path), filename in TESTED_ELSEWHERE.items():
        source = (here / filename).read_text(encoding="utf-8")
        assert path.removeprefix(API).split("{")[0] in source, (method, path, filename)
        covered.add((method, path))
    missing = sorted(set(ROUTES) - covered)
    assert not missing, f"routes without a test: {missing}"
    stale = sorted(covered - set(ROUTES))
    assert not stale, f"tests claim routes the API no longer has: {stale}"
