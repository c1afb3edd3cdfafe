"""The travel-document API on both databases: CRUD with the issuing-state policy, 422 naming
the field, sharing on reads, withdrawal, delegations by the operator."""

from __future__ import annotations

from fastapi.testclient import TestClient

from ictd.registry import accounts
from ictd.security.actor import Actor
from tests.world import World

API = "/api/v1/travel-documents"
COVERED = {
    ("POST", API),
    ("GET", API),
    ("GET", f"{API}/{{report_id}}"),
    ("PATCH", f"{API}/{{report_id}}"),
    ("POST", f"{API}/{{report_id}}/withdraw"),
    ("POST", f"{API}/delegations"),
    ("GET", f"{API}/delegations"),
    ("DELETE", f"{API}/delegations/{{agency}}/{{issuing_state}}"),
    ("PUT", "/api/v1/agencies/{code}/country"),
}
REPORT = {
    "document": {"type": "P", "number": "C01X00T47", "issuing_state": "DEU"},
    "status": "lost",
    "reported_on": "2026-11-01",
}


def test_travel_document_crud(client: TestClient, world: World) -> None:
    accounts.set_country(world.store, Actor.system("tests"), "AAA", "DE")
    analyst = world.auth("AAA", "analyst")
    made = client.post(API, json=REPORT, headers=analyst)
    assert made.status_code == 201, made.text
    report = made.json()
    assert report["document"]["issuing_state"] == "DE" and report["agency"] == "AAA"
    wrong = client.post(API, json={**REPORT, "status": "gone"}, headers=analyst)
    assert wrong.status_code == 422
    foreign = dict(REPORT, document={**REPORT["document"], "issuing_state": "FRA"})
    refused = client.post(API, json=foreign, headers=analyst)
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["field"] == "document.issuing_state"
    bbb = client.post(API, json=REPORT, headers=world.auth("BBB", "analyst"))
    assert bbb.status_code == 422  # BBB serves no state

    rid = report["id"]
    assert client.get(f"{API}/{rid}", headers=analyst).json()["status"] == "lost"
    assert client.get(f"{API}/{rid}", headers=world.auth("BBB", "analyst")).status_code == 404
    listed = client.get(API, headers=world.auth("AAA", "screener")).json()
    assert [x["id"] for x in listed["items"]] == [rid]

    patched = client.patch(f"{API}/{rid}", json={"status": "stolen"}, headers=analyst)
    assert patched.status_code == 200 and patched.json()["status"] == "stolen"
    screener = world.auth("AAA", "screener")
    assert (
        client.patch(f"{API}/{rid}", json={"status": "lost"}, headers=screener).status_code == 403
    )
    gone = client.post(f"{API}/{rid}/withdraw", json={}, headers=analyst)
    assert gone.status_code == 200 and gone.json()["withdrawn"]
    assert client.get(API, headers=analyst).json()["items"] == []
    assert client.post(f"{API}/{rid}/withdraw", json={}, headers=analyst).status_code == 409


def test_delegations_by_the_operator(client: TestClient, world: World) -> None:
    body = {"agency": "BBB", "issuing_state": "UNO"}
    assert (
        client.post(
            f"{API}/delegations", json=body, headers=world.auth("BBB", "agency-admin")
        ).status_code
        == 403
    )
    made = client.post(f"{API}/delegations", json=body, headers=world.auth("OPS", "agency-admin"))
    assert made.status_code == 201, made.text
    listed = client.get(f"{API}/delegations", headers=world.auth("BBB", "analyst")).json()
    assert listed["items"][0]["agency"] == "BBB"
    report = dict(REPORT, document={"type": "P", "number": "UN1", "issuing_state": "UNO"})
    assert client.post(API, json=report, headers=world.auth("BBB", "analyst")).status_code == 201
    ended = client.delete(f"{API}/delegations/BBB/UNO", headers=world.auth("OPS", "agency-admin"))
    assert ended.status_code == 204
    assert client.get(f"{API}/delegations", headers=world.auth("BBB", "analyst")).json() == {
        "items": []
    }


def test_the_operator_sets_an_agencys_country(client: TestClient, world: World) -> None:
    url = "/api/v1/agencies/BBB/country"
    refused = client.put(url, json={"country": "FR"}, headers=world.auth("BBB", "agency-admin"))
    assert refused.status_code == 403
    wrong = client.put(url, json={"country": "XY"}, headers=world.auth("OPS", "agency-admin"))
    assert wrong.status_code == 422
    done = client.put(url, json={"country": "fr"}, headers=world.auth("OPS", "agency-admin"))
    assert done.status_code == 200 and done.json()["country"] == "FR"
    report = dict(REPORT, document={"type": "P", "number": "FR1", "issuing_state": "FRA"})
    assert client.post(API, json=report, headers=world.auth("BBB", "analyst")).status_code == 201
