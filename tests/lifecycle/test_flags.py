"""Flags on both databases: a partner's "no action on our territory" turns its own hits on
the listing into information only, with the flag; the owner sees the flags and is told."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient

from tests.cli.test_cli import ictd, ok, refused
from tests.world import World, publish_api

API = "/api/v1"
PERSON = {
    "schema": "Person",
    "statements": [
        {"prop": "name", "value": "Hamza bin Laden"},
        {"prop": "birthDate", "value": "1989"},
        {"prop": "nationality", "value": "SA"},
    ],
}
QUERY = {"queries": [{"id": "q", "names": ["Hamza bin Laden"], "birth_date": "1989"}]}


def _listed(api: TestClient, world: World, sharing: str = "all") -> int:
    auth = world.auth("AAA", "analyst")
    sid = api.post(f"{API}/subjects", json=PERSON, headers=auth).json()["id"]
    body = {"category": "terrorist", "actions": ["arrest"], "sharing": sharing, "status": "active"}
    return int(publish_api(api, world, "AAA", sid, body)["id"])


def _screened(api: TestClient, world: World, agency: str) -> dict[str, Any]:
    answer = api.post(f"{API}/screen", json=QUERY, headers=world.auth(agency, "screener"))
    assert answer.status_code == 200, answer.text
    (result,) = answer.json()["results"]
    assert result["hit"] is True
    (listing,) = result["matches"][0]["listings"]
    return dict(listing)


def _moved(api: TestClient, world: World, agency: str, key: str) -> dict[str, Any]:
    report = {
        "idempotency_key": key,
        "kind": "border-entry",
        "time": datetime.now(UTC).isoformat(),
        "place": {"country": "FR", "point_of_entry": "CDG"},
        "traveller": {"names": ["Hamza bin Laden"], "birth_date": "1989"},
    }
    answer = api.post(
        f"{API}/movements", json={"movements": [report]}, headers=world.auth(agency, "screener")
    )
    assert answer.status_code == 200, answer.text
    (reply,) = answer.json()["results"]
    assert reply["result"] == "hit"
    return dict(reply["hits"][0])


def test_a_flag_turns_the_flagging_agencys_hits_into_information_only(
    api: TestClient, world: World
) -> None:
    listing_id = _listed(api, world)
    assert _screened(api, world, "BBB")["actions"] == ["arrest"]
    reason = "No legal basis for arrest on our territory."
    flagged = api.post(
        f"{API}/listings/{listing_id}/flags",
        json={"reason": reason},
        headers=world.auth("BBB", "analyst"),
    )
    assert flagged.status_code == 201, flagged.text
    assert flagged.json()["agency"] == "BBB" and flagged.json()["active"] is True

    told = _screened(api, world, "BBB")
    assert told["actions"] == ["information-only"] and told["requested_actions"] == ["arrest"]
    assert told["flag"]["agency"] == "BBB" and told["flag"]["reason"] == reason
    hit = _moved(api, world, "BBB", "f-1")
    assert hit["actions"] == ["information-only"] and hit["flag"]["reason"] == reason
    assert hit["alert"]  # the owner is still alerted: the subject was seen
    # other agencies and the owner are not affected by BBB's flag
    assert _screened(api, world, "OPS")["actions"] == ["arrest"]
    assert "flag" not in _screened(api, world, "AAA")

    owner = api.get(f"{API}/listings/{listing_id}/flags", headers=world.auth("AAA", "analyst"))
    assert [(f["agency"], f["reason"]) for f in owner.json()["items"]] == [("BBB", reason)]
    with world.store.read() as session:
        notices = [
            e for e in session.alerts.events_after("AAA", 0, 100) if e.type == "listing.flagged"
        ]
        audit = session.audit.query({"action": "listing.flag"}, 0, 10)
    assert [n.payload["flag"]["agency"] for n in notices] == ["BBB"]
    assert list(audit[0].targets) == [f"listing:{listing_id}"]

    withdrawn = api.delete(
        f"{API}/listings/{listing_id}/flags", headers=world.auth("BBB", "analyst")
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["active"] is False
    assert _screened(api, world, "BBB")["actions"] == ["arrest"]
    assert _moved(api, world, "BBB", "f-2")["actions"] == ["arrest"]
    history = api.get(f"{API}/listings/{listing_id}/flags", headers=world.auth("AAA", "analyst"))
    assert [f["active"] for f in history.json()["items"]] == [False]


def test_flags_are_refused_to_the_owner_twice_without_reason_or_out_of_scope(
    api: TestClient, world: World
) -> None:
    listing_id = _listed(api, world)
    url = f"{API}/listings/{listing_id}/flags"
    body = {"reason": "not on our territory"}
    assert api.post(url, json=body, headers=world.auth("AAA", "analyst")).status_code == 409
    assert api.post(url, json=body, headers=world.auth("BBB", "screener")).status_code == 403
    blank = api.post(url, json={"reason": "   "}, headers=world.auth("BBB", "analyst"))
    assert blank.status_code == 422
    assert blank.json()["error"]["details"][0]["field"] == "reason"
    assert api.post(url, json=body, headers=world.auth("BBB", "analyst")).status_code == 201
    assert api.post(url, json=body, headers=world.auth("BBB", "analyst")).status_code == 409
    # a partner sees its own agency's flags only
    seen = api.get(url, headers=world.auth("OPS", "analyst")).json()["items"]
    assert seen == []
    assert api.delete(url, headers=world.auth("OPS", "analyst")).status_code == 404
    hidden = _listed(api, world, sharing="own")
    answer = api.post(
        f"{API}/listings/{hidden}/flags", json=body, headers=world.auth("BBB", "analyst")
    )
    assert answer.status_code == 404


def test_the_cli_flags_lists_and_withdraws(api: TestClient, world: World) -> None:
    listing_id = _listed(api, world)
    url, lid = world.store.url, str(listing_id)
    out = ok(ictd(url, "listing", "flag", lid, "--as", "analyst@bbb.example", "--reason", "No."))
    assert '"agency": "BBB"' in out
    refused(ictd(url, "listing", "flag", lid, "--as", "analyst@bbb.example", "--reason", "x"))
    owner = ok(ictd(url, "listing", "flags", lid, "--as", "analyst@aaa.example"))
    assert '"reason": "No."' in owner
    assert '"active": false' in ok(
        ictd(url, "listing", "unflag", lid, "--as", "analyst@bbb.example")
    )
    assert "no flags" in ok(ictd(url, "listing", "flags", lid, "--as", "analyst@ops.example"))
