"""The short way through FastAPI of ``POST /screen`` and ``POST /movements``
(``ictd.api.lean``), on both databases: a well-formed request does not go through
FastAPI's dependency solving; every answer, good or bad, is the one FastAPI's own handler
gives (dependency overrides, set here, send a request FastAPI's way); a key revoked by
another process still stops working once the key cache's entry is at its age limit; an
answered movement's audit event is committed and on the chain. (A screening's:
``tests/registry/test_audit_append.py``.)"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import fastapi.routing
import pytest
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.testclient import TestClient
from pydantic import BaseModel

from ictd.api.deps import CurrentActor, refuse_control_text
from ictd.api.lean import LeanRoute, lean_shape
from ictd.registry import accounts, audit
from ictd.security.actor import Actor
from ictd.store import Store
from tests.alerts.support import listed, movement
from tests.world import World, app_with_key_cache

API = "/api/v1"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def app(world: World) -> FastAPI:
    return app_with_key_cache(world)


@pytest.fixture
def api(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


def _screening(name: str = "Nobody Listed Here") -> dict[str, Any]:
    return {"queries": [{"id": "q", "names": [name]}]}


def test_well_formed_single_requests_solve_no_dependencies(
    api: TestClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    solved: list[str] = []
    original = fastapi.routing.solve_dependencies

    async def counted(**kwargs: Any) -> Any:
        solved.append(kwargs["request"].url.path)
        return await original(**kwargs)

    monkeypatch.setattr(fastapi.routing, "solve_dependencies", counted)
    headers = world.auth("BBB", "screener")
    assert api.post(f"{API}/screen", json=_screening(), headers=headers).status_code == 200
    answer = api.post(f"{API}/movements", json={"movements": [movement("m-1")]}, headers=headers)
    assert answer.status_code == 200, answer.text
    assert solved == []
    # a body its model refuses goes FastAPI's way, and is answered 422 naming the field
    bad = api.post(f"{API}/screen", json={"queries": [{"id": "q", "names": []}]}, headers=headers)
    assert bad.status_code == 422
    assert "queries.0.names" in bad.text
    assert solved == [f"{API}/screen"]


_CASES: dict[str, tuple[str, Any, dict[str, str]]] = {
    "screen-ok": ("screen", _screening("Hamza bin Laden"), {}),
    "screen-miss": ("screen", _screening(), {}),
    "bad-json": ("screen", b'{"queries": [', {"content-type": "application/json"}),
    "not-json": ("screen", b"queries", {"content-type": "text/plain"}),
    "no-content-type": ("screen", b'{"queries": []}', {"content-type": ""}),
    "json-with-charset": (
        "screen",
        b'{"queries": [{"id": "q", "names": ["A B"]}]}',
        {"content-type": "application/json; charset=utf-8"},
    ),
    "no-key": ("screen", _screening(), {"authorization": ""}),
    "wrong-key": ("screen", _screening(), {"authorization": "Bearer ictd_nothing.wrong"}),
    "control-text": ("screen", _screening("Hamza\x07 bin Laden"), {}),
    "control-and-bad-field": (
        "screen",
        {"queries": [{"id": "q\x07", "names": []}]},
        {},
    ),
    "bad-field": ("screen", {"queries": [{"id": "q", "names": ["x" * 301]}]}, {}),
    "extra-field": ("screen", {"queries": [{"id": "q", "names": ["A B"], "x": 1}]}, {}),
    "bad-limit": ("screen", {**_screening(), "limit": 0}, {}),
    "long-purpose": ("screen", _screening(), {"x-purpose": "p" * 501}),
    "movement-bad-kind": (
        "movements",
        {"movements": [{**movement("m-9"), "kind": "teleport"}]},
        {},
    ),
    "movement-empty": ("movements", {"movements": []}, {}),
}


def _send(client: TestClient, world: World, case: str) -> tuple[int, Any]:
    route, body, extra = _CASES[case]
    headers = {**world.auth("BBB", "screener"), **extra}
    headers = {k: v for k, v in headers.items() if v}
    if isinstance(body, bytes):
        answer = client.post(f"{API}/{route}", content=body, headers=headers)
    else:
        answer = client.post(f"{API}/{route}", json=body, headers=headers)
    return answer.status_code, answer.json()


@pytest.mark.parametrize("case", sorted(_CASES))
def test_the_short_way_answers_as_fastapi_does(world: World, case: str) -> None:
    app = app_with_key_cache(world)
    with TestClient(app) as lean:
        listed(lean, world, "AAA", sharing="all")
        short = _send(lean, world, case)
        # an override (of the guard by itself) sends every request FastAPI's own way
        app.dependency_overrides[refuse_control_text] = refuse_control_text
        full = _send(lean, world, case)
    assert short == full
    if case == "screen-ok":
        assert short[1]["results"][0]["hit"] is True


def test_a_key_revoked_elsewhere_stops_both_routes_at_the_age_limit(
    app: FastAPI, world: World
) -> None:
    clock = Clock()
    app.state.server.keys.clock = clock  # the entry ages only when the clock is moved
    headers = world.auth("BBB", "screener")
    report = {"movements": [movement("m-1")]}
    with TestClient(app) as client:
        assert client.post(f"{API}/screen", json=_screening(), headers=headers).status_code == 200
        key = accounts.authenticate_token(world.store, world.tokens["BBB:screener"]).key_id
        assert key is not None
        other = Store(world.store.url)  # another process: only the database changes
        try:
            with other.begin() as session:
                session.accounts.revoke_key(key, datetime.now(UTC))
        finally:
            other.dispose()
        clock.now += 1.0  # the limit: one second
        for route, body in (("screen", _screening()), ("movements", report)):
            answer = client.post(f"{API}/{route}", json=body, headers=headers)
            assert answer.status_code == 401, route


def test_an_answered_movement_is_audited_and_on_the_chain(api: TestClient, world: World) -> None:
    other = Store(world.store.url)
    try:
        for n in range(3):
            body = {"movements": [movement(f"m-{n}")]}
            answer = api.post(f"{API}/movements", json=body, headers=world.auth("BBB", "screener"))
            assert answer.status_code == 200, answer.text
            with other.read() as session:  # another connection, as soon as the answer is in
                events = [e for e in session.audit.events() if e.action == "movement.report"]
            assert len(events) == n + 1 and events[-1].agency == "BBB"
    finally:
        other.dispose()
    assert audit.verify(world.store, Actor.system("test")).ok


class _Body(BaseModel):
    name: str


class _Answer(BaseModel):
    name: str


def test_only_routes_of_the_known_shape_take_the_short_way() -> None:
    router = APIRouter(route_class=LeanRoute, dependencies=[Depends(refuse_control_text)])

    @router.post("/plain")
    async def plain(body: _Body, actor: CurrentActor, request: Request) -> dict[str, Any]:
        return {}

    @router.post("/filtered")
    async def filtered(body: _Body, actor: CurrentActor, request: Request) -> _Answer:
        return _Answer(name=body.name)

    @router.post("/unguarded")
    async def unguarded(body: _Body, actor: CurrentActor) -> dict[str, Any]:
        return {}

    shapes = {route.path: lean_shape(route) for route in router.routes}  # type: ignore[attr-defined]
    # a response model filters the answer: only FastAPI's own handler applies it
    assert shapes == {"/plain": _Body, "/filtered": None, "/unguarded": None}
