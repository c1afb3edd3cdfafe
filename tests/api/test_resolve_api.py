"""Resolution over the API and the CLI: review queue, judgements, undo, profiles."""

from __future__ import annotations

from fastapi.testclient import TestClient

from ictd.resolve import xref
from ictd.security.actor import Actor
from tests.cli.test_cli import ictd, ok, refused
from tests.resolve.test_resolve import people
from tests.world import World

API = "/api/v1"
COVERED = {
    ("GET", f"{API}/xref/proposals"),
    ("POST", f"{API}/judgements"),
    ("DELETE", f"{API}/judgements/{{judgement_id}}"),
    ("GET", f"{API}/subjects/{{subject_id}}/profile"),
}


def test_queue_judge_profile_undo(client: TestClient, world: World) -> None:
    ids = people(world.store)
    xref(world.store, Actor.system("tests"), threshold=0.5)
    auth = world.auth("AAA", "analyst")
    queue = client.get(f"{API}/xref/proposals?limit=10", headers=auth)
    assert queue.status_code == 200, queue.text
    items = queue.json()["items"]
    pair = [ids["AAA"], ids["UN"]]
    assert pair in [[s["id"] for s in i["subjects"]] for i in items]
    body = {"subjects": pair, "decision": "same", "reason": "same passport"}
    made = client.post(f"{API}/judgements", json=body, headers=auth)
    assert made.status_code == 201, made.text
    profile = client.get(f"{API}/subjects/{ids['UN']}/profile", headers=auth).json()
    assert [m["id"] for m in profile["members"]] == pair
    after = client.get(f"{API}/xref/proposals", headers=auth).json()["items"]
    assert pair not in [[s["id"] for s in i["subjects"]] for i in after]
    undone = client.delete(f"{API}/judgements/{made.json()['id']}", headers=auth)
    assert undone.status_code == 200 and undone.json()["revoked_at"] is not None
    profile = client.get(f"{API}/subjects/{ids['UN']}/profile", headers=auth).json()
    assert [m["id"] for m in profile["members"]] == [ids["UN"]]


def test_refusals(client: TestClient, world: World) -> None:
    ids = people(world.store)
    auth = world.auth("AAA", "analyst")
    bad = {"subjects": [ids["AAA"]], "decision": "same", "reason": "x"}
    assert client.post(f"{API}/judgements", json=bad, headers=auth).status_code == 422
    unshared = {"subjects": [ids["AAA"], ids["BBB"]], "decision": "same", "reason": "x"}
    assert client.post(f"{API}/judgements", json=unshared, headers=auth).status_code == 404
    screener = world.auth("AAA", "screener")
    ok = {"subjects": [ids["AAA"], ids["UN"]], "decision": "same", "reason": "x"}
    assert client.post(f"{API}/judgements", json=ok, headers=screener).status_code == 403
    assert client.delete(f"{API}/judgements/77", headers=auth).status_code == 404
    assert client.get(f"{API}/subjects/{ids['BBB']}/profile", headers=auth).status_code == 404


def test_cli_xref_and_judge(world: World) -> None:
    ids = people(world.store)
    url = world.store.url
    done = ok(ictd(url, "xref", "--threshold", "0.5"))
    assert "proposals from 5 subjects" in done
    pair = (str(ids["AAA"]), str(ids["UN"]))
    who = ("--as", "analyst@aaa.example")
    judged = ok(ictd(url, "judge", *pair, "not-same", "--reason", "twins", *who))
    assert '"decision": "not-same"' in judged
    refused(ictd(url, "judge", *pair, "maybe", "--reason", "x", *who), "judgement")
