"""A single movement report, on both databases: whether its idempotency key was used and
whether its agency has a rule in force are read with the change feed, in the report's own
transaction (``ChangeFeed.window_and_intake``), and the reads they spare are made when they
are needed. What another process (its own engine and connections) changes counts from the
very next report."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ictd.api import create_app
from ictd.store import Store
from ictd.targeting import create_rule, deactivate_rule
from tests.alerts.support import API, listed, movement, report, settings_for
from tests.world import World

RULE = {"name": "from SA", "source": 'nationality == "SA"', "active": True}


def _move(key: str, **traveller: Any) -> dict[str, Any]:
    when = datetime.now(UTC).replace(microsecond=0).isoformat()
    names = traveller.pop("names", ["Jean Dupont"])
    return movement(
        key, time=when, traveller={"names": names, "nationalities": ["SA"], **traveller}
    )


@pytest.fixture
def elsewhere(world: World) -> Iterator[TestClient]:
    """The API of another process: its own store (engine, connections) on the database."""
    other = Store(world.store.url)
    app = create_app(settings_for(other, dispatcher_enabled=False), other)
    try:
        with TestClient(app) as client:
            yield client
    finally:
        other.dispose()


def test_a_rule_switched_by_another_process_counts_from_the_next_report(
    client: TestClient, world: World
) -> None:
    other = Store(world.store.url)
    try:
        analyst = world.actor("AAA", "analyst")
        (before,) = report(client, world, _move("s-1"), agency="AAA")
        assert before["rule_hits"] == []
        rule = create_rule(other, analyst, RULE)
        (hit,) = report(client, world, _move("s-2"), agency="AAA")
        assert [(h["rule_id"], h["version"]) for h in hit["rule_hits"]] == [(rule.id, 1)]
        (miss,) = report(client, world, _move("s-3", nationalities=["FR"]), agency="AAA")
        assert miss["rule_hits"] == []
        assert report(client, world, _move("s-4"), agency="BBB")[0]["rule_hits"] == []
        assert rule.id is not None
        deactivate_rule(other, analyst, rule.id)
        (after,) = report(client, world, _move("s-5"), agency="AAA")
        assert after["rule_hits"] == []
    finally:
        other.dispose()


def test_a_key_used_through_another_process_is_replayed_or_refused(
    client: TestClient, elsewhere: TestClient, world: World
) -> None:
    listed(client, world, "AAA")
    (first,) = report(elsewhere, world, movement("k-1"))
    assert first["result"] == "hit"
    (again,) = report(client, world, movement("k-1"))
    assert again.pop("replayed") is True and again == first
    other = movement("k-1", names=["Somebody Else"])
    answer = client.post(
        f"{API}/movements", json={"movements": [other]}, headers=world.auth("BBB", "screener")
    )
    assert answer.status_code == 409
    assert answer.json()["error"]["details"] == {"idempotency_keys": ["k-1"]}
    # the key is the reporting agency's: AAA's "k-1" is a report of its own, and new
    (mine,) = report(client, world, movement("k-1"), agency="AAA")
    assert "replayed" not in mine and mine["movement_id"] != first["movement_id"]
    alerts = client.get(f"{API}/alerts", headers=world.auth("AAA", "duty-officer")).json()
    assert len(alerts["items"]) == 2  # BBB's first report and AAA's: the replay alerted none
