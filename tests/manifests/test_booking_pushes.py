"""A booking pushed in several messages, on both databases: the co-travellers of a hit are
flagged to its owner across the messages of the same carrier's record locator — travellers
stored from earlier messages when the hit comes later, and a traveller added later to a
booking that already had a hit — once per co-traveller and hit, within the retention of
passenger data, among the reporting agency's own travellers only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from ictd.alerts import AlertConfig
from ictd.manifests import submit_manifest
from ictd.model.alert import Alert
from ictd.screening import LiveIndex
from ictd.security.actor import Actor
from tests.manifests.conftest import list_zawahiri
from tests.manifests.test_bookings import OMAR, ZAWAHIRI_DOCS
from tests.world import World

CONFIG = AlertConfig()
PUSHED = datetime(2024, 4, 30, 15, 30, tzinfo=UTC)  # 24 h before the flight
ZAWAHIRI_TIF = "TIF+AL<ZAWAHIRI:A+AYMAN:A:1'"


def _message(pnrgov: str, reference: str, who: str = "zawahiri", carrier: str = "LH") -> str:
    """The PNRGOV fixture under another control reference, booking XYZ789 holding Ayman
    al-Zawahiri, Khalid Omar (``omar``) or both (``both``)."""
    text = pnrgov.replace("LH0430P", reference)
    omar = OMAR.replace("A:2'", "A:1'")
    if who == "omar":
        text = text.replace(f"{ZAWAHIRI_TIF}\n{ZAWAHIRI_DOCS}", omar)
    elif who == "both":
        text = text.replace(ZAWAHIRI_DOCS, f"{ZAWAHIRI_DOCS}\n{OMAR}").replace(
            "UNT+40+P1", "UNT+42+P1"
        )
    if carrier != "LH":
        text = text.replace("+LH+400", f"+{carrier}+400").replace("LH400/", f"{carrier}400/")
    return text


def _submit(
    world: World, live: LiveIndex, text: str, now: datetime = PUSHED, actor: Actor | None = None
) -> dict[str, Any]:
    who = actor or world.actors["BBB:screener"]
    return submit_manifest(world.store, live, who, text, CONFIG, now=now).answer


def _told(answer: dict[str, Any], name: str) -> dict[str, Any]:
    (message,) = answer["messages"]
    return next(t for t in message["travellers"] if t["display_name"] == name)


def _flags(world: World, agency: str = "AAA") -> list[Alert]:
    with world.store.read() as session:
        found = session.alerts.page(agency, None, None, 0, 100)
    return sorted((a for a in found if a.kind == "co-traveller"), key=lambda a: a.id or 0)


def test_a_later_hit_flags_the_travellers_of_earlier_messages(
    api: TestClient, world: World, live: LiveIndex, pnrgov: str
) -> None:
    _, listing_id = list_zawahiri(api, world)
    first = _submit(world, live, _message(pnrgov, "P1", "omar"))
    assert _told(first, "KHALID OMAR")["result"] == "no-hit"
    assert _flags(world) == []
    later = _submit(world, live, _message(pnrgov, "P2"), PUSHED + timedelta(hours=23))
    hit = _told(later, "AYMAN AL ZAWAHIRI")
    assert hit["result"] == "hit"
    (flag,) = _flags(world)
    assert flag.movement_id == _told(first, "KHALID OMAR")["movement_id"]
    assert flag.reporter == "BBB" and flag.actions == () and flag.listing_id is None
    assert flag.detail["record_locator"] == "XYZ789" and flag.detail["carrier"] == "LH"
    (why,) = flag.detail["because"]
    assert why["kind"] == "listing" and why["listing_id"] == listing_id
    assert why["alert"] == hit["hits"][0]["alert"]
    assert why["movement_id"] == hit["movement_id"]
    assert _flags(world, "BBB") == []  # the reporter is not told; its answers are unchanged
    with world.store.read() as session:
        events = session.audit.query({"action": "movement.report"}, 0, 10)
    assert [e.detail.get("co_traveller_alerts") for e in events] == [None, 1]  # oldest first


def test_a_traveller_added_later_to_a_booking_with_a_hit_is_flagged(
    api: TestClient, world: World, live: LiveIndex, pnrgov: str
) -> None:
    list_zawahiri(api, world)
    first = _submit(world, live, _message(pnrgov, "P1"))
    hit = _told(first, "AYMAN AL ZAWAHIRI")
    assert hit["result"] == "hit" and _flags(world) == []
    later = _submit(world, live, _message(pnrgov, "P2", "omar"), PUSHED + timedelta(days=1))
    omar = _told(later, "KHALID OMAR")
    assert omar["result"] == "no-hit"
    (flag,) = _flags(world)
    assert flag.movement_id == omar["movement_id"]
    (why,) = flag.detail["because"]
    assert why["alert"] == hit["hits"][0]["alert"]
    assert why["movement_id"] == hit["movement_id"]


def test_a_booking_pushed_again_flags_each_co_traveller_once_per_hit(
    api: TestClient, world: World, live: LiveIndex, pnrgov: str
) -> None:
    list_zawahiri(api, world)
    first = _submit(world, live, _message(pnrgov, "P1", "both"))
    (flag,) = _flags(world)
    assert flag.movement_id == _told(first, "KHALID OMAR")["movement_id"]
    # the push at departure: both again; Zawahiri's new movement hits again, Omar is not
    # flagged again, nor is the earlier Zawahiri flagged as his own co-traveller
    again = _submit(world, live, _message(pnrgov, "P2", "both"), PUSHED + timedelta(hours=23))
    assert _told(again, "AYMAN AL ZAWAHIRI")["result"] == "hit"
    _submit(world, live, _message(pnrgov, "P3", "omar"), PUSHED + timedelta(hours=24))
    assert [a.id for a in _flags(world)] == [flag.id]


def test_travellers_out_of_retention_another_carrier_or_agency_are_not_flagged(
    api: TestClient, world: World, live: LiveIndex, pnrgov: str
) -> None:
    list_zawahiri(api, world)
    # booked 2024-04-29: out of the 182 days of passenger data kept in full by late 2024
    _submit(world, live, _message(pnrgov, "P1", "omar"))
    # the same locator at another airline is another booking
    _submit(world, live, _message(pnrgov, "P2", "omar", carrier="BA"))
    # another agency's travellers are its own
    _submit(world, live, _message(pnrgov, "P3", "omar"), actor=world.actor("AAA", "analyst"))
    late = _submit(world, live, _message(pnrgov, "P4"), PUSHED + timedelta(days=200))
    assert _told(late, "AYMAN AL ZAWAHIRI")["result"] == "hit"
    assert _flags(world) == []
    within = _submit(world, live, _message(pnrgov, "P5"), PUSHED + timedelta(days=2))
    assert _told(within, "AYMAN AL ZAWAHIRI")["result"] == "hit"
    (flag,) = _flags(world)  # Omar of P1 only
    assert flag.reporter == "BBB" and flag.detail["carrier"] == "LH"
