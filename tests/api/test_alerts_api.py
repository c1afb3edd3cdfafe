"""Alerts over HTTP with two agencies, on both databases: lifecycle with notes, outcome
feedback, webhook management, and the live stream (order and resume with Last-Event-ID)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from ictd.api import create_app
from tests.alerts.support import (
    API,
    listed,
    live_server,
    movement,
    report,
    settings_for,
    sse_events,
)
from tests.world import World

_ALERT = f"{API}/alerts/{{reference}}"
_HOOK = f"{API}/webhooks/{{webhook_id}}"
COVERED = {
    ("GET", f"{API}/alerts"),
    ("GET", f"{API}/alerts/stream"),
    ("GET", _ALERT),
    ("POST", f"{_ALERT}/acknowledge"),
    ("POST", f"{_ALERT}/action"),
    ("POST", f"{_ALERT}/false-match"),
    ("POST", f"{_ALERT}/close"),
    ("POST", f"{_ALERT}/outcome"),
    ("POST", f"{API}/webhooks"),
    ("GET", f"{API}/webhooks"),
    ("GET", _HOOK),
    ("PATCH", _HOOK),
    ("DELETE", _HOOK),
    ("GET", f"{_HOOK}/deliveries"),  # in tests/alerts/test_dispatch.py
    ("POST", f"{_HOOK}/deliveries/{{delivery_id}}/redeliver"),  # same
}


@pytest.fixture
def quiet(world: World) -> Iterator[TestClient]:
    app = create_app(settings_for(world.store, dispatcher_enabled=False), world.store)
    with TestClient(app) as client:
        yield client


def _alert(client: TestClient, world: World, key: str = "m") -> str:
    (reply,) = report(client, world, movement(key))
    reference: str = reply["hits"][0]["alert"]
    return reference


def test_lifecycle_steps_with_notes(quiet: TestClient, world: World) -> None:
    listed(quiet, world, "AAA")
    ref = _alert(quiet, world)
    duty = world.auth("AAA", "duty-officer")

    def step(name: str, note: str = "checked", auth: dict[str, str] = duty) -> httpx.Response:
        return quiet.post(f"{API}/alerts/{ref}/{name}", json={"note": note}, headers=auth)

    assert step("action").status_code == 409  # must be acknowledged first
    assert step("acknowledge", "").status_code == 422  # a note is required
    assert step("acknowledge", auth=world.auth("BBB", "duty-officer")).status_code == 404
    assert step("acknowledge", auth=world.auth("AAA", "analyst")).status_code == 403
    assert step("acknowledge", "on it").json()["status"] == "acknowledged"
    assert step("acknowledge").status_code == 409
    assert step("action", "team sent").json()["status"] == "actioned"
    closed = step("close", "detained and handed over").json()
    assert closed["status"] == "closed" and closed["close_reason"] == "detained and handed over"
    alert = quiet.get(f"{API}/alerts/{ref}", headers=duty).json()
    assert [e["type"] for e in alert["events"]] == [
        "alert.created",
        "alert.acknowledged",
        "alert.actioned",
        "alert.closed",
    ]
    assert [e["note"] for e in alert["events"][1:]] == [
        "on it",
        "team sent",
        "detained and handed over",
    ]
    assert alert["movement"]["traveller"]["names"] == ["Hamza bin Laden"]
    with world.store.read() as session:
        actions = [e.action for e in session.audit.events()]
    assert {"alert.acknowledge", "alert.action", "alert.close", "movement.report"} <= set(actions)
    assert (
        quiet.get(f"{API}/alerts/{ref}", headers=world.auth("BBB", "duty-officer")).status_code
        == 404
    )


def test_false_match_path_and_filters(quiet: TestClient, world: World) -> None:
    listed(quiet, world, "AAA")
    first, second = _alert(quiet, world, "a"), _alert(quiet, world, "b")
    duty = world.auth("AAA", "duty-officer")
    quiet.post(f"{API}/alerts/{first}/acknowledge", json={"note": "seen"}, headers=duty)
    answer = quiet.post(
        f"{API}/alerts/{first}/false-match", json={"note": "other man"}, headers=duty
    )
    assert answer.json()["status"] == "false-match"
    listing = quiet.get(f"{API}/alerts", params={"status": "new"}, headers=duty).json()
    assert [a["reference"] for a in listing["items"]] == [second]
    overdue = quiet.get(f"{API}/alerts", params={"overdue": "true"}, headers=duty).json()
    assert overdue["items"] == []  # 15 minutes have not passed
    assert quiet.get(f"{API}/alerts", params={"status": "x"}, headers=duty).status_code == 422
    assert quiet.get(f"{API}/alerts", headers=world.auth("AAA", "screener")).status_code == 403


def test_outcome_by_the_reporter_is_seen_by_the_owner(quiet: TestClient, world: World) -> None:
    listed(quiet, world, "AAA")
    ref = _alert(quiet, world)
    body = {"outcome": "refused-entry", "note": "turned back at CDG"}
    owner = quiet.post(
        f"{API}/alerts/{ref}/outcome", json=body, headers=world.auth("AAA", "screener")
    )
    assert owner.status_code == 404  # only the reporting agency reports the outcome
    bad = quiet.post(
        f"{API}/alerts/{ref}/outcome", json={"outcome": "x"}, headers=world.auth("BBB", "screener")
    )
    assert bad.status_code == 422
    done = quiet.post(
        f"{API}/alerts/{ref}/outcome", json=body, headers=world.auth("BBB", "screener")
    )
    assert done.status_code == 200, done.text
    alert = quiet.get(f"{API}/alerts/{ref}", headers=world.auth("AAA", "duty-officer")).json()
    assert alert["outcome"] == "refused-entry" and alert["outcome_note"] == "turned back at CDG"
    assert alert["events"][-1]["type"] == "alert.outcome"


def test_webhook_management_by_agency_admins(quiet: TestClient, world: World) -> None:
    admin = world.auth("AAA", "agency-admin")
    body = {"url": "https://hooks.example/ictd", "events": ["alert.created"]}
    assert (
        quiet.post(f"{API}/webhooks", json=body, headers=world.auth("AAA", "analyst")).status_code
        == 403
    )
    ftp = quiet.post(f"{API}/webhooks", json={"url": "ftp://x.example/"}, headers=admin)
    assert ftp.status_code == 422
    wrong = quiet.post(f"{API}/webhooks", json={**body, "events": ["x"]}, headers=admin)
    assert wrong.status_code == 422
    created = quiet.post(f"{API}/webhooks", json=body, headers=admin)
    assert created.status_code == 201
    hook = created.json()
    assert hook["secret"].startswith("whsec_")
    listing = quiet.get(f"{API}/webhooks", headers=admin).json()["items"]
    assert [h["id"] for h in listing] == [hook["id"]] and "secret" not in listing[0]
    other = world.auth("BBB", "agency-admin")
    assert quiet.get(f"{API}/webhooks/{hook['id']}", headers=other).status_code == 404
    patched = quiet.patch(f"{API}/webhooks/{hook['id']}", json={"active": False}, headers=admin)
    assert patched.json()["active"] is False
    assert quiet.delete(f"{API}/webhooks/{hook['id']}", headers=admin).status_code == 204
    assert quiet.get(f"{API}/webhooks", headers=admin).json()["items"] == []


def test_stream_delivers_in_order_and_resumes(world: World) -> None:
    with (
        live_server(world.store, dispatcher_enabled=False) as base,
        httpx.Client(base_url=base, timeout=30) as http,
    ):
        listed(http, world, "AAA")  # type: ignore[arg-type]
        listed(http, world, "BBB", person={**_person("Ivan Petrovich Sidorov", "1970")})  # type: ignore[arg-type]
        duty = world.auth("AAA", "duty-officer")
        # publishing AAA's listing told AAA of the approval: the stream starts after that
        (approved,) = sse_events(
            http.get(f"{API}/alerts/stream", params={"limit": 1, "wait": 20}, headers=duty).text
        )
        assert approved["event"] == "listing.approved"
        refs = []
        for i in range(3):
            (reply,) = report(http, world, movement(f"s{i}"), agency="BBB")
            refs.append(reply["hits"][0]["alert"])
        report(http, world, movement("other", names=["Ivan Petrovich Sidorov"]), agency="AAA")
        got = http.get(
            f"{API}/alerts/stream",
            params={"limit": 3, "wait": 20},
            headers={**duty, "Last-Event-ID": approved["id"]},
        )
        assert got.status_code == 200 and got.headers["content-type"].startswith(
            "text/event-stream"
        )
        events = sse_events(got.text)
        assert [e["data"]["alert"]["reference"] for e in events] == refs  # only AAA's, in order
        assert all(
            e["event"] == "alert.created" and e["data"]["alert"]["agency"] == "AAA" for e in events
        )
        ids = [int(e["id"]) for e in events]
        assert ids == sorted(ids)
        resumed = http.get(
            f"{API}/alerts/stream",
            params={"limit": 2, "wait": 20},
            headers={**duty, "Last-Event-ID": str(ids[0])},
        )
        assert [e["id"] for e in sse_events(resumed.text)] == [str(i) for i in ids[1:]]
        # a live event reaches a waiting stream; the key of the wait is bounded
        with http.stream(
            "GET",
            f"{API}/alerts/stream",
            params={"limit": 1, "wait": 20},
            headers={**duty, "Last-Event-ID": str(ids[-1])},
        ) as live:
            (reply,) = report(http, world, movement("live"), agency="BBB")
            text = "".join(live.iter_text())
        assert [e["data"]["alert"]["reference"] for e in sse_events(text)] == [
            reply["hits"][0]["alert"]
        ]
        refused = http.get(f"{API}/alerts/stream", headers=world.auth("AAA", "screener"))
        assert refused.status_code == 403


def _person(name: str, born: str) -> dict[str, object]:
    return {
        "schema": "Person",
        "statements": [{"prop": "name", "value": name}, {"prop": "birthDate", "value": born}],
    }
