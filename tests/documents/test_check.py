"""Every movement's document is checked against the register, on both databases: an exact
hit (normalised number, type, issuing state; any state when the movement has none) tells
the reporter the status and how to reach the recording agency, and alerts that agency
through the outbox; a withdrawn report stops hitting; a replay answers the same."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from ictd.alerts import read_events
from ictd.documents import record_report, withdraw_report
from ictd.registry import accounts
from ictd.security.actor import Actor
from tests.alerts.support import movement, report
from tests.world import World


def _doc(number: str = "K1234567", country: str | None = "DE", **more: Any) -> dict[str, Any]:
    document = {"type": "passport", "number": number, **more}
    if country:
        document["country"] = country
    return {"document": document}


@pytest.fixture
def stolen(world: World) -> int:
    accounts.set_country(world.store, Actor.system("tests"), "AAA", "DE")
    saved = record_report(
        world.store,
        world.actor("AAA", "analyst"),
        {
            "document": {"type": "P", "number": "K 123-4567", "issuing_state": "DEU"},
            "status": "stolen",
            "reported_on": "2026-11-01",
            "reason": "burglary",
        },
    )
    assert saved.id is not None
    return saved.id


def test_a_document_on_the_register_hits_and_alerts_the_recorder(
    client: TestClient, world: World, stolen: int
) -> None:
    with world.store.read() as session:
        head = session.alerts.event_head()
    replies = report(
        client,
        world,
        movement("d-1", names=["Jean Dupont"], **_doc("k1234567")),
        movement("d-2", names=["Jean Dupont"], **_doc("K1234567", country=None)),
        movement("d-3", names=["Jean Dupont"], **_doc("K1234567", country="FR")),
        movement("d-4", names=["Jean Dupont"], **_doc("K1234568")),
        movement("d-5", names=["Jean Dupont"], document={"type": "id-card", "number": "K1234567"}),
    )
    hits = [r["document_hit"] for r in replies]
    assert [h is not None for h in hits] == [True, True, False, False, False]
    told = hits[0]
    assert told["status"] == "stolen"
    assert told["recorded_by"]["agency"] == "AAA"
    assert told["reference"].startswith("DREF-")
    assert told["details_withheld"] is True and "reason" not in told  # BBB is outside the scope
    assert set(told) == {
        "status",
        "document",
        "recorded_by",
        "reference",
        "alert",
        "details_withheld",
    }  # no internal id
    events = read_events(world.store, "AAA", head)
    assert [e.payload["alert"]["kind"] for e in events] == ["document", "document"]
    alert = events[0].payload["alert"]
    assert alert["reference"] == told["alert"]
    assert alert["reporter"] == "BBB"
    assert alert["detail"]["report_id"] == stolen and alert["detail"]["status"] == "stolen"
    assert events[0].payload["movement"]["idempotency_key"] == "d-1"
    with world.store.read() as session:
        last = [e for e in session.audit.events() if e.action == "movement.report"][-1]
    assert last.detail["document_hits"] == 2
    # a retry answers the same and raises nothing new
    again = report(client, world, movement("d-1", names=["Jean Dupont"], **_doc("k1234567")))
    assert again[0]["replayed"] is True
    assert again[0]["document_hit"]["alert"] == told["alert"]
    assert len(read_events(world.store, "AAA", head)) == 2


def test_a_withdrawn_report_stops_hitting_and_the_scope_shows_details(
    client: TestClient, world: World, stolen: int
) -> None:
    own = report(client, world, movement("o-1", names=["Jean Dupont"], **_doc()), agency="AAA")
    assert own[0]["document_hit"]["details_withheld"] is False
    assert own[0]["document_hit"]["reason"] == "burglary"
    withdraw_report(world.store, world.actor("AAA", "analyst"), stolen)
    after = report(client, world, movement("o-2", names=["Jean Dupont"], **_doc()))
    assert after[0]["document_hit"] is None
