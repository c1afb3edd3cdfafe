"""Webhook delivery against a local receiver that fails at first: signatures, back-off
retries driven by an injected clock, the delivery log, dead letters and redelivery."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from ictd.alerts import Dispatcher, MovementInput, sign, verify
from tests.alerts.support import API, listed, local_config, movement, receiver, report
from tests.world import World

SECRET = "a-long-enough-test-secret"


def test_signatures_verify_and_refuse_tampering() -> None:
    body = b'{"id": 7}'
    headers = sign(body, SECRET, timestamp=1_800_000_000)
    assert verify(body, SECRET, headers, now=1_800_000_100)
    assert not verify(b'{"id": 8}', SECRET, headers, now=1_800_000_100)
    assert not verify(body, "another-secret-of-length", headers, now=1_800_000_100)
    assert not verify(body, SECRET, headers, now=1_800_001_000)  # too old: a replay
    assert not verify(body, SECRET, {}, now=1_800_000_100)


def test_webhook_is_signed_retried_and_logged(quiet: TestClient, world: World) -> None:
    admin = world.auth("AAA", "agency-admin")
    listed(quiet, world, "AAA")
    with receiver(failures=2) as hook:
        body = {"url": hook.url, "secret": SECRET}
        created = quiet.post(f"{API}/webhooks", json=body, headers=admin).json()
        (reply,) = report(quiet, world, movement("w1"))
        reference = reply["hits"][0]["alert"]
        start = datetime.now(UTC)
        dispatcher = Dispatcher(world.store, local_config(), clock=lambda: start)
        try:
            first = dispatcher.run_once(start)
            assert (first.delivered, first.retried) == (0, 1)
            assert dispatcher.run_once(start).delivered == 0  # not due yet: back-off
            later = start + timedelta(seconds=11)
            dispatcher.clock = lambda: later
            assert dispatcher.run_once(later).retried == 1
            latest = later + timedelta(seconds=21)
            dispatcher.clock = lambda: latest
            assert dispatcher.run_once(latest).delivered == 1
            assert dispatcher.run_once(latest + timedelta(minutes=5)).delivered == 0
        finally:
            dispatcher.stop()
        assert hook.calls == 3
        ((headers, raw),) = hook.received
        assert verify(raw, SECRET, headers)
        assert headers["X-ICTD-Event"] == "alert.created"
        (payload,) = hook.bodies()
        assert payload["alert"]["reference"] == reference
        assert payload["movement"]["flight"] == "AF123"
    log = quiet.get(f"{API}/webhooks/{created['id']}/deliveries", headers=admin).json()
    (delivery,) = log["items"]
    assert delivery["status"] == "delivered" and delivery["attempts"] == 3
    assert [a["code"] for a in delivery["attempt_log"]] == [500, 500, 204]


def test_dead_letter_after_the_retry_window_and_manual_redelivery(
    quiet: TestClient, world: World
) -> None:
    admin = world.auth("AAA", "agency-admin")
    listed(quiet, world, "AAA")
    with receiver(failures=1_000) as hook:
        # only alert.created: an escalation of the same alert would be a second delivery,
        # dying in the same hour or the next depending on the clock
        body = {"url": hook.url, "events": ["alert.created"]}
        created = quiet.post(f"{API}/webhooks", json=body, headers=admin).json()
        report(quiet, world, movement("d1"))
        now = datetime.now(UTC)
        config = local_config(backoff_base=3600, backoff_cap=3600)
        dispatcher = Dispatcher(world.store, config, clock=lambda: now)
        try:
            for _ in range(40):  # bounded: 24 h of hourly attempts ends in the dead letters
                report_ = dispatcher.run_once(now)
                if report_.dead:
                    break
                now += timedelta(hours=1, minutes=1)
            assert report_.dead == 1
            dead = quiet.get(
                f"{API}/webhooks/{created['id']}/deliveries",
                params={"status": "dead"},
                headers=admin,
            ).json()["items"]
            assert len(dead) == 1 and dead[0]["attempts"] >= 20
            hook.failures = 0
            url = f"{API}/webhooks/{created['id']}/deliveries/{dead[0]['id']}/redeliver"
            again = quiet.post(url, headers=admin)
            assert again.status_code == 200 and again.json()["status"] == "pending"
            assert quiet.post(url, headers=world.auth("BBB", "agency-admin")).status_code == 404
            assert dispatcher.run_once(datetime.now(UTC) + timedelta(seconds=1)).delivered == 1
        finally:
            dispatcher.stop()
        assert len(hook.received) == 1


def test_only_a_report_that_queued_a_delivery_wakes_the_dispatcher(
    quiet: TestClient, world: World
) -> None:
    """A movement's alert wakes the dispatcher when a webhook of its owner wants it; one
    that queued no delivery leaves the dispatcher to its interval (the streams are woken
    either way)."""
    listed(quiet, world, "AAA")
    runtime = quiet.app.state.server.alerts  # type: ignore[attr-defined]
    screener = world.actor("BBB", "screener")

    def reported(key: str) -> tuple[int, int, bool]:
        runtime.dispatcher.loop._wake.clear()
        (body,) = [movement(key)]
        result = runtime.report_movements(screener, [MovementInput.from_dict(body)])
        assert result.replies[0]["result"] == "hit"
        return result.events, result.deliveries, runtime.dispatcher.loop._wake.is_set()

    assert reported("n1") == (1, 0, False)  # no webhook
    with receiver() as hook:
        body = {"url": hook.url, "events": ["alert.created"]}
        made = quiet.post(f"{API}/webhooks", json=body, headers=world.auth("AAA", "agency-admin"))
        assert made.status_code == 201, made.text
        assert reported("n2") == (1, 1, True)
