"""Retro-screening: a listing that becomes active alerts on earlier movements; a listing
that ends closes its open alerts. Detected by the dispatcher polling the listings table."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from ictd.alerts import AlertConfig, Dispatcher
from tests.alerts.support import API, listed, movement, report
from tests.world import World


def test_activation_alerts_past_movements_and_ending_closes(
    quiet: TestClient, world: World
) -> None:
    now = datetime.now(UTC)
    recent = (now - timedelta(days=2)).isoformat()
    old = (now - timedelta(days=45)).isoformat()
    (seen,) = report(quiet, world, movement("before", time=recent))
    report(quiet, world, movement("long-ago", time=old))
    assert seen["result"] == "no-hit"
    dispatcher = Dispatcher(world.store, AlertConfig(), clock=lambda: now)
    try:
        dispatcher.run_once(now)  # nothing is listed yet
        _, listing_id = listed(quiet, world, "AAA", status="draft")
        assert dispatcher.run_once(now).retro_alerts == 0  # a draft is not in force
        auth = world.auth("AAA", "analyst")
        answer = quiet.patch(
            f"{API}/listings/{listing_id}", json={"status": "active"}, headers=auth
        )
        assert answer.status_code == 200, answer.text
        assert dispatcher.run_once(now).retro_alerts == 1  # the 45-day-old one is out of range
        assert dispatcher.run_once(now).retro_alerts == 0  # once only
        duty = world.auth("AAA", "duty-officer")
        (alert,) = quiet.get(f"{API}/alerts", headers=duty).json()["items"]
        assert alert["origin"] == "retro" and alert["movement_id"] == seen["movement_id"]
        quiet.patch(f"{API}/listings/{listing_id}", json={"status": "withdrawn"}, headers=auth)
        assert dispatcher.run_once(now).closed == 1
        (closed,) = quiet.get(f"{API}/alerts", headers=duty).json()["items"]
        assert closed["status"] == "closed" and closed["close_reason"] == "listing withdrawn"
        # a fresh dispatcher (a restart) re-reads the overlap window and creates nothing new
        again = Dispatcher(world.store, AlertConfig(), clock=lambda: now)
        assert again.run_once(now).retro_alerts == 0
        again.stop()
    finally:
        dispatcher.stop()
