"""Hit reports over HTTP on both databases: the reporting agency files one report per
alert, with field errors for bad input; the owner is told (event ``alert.hit-report``);
only the owner and the reporting agency read it; filing and reads are audited."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ictd.api import create_app
from ictd.registry import audit
from ictd.security.actor import Actor
from tests.alerts.support import API, listed, movement, report, settings_for
from tests.world import World

_REPORT = f"{API}/alerts/{{reference}}/hit-report"
COVERED = {("POST", _REPORT), ("GET", _REPORT)}

BODY: dict[str, Any] = {
    "place": "Paris CDG, terminal 2E",
    "occurred_at": "2026-11-28T08:05:00Z",
    "route": "IST → CDG → MAD",
    "transport": "air",
    "transport_details": "AF123",
    "companions": ["adult male, about 30", "child"],
    "items": ["two phones", "EUR 9,000 in cash"],
    "action_taken": "discreet-check",
    "outcome": "located",
    "notes": "Travelled on to Madrid.\nOwner informed by phone.",
}


@pytest.fixture
def quiet(world: World) -> Iterator[TestClient]:
    app = create_app(settings_for(world.store, dispatcher_enabled=False), world.store)
    with TestClient(app) as client:
        yield client


def _alert(client: TestClient, world: World, owner: str = "AAA") -> str:
    listed(client, world, owner)
    (reply,) = report(client, world, movement("m1"), agency="BBB")
    reference: str = reply["hits"][0]["alert"]
    return reference


def test_reporter_files_and_owner_reads(quiet: TestClient, world: World) -> None:
    ref = _alert(quiet, world)
    url = f"{API}/alerts/{ref}/hit-report"
    assert quiet.get(url, headers=world.auth("AAA", "duty-officer")).status_code == 404
    filed = quiet.post(url, json=BODY, headers=world.auth("BBB", "screener"))
    assert filed.status_code == 201, filed.text
    shown = filed.json()
    assert shown["alert"] == ref and shown["agency"] == "BBB"
    assert shown["companions"] == BODY["companions"] and shown["items"] == BODY["items"]
    assert shown["occurred_at"] == "2026-11-28T08:05:00+00:00"
    # the owner and the reporting agency read it; nobody else
    for agency, role in (("AAA", "duty-officer"), ("AAA", "analyst"), ("BBB", "analyst")):
        got = quiet.get(url, headers=world.auth(agency, role))
        assert got.status_code == 200 and got.json() == shown, (agency, role)
    for agency, role in (("OPS", "analyst"), ("AAA", "screener"), ("BBB", "auditor")):
        assert quiet.get(url, headers=world.auth(agency, role)).status_code == 404
    # the owner's alert carries the event with the report
    alert = quiet.get(f"{API}/alerts/{ref}", headers=world.auth("AAA", "duty-officer")).json()
    event = alert["events"][-1]
    assert event["type"] == "alert.hit-report" and event["hit_report"] == shown
    # once per alert
    again = quiet.post(url, json=BODY, headers=world.auth("BBB", "analyst"))
    assert again.status_code == 409
    events = audit.list_events(world.store, Actor.system("tests"), {}, limit=500)
    actions = [e.action for e in events if f"alert:{ref}" in e.targets]
    assert "alert.hit-report" in actions and actions.count("alert.hit-report.view") == 3


def test_only_the_reporting_agency_files(quiet: TestClient, world: World) -> None:
    ref = _alert(quiet, world)
    url = f"{API}/alerts/{ref}/hit-report"
    assert quiet.post(url, json=BODY, headers=world.auth("AAA", "screener")).status_code == 404
    assert quiet.post(url, json=BODY, headers=world.auth("BBB", "auditor")).status_code == 403
    assert quiet.post(url, json=BODY, headers=world.auth("OPS", "analyst")).status_code == 404
    missing = f"{API}/alerts/ALR-000000000000/hit-report"
    assert quiet.post(missing, json=BODY, headers=world.auth("BBB", "screener")).status_code == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"occurred_at": "2099-01-01T00:00:00Z"}, "occurred_at"),
        ({"occurred_at": "2026-11-28T08:05:00"}, "occurred_at"),
        ({"occurred_at": "yesterday"}, "occurred_at"),
        ({"place": "   "}, "place"),
        ({"transport": "balloon"}, "transport"),
        ({"outcome": "maybe"}, "outcome"),
        ({"companions": ["ok", "bad\u202eone"]}, "companions.1"),
        ({"items": ["x"] * 51}, "items"),
        ({"notes": "x" * 4001}, "notes"),
    ],
)
def test_invalid_reports_name_the_field(
    quiet: TestClient, world: World, change: dict[str, Any], field: str
) -> None:
    ref = _alert(quiet, world)
    url = f"{API}/alerts/{ref}/hit-report"
    answer = quiet.post(url, json=BODY | change, headers=world.auth("BBB", "screener"))
    assert answer.status_code == 422, answer.text
    assert field in answer.text
    assert quiet.get(url, headers=world.auth("AAA", "duty-officer")).status_code == 404
