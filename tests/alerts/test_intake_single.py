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

from ictd.alerts.intake import subject_details
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


def test_a_hit_tells_the_subject_as_read_whole(client: TestClient, world: World) -> None:
    """A hit's subject details are read with the statements they tell alone; they are what
    ``subject_details`` makes of the whole subject: a retracted name left out, the names in
    their order, a property they do not tell (an address) not read, the external ids."""
    person = {
        "schema": "Person",
        "statements": [
            {"prop": "name", "value": "Hamza bin Laden"},
            {"prop": "alias", "value": "Hamza Usama"},
            {"prop": "alias", "value": "Old Wrong Name"},
            {"prop": "originalScriptName", "value": "حمزة بن لادن", "lang": "ara"},
            {"prop": "address", "value": "Somewhere 1"},
            {"prop": "birthDate", "value": "1989"},
            {"prop": "nationality", "value": "SA"},
            {"prop": "gender", "value": "male"},
        ],
        "external_ids": ["un:QDi.421", "ofac:12345"],
    }
    sid, _ = listed(client, world, "AAA", person=person)
    with world.store.read() as session:
        whole = session.subjects.get(sid)
        assert whole is not None
        (wrong,) = [s.id for s in whole.statements if s.value == "Old Wrong Name"]
    analyst = world.auth("AAA", "analyst")
    gone = client.delete(f"{API}/subjects/{sid}/statements/{wrong}", headers=analyst)
    assert gone.status_code in (200, 204), gone.text
    with world.store.read() as session:
        whole = session.subjects.get(sid)
    assert whole is not None
    (reply,) = report(client, world, movement("d-1"), agency="BBB")
    (hit,) = reply["hits"]
    assert hit["subject"] == subject_details(whole)
    assert hit["subject"]["names"] == ["Hamza bin Laden", "حمزة بن لادن", "Hamza Usama"]
    assert hit["subject"]["external_ids"] == ["ofac:12345", "un:QDi.421"]
