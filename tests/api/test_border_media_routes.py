"""Routes of the travel-document register, risk rules and media signals not exercised by
their capability's own API tests: reading one rule, deactivating it, editing a signal,
the owner's review of a signal, and the signals of a listed organisation."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.signals.support import listed_organisation
from tests.world import World

API = "/api/v1"
MD5 = "900150983cd24fb0d6963f7d28e17f72"
RULE = {"name": "men", "source": 'gender == "male"'}

COVERED = {
    ("GET", f"{API}/rules/{{rule_id}}"),
    ("POST", f"{API}/rules/{{rule_id}}/deactivate"),
    ("PATCH", f"{API}/media/signals/{{signal_id}}"),
    ("POST", f"{API}/media/signals/{{signal_id}}/review"),
    ("GET", f"{API}/media/organisations/{{subject_id}}/signals"),
}


def test_one_rule_is_read_by_its_agency_only_and_deactivated(
    client: TestClient, world: World
) -> None:
    auth = world.auth("AAA", "analyst")
    rule_id = client.post(f"{API}/rules", json=RULE, headers=auth).json()["id"]
    assert client.post(f"{API}/rules/{rule_id}/activate", json={}, headers=auth).status_code == 200
    one = client.get(f"{API}/rules/{rule_id}", headers=auth)
    assert one.status_code == 200 and one.json()["name"] == "men"
    assert (
        client.get(f"{API}/rules/{rule_id}", headers=world.auth("BBB", "analyst")).status_code
        == 404
    )
    off = client.post(f"{API}/rules/{rule_id}/deactivate", json={}, headers=auth)
    assert off.status_code == 200, off.text
    assert client.get(f"{API}/rules/{rule_id}", headers=auth).json()["active_version"] is None


def test_a_signal_is_edited_and_reviewed_by_its_owner_and_listed_by_organisation(
    client: TestClient, world: World
) -> None:
    aaa = world.auth("AAA", "analyst")
    org = listed_organisation(world.store, world, "AAA")
    made = client.post(
        f"{API}/media/signals",
        json={"items": [{"kind": "md5", "value": MD5, "labels": ["recruitment"]}]},
        headers=aaa,
    )
    assert made.status_code == 201, made.text
    sid = made.json()["items"][0]["id"]
    edited = client.patch(
        f"{API}/media/signals/{sid}",
        json={"labels": ["glorification"], "subject_id": org},
        headers=aaa,
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["labels"] == ["glorification"]
    other = client.patch(
        f"{API}/media/signals/{sid}",
        json={"labels": ["recruitment"]},
        headers=world.auth("BBB", "analyst"),
    )
    assert other.status_code in (403, 404)
    listed = client.get(f"{API}/media/organisations/{org}/signals", headers=aaa)
    assert listed.status_code == 200, listed.text
    assert [s["id"] for s in listed.json()["items"]] == [sid]
    kept = client.post(f"{API}/media/signals/{sid}/review", json={"keep": False}, headers=aaa)
    assert kept.status_code == 200, kept.text
    assert client.get(f"{API}/media/signals/{sid}", headers=aaa).json()["status"] != "active"
