"""One call, many movements, on both databases: the alerts, their events and webhook
deliveries of a batch are written together, in the order of the movements; what the
writer builds in memory is what a read returns; one audit event says who reported what."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from ictd.alerts import read_events
from tests.alerts.support import API, listed, movement, report
from tests.world import World

OTHER = {
    "schema": "Person",
    "statements": [
        {"prop": "name", "value": "Olga Ivanovna Smirnova"},
        {"prop": "birthDate", "value": "1975"},
    ],
}


def _olga(key: str) -> dict[str, Any]:
    return movement(key, traveller={"names": ["Olga Ivanovna Smirnova"], "birth_date": "1975"})


def test_a_batch_alerts_in_order_with_one_delivery_per_event(
    quiet: TestClient, world: World
) -> None:
    listed(quiet, world, "AAA")
    listed(quiet, world, "AAA", person=OTHER, category="person-of-interest")
    admin = world.auth("AAA", "agency-admin")
    hook = {"url": "http://127.0.0.1:9/hook"}  # never called: the dispatcher is off
    created = quiet.post(f"{API}/webhooks", json=hook, headers=admin)
    assert created.status_code == 201, created.text
    with world.store.read() as session:
        head = session.alerts.event_head()
    replies = report(
        quiet,
        world,
        movement("b-1"),
        movement("b-2", names=["Jean-Pierre Dupont"]),
        _olga("b-3"),
        movement("b-4"),
    )
    assert [r["result"] for r in replies] == ["hit", "no-hit", "hit", "hit"]
    refs = [h["alert"] for r in replies for h in r["hits"]]
    assert len(refs) == len(set(refs)) == 3

    events = read_events(world.store, "AAA", head)
    assert [e.seq for e in events] == list(range(head + 1, head + 4))  # gap-free, in order
    assert [e.payload["alert"]["reference"] for e in events] == refs
    assert [e.payload["movement"]["idempotency_key"] for e in events] == ["b-1", "b-3", "b-4"]
    assert {e.type for e in events} == {"alert.created"}

    log = quiet.get(f"{API}/webhooks/{created.json()['id']}/deliveries", headers=admin).json()
    assert sorted(d["event_id"] for d in log["items"]) == [e.seq for e in events]
    assert {d["status"] for d in log["items"]} == {"pending"}

    # the alert in each event was built in memory; it reads back the same from the store
    duty = world.auth("AAA", "duty-officer")
    for event in events:
        sent = event.payload["alert"]
        stored = quiet.get(f"{API}/alerts/{sent['reference']}", headers=duty).json()
        assert {k: stored[k] for k in sent if k != "overdue"} == {
            k: v for k, v in sent.items() if k != "overdue"
        }
        assert stored["events"][0]["id"] == event.seq


def test_one_audit_event_per_call_names_every_movement_and_alert(
    quiet: TestClient, world: World
) -> None:
    listed(quiet, world, "AAA")
    first = report(quiet, world, movement("a-1"), movement("a-2", names=["Jean-Pierre Dupont"]))
    again = report(quiet, world, movement("a-1"), movement("a-3"))
    with world.store.read() as session:
        audited = [e for e in session.audit.events() if e.action == "movement.report"]
    assert len(audited) == 2
    one, two = audited
    assert one.actor == two.actor == world.actor("BBB", "screener").name
    assert one.agency == "BBB"
    alert_1 = first[0]["hits"][0]["alert"]
    assert set(one.targets) == {
        f"movement:{first[0]['movement_id']}",
        f"movement:{first[1]['movement_id']}",
        f"alert:{alert_1}",
    }
    assert one.detail["movements"] == 2 and one.detail["hits"] == 1
    # the retry is counted, not written again: only the new movement is a target
    new = again[1]
    alert_3 = new["hits"][0]["alert"]
    assert set(two.targets) == {f"movement:{new['movement_id']}", f"alert:{alert_3}"}
    assert two.detail["replayed"] == 1
