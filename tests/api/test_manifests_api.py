"""Manifests and MRZ reading over HTTP, on both databases: raw EDIFACT in, per-traveller
answers out; 422 naming segment and position for a bad message; own agency only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ictd.api import create_app
from tests.alerts.support import API, listed, settings_for
from tests.border.conftest import read_fixture
from tests.manifests.conftest import ZAWAHIRI
from tests.world import World

COVERED = {
    ("POST", f"{API}/manifests"),
    ("GET", f"{API}/manifests"),
    ("GET", f"{API}/manifests/{{manifest_id}}"),
    ("POST", f"{API}/documents/read"),
}
EDIFACT = {"Content-Type": "application/edifact"}
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"


@pytest.fixture
def api(world: World) -> Iterator[TestClient]:
    settings = settings_for(world.store, dispatcher_enabled=False, build_index_on_start=False)
    with TestClient(create_app(settings, world.store)) as client:
        yield client


def post(
    api: TestClient,
    world: World,
    text: str | bytes,
    who: tuple[str, str] = ("BBB", "screener"),
    content_type: str = "application/edifact",
) -> dict:  # type: ignore[type-arg]
    headers = {**world.auth(*who), "Content-Type": content_type}
    return api.post(f"{API}/manifests", content=text, headers=headers)  # type: ignore[return-value]


def test_submit_list_and_read_back(api: TestClient, world: World) -> None:
    listed(api, world, "AAA", person=ZAWAHIRI)
    answer = post(api, world, read_fixture("paxlst_passengers.edi"))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["travellers"] == 4 and body["hits"] == 1
    travellers = body["messages"][0]["travellers"]
    assert travellers[0]["result"] == "hit" and travellers[0]["actions"] == ["arrest"]
    assert travellers[0]["hits"][0]["alert"].startswith("ALR-")
    # the owner is alerted as for any movement
    alerts = api.get(f"{API}/alerts", headers=world.auth("AAA", "duty-officer")).json()
    assert [a["reference"] for a in alerts["items"]] == [travellers[0]["hits"][0]["alert"]]
    # text/plain with the PNR push too
    pnr = post(api, world, read_fixture("pnrgov_bookings.edi"), content_type="text/plain")
    assert pnr.status_code == 200 and pnr.json()["hits"] == 1
    listing = api.get(f"{API}/manifests", headers=world.auth("BBB", "screener")).json()
    assert [m["id"] for m in listing["items"]] == [pnr.json()["manifest_id"], body["manifest_id"]]
    assert listing["items"][1]["message_types"] == ["PAXLST"] and listing["next"] is None
    page = api.get(f"{API}/manifests?limit=1", headers=world.auth("BBB", "screener")).json()
    assert len(page["items"]) == 1 and page["next"] == pnr.json()["manifest_id"]
    rest = api.get(
        f"{API}/manifests?limit=1&before={page['next']}", headers=world.auth("BBB", "analyst")
    ).json()
    assert [m["id"] for m in rest["items"]] == [body["manifest_id"]]
    one = api.get(f"{API}/manifests/{body['manifest_id']}", headers=world.auth("BBB", "screener"))
    assert one.status_code == 200
    assert one.json()["answer"]["messages"] == body["messages"]
    # a repeat answers the original
    again = post(api, world, read_fixture("paxlst_passengers.edi"))
    assert again.json()["replayed"] is True
    assert again.json()["manifest_id"] == body["manifest_id"]


def test_other_agencies_cannot_read_them(api: TestClient, world: World) -> None:
    mid = post(api, world, read_fixture("paxlst_passengers.edi")).json()["manifest_id"]
    other = world.auth("AAA", "screener")
    assert api.get(f"{API}/manifests/{mid}", headers=other).status_code == 404
    assert api.get(f"{API}/manifests", headers=other).json()["items"] == []
    officer = world.auth("BBB", "duty-officer")  # may not report movements
    assert api.get(f"{API}/manifests/{mid}", headers=officer).status_code == 403
    assert (
        post(api, world, read_fixture("paxlst_passengers.edi"), ("AAA", "auditor")).status_code
        == 403
    )


def test_bad_messages_are_422_naming_segment_and_position(api: TestClient, world: World) -> None:
    answer = post(api, world, read_fixture("bad/wrong_segment_count.edi"))
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["details"] == [
        {
            "field": "segment 56 (UNT)",
            "message": "UNT: counts 53 segments, the message has 54 (UNH to UNT)",
        }
    ]
    assert post(api, world, "no edifact at all").status_code == 422
    assert post(api, world, "").status_code == 422
    wrong_type = post(
        api, world, read_fixture("paxlst_passengers.edi"), content_type="application/json"
    )
    assert wrong_type.status_code == 422
    assert wrong_type.json()["error"]["details"][0]["field"] == "content-type"
    listing = api.get(f"{API}/manifests", headers=world.auth("BBB", "screener")).json()
    assert listing["items"] == []


def test_read_a_machine_readable_zone(api: TestClient, world: World) -> None:
    auth = world.auth("BBB", "screener")
    answer = api.post(f"{API}/documents/read", json={"mrz": TD3}, headers=auth)
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert found["format"] == "TD3" and found["valid"] is True
    assert found["document"]["number"] == "L898902C3" and found["document"]["type"] == "P"
    assert found["name"]["surname"] == "ERIKSSON" and found["birth_date"] == "1974-08-12"
    misread = TD3.replace("L898902C36", "L898902C35")
    bad = api.post(f"{API}/documents/read", json={"mrz": misread}, headers=auth).json()
    assert bad["valid"] is False and "document_number" in bad["failed_checks"]
    garbage = api.post(f"{API}/documents/read", json={"mrz": "P<UTO ERIKSSON!"}, headers=auth)
    assert garbage.status_code == 422
    assert garbage.json()["error"]["details"][0]["field"].startswith("mrz")
