"""Alerts of kinds other than a movement's hit, and notices: what services other than
movement intake raise through the same pipeline (the log, the stream, webhooks, the
lifecycle), on both databases."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from ictd.alerts import AlertConfig, read_events
from ictd.alerts.webhooks import WebhookInput, create_webhook
from ictd.outbox.writer import AlertWriter, NewAlert
from tests.alerts.support import API, LOCAL_EGRESS, settings_for
from tests.world import World

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


def _probing(dedupe: str = "probe:BBB:7:2026-11-28") -> NewAlert:
    return NewAlert(
        kind="probing",
        agency="AAA",
        reporter="BBB",
        category="terrorist",
        actions=("arrest",),
        handling="H2",
        origin="screening",
        detail={"queries": 6, "window_hours": 24},
        dedupe_key=dedupe,
    )


def _config(world: World) -> AlertConfig:
    return AlertConfig.from_settings(settings_for(world.store))


def test_an_alert_with_a_dedupe_key_is_raised_once(world: World) -> None:
    config = _config(world)
    for _ in range(2):
        with world.store.begin() as session:
            AlertWriter(session, config, NOW).raise_many([_probing(), _probing()])
    with world.store.begin() as session:
        found = session.alerts.page("AAA", None, None, 0, 10)
        events = session.alerts.events_after("AAA", 0, 10)
    assert [(a.kind, a.movement_id, a.listing_id, a.detail["queries"]) for a in found] == [
        ("probing", None, None, 6)
    ]
    assert [e.type for e in events] == ["alert.created"]


def test_an_alert_without_a_movement_reads_back_and_takes_lifecycle_steps(
    quiet: TestClient, world: World
) -> None:
    with world.store.begin() as session:
        (alert,) = AlertWriter(session, _config(world), NOW).raise_many([_probing()])
    auth = world.auth("AAA", "duty-officer")
    answer = quiet.get(f"{API}/alerts/{alert.reference}", headers=auth)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["kind"] == "probing" and body["movement"] is None and body["score"] is None
    assert body["detail"] == {"queries": 6, "window_hours": 24}
    step = quiet.post(
        f"{API}/alerts/{alert.reference}/acknowledge", json={"note": "seen"}, headers=auth
    )
    assert step.status_code == 200, step.text
    # the "reporter" of a probing alert is the prober: it has no outcome to report
    outcome = quiet.post(
        f"{API}/alerts/{alert.reference}/outcome",
        json={"outcome": "located"},
        headers=world.auth("BBB", "screener"),
    )
    assert outcome.status_code == 404
    page = quiet.get(f"/alerts/{alert.reference}", headers=auth)  # no web session: sign in
    assert page.status_code in (200, 303)


def test_a_notice_is_an_event_without_alert_streamed_and_sent_to_webhooks(
    world: World,
) -> None:
    hook = create_webhook(
        world.store,
        world.actor("AAA", "agency-admin"),
        WebhookInput(url="http://127.0.0.1:9/hook", events=["screening.hit-withheld"]),
        egress=LOCAL_EGRESS,
    )
    with world.store.begin() as session:
        writer = AlertWriter(session, _config(world), NOW)
        queued = writer.notify("AAA", "screening.hit-withheld", "system", {"screened_by": "BBB"})
        assert queued.seq == 0  # numbered at the end of the transaction
    (event,) = writer.events
    assert event.alert_id is None and event.seq >= 1
    (seen,) = read_events(world.store, "AAA", 0)
    assert seen.type == "screening.hit-withheld" and seen.to_dict()["screened_by"] == "BBB"
    assert read_events(world.store, "BBB", 0) == []
    with world.store.begin() as session:
        deliveries = session.webhooks.list_deliveries(int(hook["id"]), None, 0, 10)
    assert [d.event_seq for d in deliveries] == [event.seq]


def test_events_are_numbered_at_the_end_of_their_transaction(world: World) -> None:
    """The alert event head is locked from numbering to commit: a writer numbers its events
    (and queues their deliveries) last, so the rest of the transaction runs without it."""
    with world.store.begin() as session:
        writer = AlertWriter(session, _config(world), NOW)
        writer.notify("AAA", "screening.hit-withheld", "system", {"n": 1})
        writer.notify("BBB", "screening.hit-withheld", "system", {"n": 2})
        assert session.alerts.event_head() == 0  # not numbered yet: the head is not locked
        assert [e.seq for e in writer.events] == [0, 0]
    assert [(e.seq, e.agency, e.payload["n"]) for e in writer.events] == [
        (1, "AAA", 1),
        (2, "BBB", 2),
    ]
    with world.store.read() as session:
        assert session.alerts.event_head() == 2
    with pytest.raises(RuntimeError), world.store.begin() as session:  # rolled back: none
        AlertWriter(session, _config(world), NOW).notify("AAA", "screening.hit-withheld",
                                                         "system", {"n": 3})  # fmt: skip
        raise RuntimeError("the request failed")
    assert [e.seq for e in read_events(world.store, "AAA", 0)] == [1]
