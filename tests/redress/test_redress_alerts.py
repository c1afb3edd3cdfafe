"""A granted deletion withdraws the listing like any withdrawal: the dispatcher closes the
listing's open alerts, and the subject no longer hits."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from ictd.alerts import AlertConfig, Dispatcher
from ictd.api import create_app
from ictd.redress import RedressConfig, RedressInput, decide_request, register_request
from tests.alerts.support import API, listed, movement, report, settings_for
from tests.world import World


@pytest.fixture
def quiet(world: World) -> Iterator[TestClient]:
    app = create_app(settings_for(world.store, dispatcher_enabled=False), world.store)
    with TestClient(app) as client:
        yield client


def test_granted_deletion_closes_open_alerts(quiet: TestClient, world: World) -> None:
    now = datetime.now(UTC)
    sid, _lid = listed(quiet, world, "AAA")
    dispatcher = Dispatcher(world.store, AlertConfig(), clock=lambda: now)
    try:
        dispatcher.run_once(now)
        (reply,) = report(quiet, world, movement("seen"))
        assert reply["result"] == "hit"
        officer = world.actor("OPS", "redress-officer")
        data = RedressInput(sid, "deletion", "Delete me", "H. L.", "passport")
        ref = register_request(world.store, officer, data, RedressConfig(), now)["reference"]
        analyst = world.actor("AAA", "analyst")
        decide_request(world.store, analyst, ref, "granted", "Not the person", now=now)
        assert dispatcher.run_once(now).closed == 1
        duty = world.auth("AAA", "duty-officer")
        (alert,) = quiet.get(f"{API}/alerts", headers=duty).json()["items"]
        assert alert["status"] == "closed"
        (after,) = report(quiet, world, movement("seen-again"))
        assert after["result"] == "no-hit"
    finally:
        dispatcher.stop()
