"""The listing lifecycle routes over HTTP on both databases: reviews due, extension and its
record, partners' flags (the behaviour in depth: tests/lifecycle)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from tests.world import World, publish_api

API = "/api/v1"
COVERED = {
    ("GET", f"{API}/listings/due"),
    ("POST", f"{API}/listings/{{listing_id}}/extend"),
    ("GET", f"{API}/listings/{{listing_id}}/extensions"),
    ("POST", f"{API}/listings/{{listing_id}}/flags"),
    ("DELETE", f"{API}/listings/{{listing_id}}/flags"),
    ("GET", f"{API}/listings/{{listing_id}}/flags"),
}


def _listing(client: TestClient, world: World, review: str) -> int:
    auth = world.auth("AAA", "analyst")
    body = {"schema": "Person", "statements": [{"prop": "name", "value": "Abu Example"}]}
    sid = client.post(f"{API}/subjects", json=body, headers=auth).json()["id"]
    listing = {
        "category": "terrorist",
        "actions": ["arrest"],
        "sharing": "all",
        "status": "active",
        "review_date": review,
    }
    return int(publish_api(client, world, "AAA", sid, listing)["id"])


def test_reviews_due_extension_and_its_record(client: TestClient, world: World) -> None:
    today = datetime.now(UTC).date()
    listing_id = _listing(client, world, (today + timedelta(days=40)).isoformat())
    auth = world.auth("AAA", "analyst")
    due = client.get(f"{API}/listings/due", headers=auth).json()["items"]
    assert [(x["id"], x["days_left"]) for x in due] == [(listing_id, 40)]
    until = (today + timedelta(days=500)).isoformat()
    body = {"until": until, "reason": "Reassessed: still needed."}
    extended = client.post(f"{API}/listings/{listing_id}/extend", json=body, headers=auth)
    assert extended.status_code == 200, extended.text
    assert client.get(f"{API}/listings/due", headers=auth).json()["items"] == []
    record = client.get(f"{API}/listings/{listing_id}/extensions", headers=auth).json()["items"]
    assert [(x["new_date"], x["reason"]) for x in record] == [(until, body["reason"])]
    extra = {**body, "note": "x"}
    assert (
        client.post(f"{API}/listings/{listing_id}/extend", json=extra, headers=auth).status_code
        == 422
    )
    partner = client.post(
        f"{API}/listings/{listing_id}/extend", json=body, headers=world.auth("BBB", "analyst")
    )
    assert partner.status_code == 403


def test_a_partner_flags_and_withdraws_the_owner_reads(client: TestClient, world: World) -> None:
    review = datetime.now(UTC).date() + timedelta(days=400)
    listing_id = _listing(client, world, review.isoformat())
    url, bbb = f"{API}/listings/{listing_id}/flags", world.auth("BBB", "analyst")
    made = client.post(url, json={"reason": "No action on our territory."}, headers=bbb)
    assert made.status_code == 201, made.text
    owner = client.get(url, headers=world.auth("AAA", "analyst")).json()["items"]
    assert [(f["agency"], f["active"]) for f in owner] == [("BBB", True)]
    assert client.delete(url, headers=bbb).json()["active"] is False
    assert client.delete(url, headers=bbb).status_code == 404
    assert [f["active"] for f in client.get(url, headers=bbb).json()["items"]] == [False]
