"""What a manifest with hits of every kind stores for the alerts' events, on both databases:
each event of an alert (on a listing, on the register, of a rule, of a co-traveller) shows
its movement as stored, the events of one movement show the same, and every payload is
stored as the columns' encoder writes it (``json_text``), whether written alone or with a
movement shared by several events."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from ictd.alerts import AlertConfig
from ictd.manifests import submit_manifest
from ictd.model.movement import Movement
from ictd.outbox.writer import AlertWriter
from ictd.screening import LiveIndex
from ictd.store.repository import json_text
from ictd.store.tables import alert_events, alerts
from tests.manifests.conftest import list_zawahiri
from tests.manifests.test_bookings import _rule, _stolen_leila, shared_booking  # noqa: F401
from tests.world import World


def test_every_event_shows_its_movement_as_stored(
    api: TestClient,
    world: World,
    live: LiveIndex,
    shared_booking: str,  # noqa: F811 (the fixture, imported)
    pnrgov: str,
) -> None:
    list_zawahiri(api, world)
    _stolen_leila(world)
    _rule(world, "everyone", 'gender == "male" or gender == "female"')
    _rule(world, "on a booking", "segments >= 1")
    actor = world.actors["BBB:screener"]
    # the booking again in a second interchange: its earlier travellers are flagged too
    for text in (shared_booking, pnrgov.replace("LH0430P", "LH0430Q")):
        answer = submit_manifest(world.store, live, actor, text, AlertConfig()).answer
        assert answer["replayed"] is False
    with world.store.read() as session:
        rows = session.conn.execute(
            select(alert_events.c.payload, alerts.c.kind, alerts.c.movement_id).join(
                alerts, alerts.c.id == alert_events.c.alert_id
            )
        ).all()
        stored = session.movements.get_many(sorted({r.movement_id for r in rows}))
    kinds = {r.kind for r in rows}
    assert {"movement", "document", "rule", "co-traveller"} <= kinds, kinds
    shown: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for text, _kind, movement_id in rows:
        payload = json.loads(text)
        assert text == json_text(payload)  # as the encoder writes it
        assert payload["movement"] == stored[movement_id].to_dict()
        shown[movement_id].append(payload["movement"])
    assert any(len(found) > 1 for found in shown.values())  # movements with several alerts


def test_a_writer_shows_a_movement_once_for_all_its_alerts(world: World) -> None:
    """The events of one movement's alerts hold one shape of it, made once per transaction
    (``AlertWriter.shown``); another movement has its own."""
    at = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    one, two = (
        Movement(i, "BBB", f"k-{i}", "d" * 64, "border-entry", at, (f"Traveller {i}",))
        for i in (1, 2)
    )
    with world.store.begin() as session:
        writer = AlertWriter(session, AlertConfig(), at)
        first = writer.shown(one)
        assert writer.shown(one) is first and first == one.to_dict()
        assert writer.shown(two) is not first and writer.shown(two) == two.to_dict()
