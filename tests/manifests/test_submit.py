"""Submitting manifests through the service, on both databases: each traveller becomes a
movement, a listed traveller under the MRZ spelling of the name hits, a bad message
stores nothing, a repeated interchange answers the original and stores nothing new."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from ictd.alerts import AlertConfig
from ictd.exc import Forbidden, InvalidInput
from ictd.manifests import submit_manifest
from ictd.screening import LiveIndex
from ictd.store import Store
from ictd.store.tables import (
    alerts,
    manifest_travellers,
    manifests,
    movements,
    pnr_bookings,
)
from tests.border.conftest import read_fixture
from tests.manifests.conftest import list_zawahiri
from tests.world import World

CONFIG = AlertConfig()


def counts(store: Store) -> dict[str, int]:
    with store.read() as session:
        return {
            t.name: int(session.conn.execute(select(func.count()).select_from(t)).scalar() or 0)
            for t in (manifests, manifest_travellers, pnr_bookings, movements, alerts)
        }


def submit(world: World, live: LiveIndex, text: str, who: str = "BBB:screener") -> dict[str, Any]:
    return submit_manifest(world.store, live, world.actors[who], text, CONFIG).answer


def test_paxlst_each_traveller_a_movement_and_the_listed_one_hits(
    api: TestClient, world: World, live: LiveIndex, paxlst: str
) -> None:
    list_zawahiri(api, world)
    answer = submit(world, live, paxlst)
    assert answer["travellers"] == 4 and answer["hits"] == 1 and answer["replayed"] is False
    assert answer["interchange"]["reference"] == "LH0501001"
    assert answer["interchange"]["sender"] == "LHAPI"
    (message,) = answer["messages"]
    assert message["flight"] == "LH400" and message["message_type"] == "PAXLST"
    travellers = message["travellers"]
    assert [t["position"] for t in travellers] == [1, 2, 3, 4]
    first = travellers[0]
    assert first["name"] == "AL ZAWAHIRI/AYMAN" and first["display_name"] == "AYMAN AL ZAWAHIRI"
    assert first["result"] == "hit" and first["actions"] == ["arrest"]
    assert first["hits"][0]["owner"]["agency"] == "AAA"
    assert first["document"]["number"] == "A1234567"
    assert [t["result"] for t in travellers[1:]] == ["no-hit"] * 3
    assert all(t["movement_id"] for t in travellers)
    assert counts(world.store) == {
        "manifests": 1,
        "manifest_travellers": 4,
        "pnr_bookings": 0,
        "movements": 4,
        "alerts": 1,
    }
    with world.store.read() as session:
        stored = session.manifests.travellers(answer["manifest_id"])
        record = session.manifests.get(answer["manifest_id"])
    assert record is not None and record.agency == "BBB" and record.hits == 1
    assert record.answer["messages"] == answer["messages"]
    assert stored[0].passenger.name.as_sent == first["name"]
    assert stored[0].hit and not stored[1].hit
    assert stored[0].legs[0].flight == "LH400"
    assert stored[1].passenger.baggage  # the bag tags as sent (FTX+BAG)


def test_pnrgov_bookings_are_stored_for_rules(
    api: TestClient, world: World, live: LiveIndex, pnrgov: str
) -> None:
    list_zawahiri(api, world)
    answer = submit(world, live, pnrgov)
    assert answer["travellers"] == 3 and answer["hits"] == 1
    (message,) = answer["messages"]
    assert message["message_type"] == "PNRGOV"
    by_name = {t["display_name"]: t for t in message["travellers"]}
    assert by_name["AYMAN AL ZAWAHIRI"]["result"] == "hit"
    assert by_name["AYMAN AL ZAWAHIRI"]["record_locator"] == "XYZ789"
    assert counts(world.store)["pnr_bookings"] == 2
    with world.store.read() as session:
        stored = session.manifests.travellers(answer["manifest_id"])
    haddad = [t for t in stored if t.booking and t.booking.record_locator == "ABC123"]
    assert len(haddad) == 2
    booking = haddad[0].booking
    assert booking is not None
    assert booking.payment and booking.agency and booking.booked_at is not None
    assert [s.flight for s in booking.segments][:2] == ["LH400", "LH401"]
    assert sorted(booking.passengers) == sorted(t.passenger.position for t in haddad)
    assert {t.passenger.seat for t in haddad} == {"14C", "12B"}


def test_a_repeat_answers_the_original_and_stores_nothing(
    api: TestClient, world: World, live: LiveIndex, paxlst: str
) -> None:
    list_zawahiri(api, world)
    first = submit(world, live, paxlst)
    before = counts(world.store)
    again = submit(world, live, paxlst)
    assert again["replayed"] is True and again["same_content"] is True
    assert {k: v for k, v in again.items() if k not in ("replayed", "same_content")} == {
        k: v for k, v in first.items() if k != "replayed"
    }
    assert counts(world.store) == before
    # a partial resend under the same reference answers the original too
    partial = paxlst.replace("NAD+FL+++MUELLER:JUERGEN'", "NAD+FL+++MULLER:JURGEN'")
    third = submit(world, live, partial)
    assert third["replayed"] is True and third["same_content"] is False
    assert third["manifest_id"] == first["manifest_id"]
    assert counts(world.store) == before
    # another agency sending the same interchange is a submission of its own
    other = submit(world, live, paxlst, who="OPS:screener")
    assert other["replayed"] is False and other["manifest_id"] != first["manifest_id"]


@pytest.mark.parametrize(
    ("fixture", "where", "what"),
    [
        ("bad/wrong_segment_count.edi", "segment 56 (UNT)", "counts 53 segments"),
        ("bad/bad_release_at_end.edi", "segment 58 (UNZ)", "release character"),
        ("bad/missing_unt.edi", "segment 3 (UNH)", "UNT missing"),
        ("bad/missing_document_number.edi", "segment 49 (DOC)", "document number missing"),
        ("bad/count_mismatch.edi", "segment 55 (CNT)", "counts 5 travellers"),
        ("bad/unknown_segment.edi", "segment 25 (XYZ)", "not a PAXLST segment"),
    ],
)
def test_a_bad_message_names_its_fault_and_stores_nothing(
    world: World, live: LiveIndex, fixture: str, where: str, what: str
) -> None:
    before = counts(world.store)
    with pytest.raises(InvalidInput) as caught:
        submit(world, live, read_fixture(fixture))
    (error,) = caught.value.errors
    assert error.field == where and what in error.message
    assert counts(world.store) == before


def test_roles_and_agency(world: World, live: LiveIndex, paxlst: str) -> None:
    for who in ("AAA:duty-officer", "AAA:auditor", "AAA:agency-admin"):
        with pytest.raises(Forbidden):
            submit(world, live, paxlst, who=who)
    assert submit(world, live, paxlst, who="AAA:analyst")["travellers"] == 4
