"""Risk rules on both databases: versions, privacy, preview over the last 30 days of the
agency's movements, activation, and a hit in movement intake alerting the owner with the
rule's version and the values that matched."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ictd.alerts import read_events
from ictd.exc import InvalidInput, NotFound
from ictd.targeting import (
    activate_rule,
    create_rule,
    deactivate_rule,
    get_rule,
    list_rules,
    update_rule,
)
from tests.alerts.support import movement, report
from tests.world import World

API = "/api/v1/rules"
COVERED = {
    ("POST", API),
    ("GET", API),
    ("PATCH", f"{API}/{{rule_id}}"),
    ("POST", f"{API}/preview"),
    ("POST", f"{API}/{{rule_id}}/preview"),
    ("POST", f"{API}/{{rule_id}}/activate"),
}
RULE = {"name": "young men from SA", "source": 'nationality == "SA" and gender == "male"'}


def _move(key: str, when: datetime, nationality: str = "SA", **more: Any) -> dict[str, Any]:
    return movement(
        key,
        names=["Jean Dupont"],
        time=when.isoformat(),
        traveller={"names": ["Jean Dupont"], "nationalities": [nationality], "gender": "male"},
        **more,
    )


def test_rules_are_versioned_private_and_checked(world: World) -> None:
    store, analyst = world.store, world.actor("AAA", "analyst")
    with pytest.raises(InvalidInput) as err:
        create_rule(store, analyst, {"name": "bad", "source": 'nationalty == "SA"'})
    assert err.value.errors[0].field == "source"
    rule = create_rule(store, analyst, RULE)
    assert rule.id and rule.version == 1 and rule.active is False
    second = update_rule(store, analyst, rule.id, {"source": 'nationality == "SY"'})
    assert second.version == 2 and second.name == RULE["name"]
    activate_rule(store, analyst, rule.id, 1)
    shown = get_rule(store, analyst, rule.id)
    assert shown["version"] == 2 and shown["active_version"] == 1
    assert [v["source"] for v in shown["versions"]] == [RULE["source"], 'nationality == "SY"']
    assert list_rules(store, analyst)[0]["active_version"] == 1
    with pytest.raises(NotFound):
        get_rule(store, world.actor("BBB", "analyst"), rule.id)
    with pytest.raises(NotFound):
        activate_rule(store, world.actor("BBB", "analyst"), rule.id)
    assert list_rules(store, world.actor("BBB", "analyst")) == []
    deactivate_rule(store, analyst, rule.id)
    assert get_rule(store, analyst, rule.id)["active_version"] is None
    with store.read() as session:
        actions = {e.action for e in session.audit.events()}
    assert {"rule.create", "rule.update", "rule.activate", "rule.deactivate"} <= actions


def test_an_active_rule_alerts_its_owner_in_intake_and_preview_shows_the_past(
    client: TestClient, world: World
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    old = now - timedelta(days=40)
    replies = report(
        client,
        world,
        _move("r-1", now - timedelta(days=2)),
        _move("r-2", now - timedelta(days=3), nationality="FR"),
        _move("r-3", old),
        agency="AAA",
    )
    assert all(r["rule_hits"] == [] for r in replies)  # no rule yet
    report(client, world, _move("r-4", now - timedelta(days=1)), agency="BBB")  # not AAA's

    auth = world.auth("AAA", "analyst")
    made = client.post(API, json=RULE, headers=auth)
    assert made.status_code == 201, made.text
    rule_id = made.json()["id"]
    preview = client.post(f"{API}/{rule_id}/preview", json={}, headers=auth).json()
    assert preview["movements"] == 2 and preview["hits"] == 1  # last 30 days, AAA's only
    hit = preview["shown"][0]
    assert hit["movement"]["idempotency_key"] == "r-1"
    assert {m["field"] for m in hit["matched"]} == {"nationality", "gender"}
    draft = client.post(f"{API}/preview", json={"source": 'gender == "male"'}, headers=auth)
    assert draft.json()["hits"] == 2
    bad = client.post(f"{API}/preview", json={"source": "age >"}, headers=auth)
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "source"
    other = client.post(f"{API}/{rule_id}/preview", json={}, headers=world.auth("BBB", "analyst"))
    assert other.status_code == 404

    with world.store.read() as session:
        head = session.alerts.event_head()
    draft_hits = report(client, world, _move("r-5", now), agency="AAA")
    assert draft_hits[0]["rule_hits"] == []  # a draft is not evaluated
    activated = client.post(f"{API}/{rule_id}/activate", json={}, headers=auth)
    assert activated.status_code == 200 and activated.json()["active"] is True
    hits = report(
        client, world, _move("r-6", now), _move("r-7", now, nationality="FR"), agency="AAA"
    )
    told = hits[0]["rule_hits"]
    assert [(h["rule_id"], h["version"]) for h in told] == [(rule_id, 1)]
    assert hits[1]["rule_hits"] == []
    assert report(client, world, _move("r-8", now), agency="BBB")[0]["rule_hits"] == []
    events = read_events(world.store, "AAA", head)
    assert [e.payload["alert"]["kind"] for e in events] == ["rule"]
    alert = events[0].payload["alert"]
    assert alert["reference"] == told[0]["alert"]
    assert alert["detail"]["version"] == 1
    assert {m["field"]: m["value"] for m in alert["detail"]["matched"]} == {
        "nationality": "SA",
        "gender": "male",
    }
    patched = client.patch(f"{API}/{rule_id}", json={"name": "renamed"}, headers=auth)
    assert patched.json()["version"] == 2
    listed = client.get(API, headers=auth).json()["items"]
    assert listed[0]["version"] == 2 and listed[0]["active_version"] == 1
