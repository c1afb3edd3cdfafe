"""Deadlines with an injected clock: 15 minutes for terrorism categories, 12 hours
otherwise; an overdue alert escalates once, on the stream and to the webhooks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from ictd.alerts import Dispatcher, list_alerts
from tests.alerts.support import API, PERSON, listed, local_config, movement, receiver, report
from tests.world import World

OTHER = {
    "schema": "Person",
    "statements": [
        {"prop": "name", "value": "Olga Ivanovna Smirnova"},
        {"prop": "birthDate", "value": "1975"},
    ],
}


def test_overdue_alerts_escalate_once(quiet: TestClient, world: World) -> None:
    listed(quiet, world, "AAA", category="terrorist", person=PERSON)
    listed(quiet, world, "AAA", category="person-of-interest", person=OTHER)
    admin = world.auth("AAA", "agency-admin")
    duty = world.auth("AAA", "duty-officer")
    with receiver() as hook:
        quiet.post(
            f"{API}/webhooks", json={"url": hook.url, "events": ["alert.escalated"]}, headers=admin
        )
        (terror,) = report(quiet, world, movement("t"))
        (other,) = report(
            quiet,
            world,
            movement("p", traveller={"names": ["Olga Ivanovna Smirnova"], "birth_date": "1975"}),
        )
        alerts = quiet.get(f"{API}/alerts", headers=duty).json()["items"]
        created = datetime.fromisoformat(alerts[0]["created_at"])
        due = {a["reference"]: datetime.fromisoformat(a["due_at"]) - created for a in alerts}
        assert due[terror["hits"][0]["alert"]] == timedelta(minutes=15)
        assert abs(due[other["hits"][0]["alert"]] - timedelta(hours=12)) < timedelta(seconds=5)
        clock = created + timedelta(minutes=16)
        dispatcher = Dispatcher(world.store, local_config(), clock=lambda: clock)
        try:
            assert dispatcher.run_once(clock).escalated == 1
            assert dispatcher.run_once(clock).escalated == 0  # once only
        finally:
            dispatcher.stop()
        (sent,) = hook.bodies()
        assert sent["type"] == "alert.escalated"
        assert sent["alert"]["reference"] == terror["hits"][0]["alert"]
        assert sent["notify"] == ["agency-admin@aaa.example"]
    actor = world.actor("AAA", "duty-officer")
    overdue, _ = list_alerts(world.store, actor, overdue=True, now=clock)
    assert [a["reference"] for a in overdue] == [terror["hits"][0]["alert"]]
    assert overdue[0]["escalated_at"] is not None
    events = quiet.get(f"{API}/alerts/{terror['hits'][0]['alert']}", headers=duty).json()["events"]
    assert [e["type"] for e in events] == ["alert.created", "alert.escalated"]


def test_a_woken_pass_delivers_and_leaves_deadlines_to_the_interval(
    quiet: TestClient, world: World
) -> None:
    """The background thread's pass right after another (woken for a committed alert)
    delivers that alert's webhooks at once; escalation waits for the whole pass of the
    next interval."""
    listed(quiet, world, "AAA", category="person-of-interest", person=OTHER)
    listed(quiet, world, "AAA", category="terrorist", person=PERSON)
    admin = world.auth("AAA", "agency-admin")
    with receiver() as hook:
        quiet.post(f"{API}/webhooks", json={"url": hook.url}, headers=admin)
        report(
            quiet,
            world,
            movement("p", traveller={"names": ["Olga Ivanovna Smirnova"], "birth_date": "1975"}),
        )
        clock = datetime.now(UTC) + timedelta(minutes=16)
        dispatcher = Dispatcher(world.store, local_config(interval=3600), clock=lambda: clock)
        try:
            dispatcher._step()  # the first pass is whole: the 12-hour alert is not overdue
            assert [b["type"] for b in hook.bodies()] == ["alert.created"]
            (terror,) = report(quiet, world, movement("t"))  # overdue by the clock
            dispatcher._step()  # as if woken: within the interval
            assert [b["type"] for b in hook.bodies()] == ["alert.created"] * 2
            assert dispatcher.run_once(clock).escalated == 1  # a whole pass escalates
        finally:
            dispatcher.stop()
        assert [b["type"] for b in hook.bodies()][2:] == ["alert.escalated"]
        assert hook.bodies()[2]["alert"]["reference"] == terror["hits"][0]["alert"]
