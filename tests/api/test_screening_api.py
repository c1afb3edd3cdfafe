"""POST /screen and the disposition routes over HTTP, on both databases."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.world import World, publish_api

PERSON = {
    "schema": "Person",
    "statements": [
        {"prop": "name", "value": "Hamza bin Laden"},
        {"prop": "originalScriptName", "value": "حمزة بن لادن", "lang": "ara"},
        {"prop": "birthDate", "value": "1989"},
        {"prop": "nationality", "value": "SA"},
    ],
}


def _listed_subject(client: TestClient, world: World, sharing: str = "all") -> int:
    auth = world.auth("AAA", "analyst")
    sid = client.post("/api/v1/subjects", json=PERSON, headers=auth).json()["id"]
    listing = {
        "category": "terrorist",
        "actions": ["arrest"],
        "sharing": sharing,
        "status": "active",
    }
    publish_api(client, world, "AAA", sid, listing)
    return int(sid)


def test_screen_arabic_script_query_finds_latin_subject(client: TestClient, world: World) -> None:
    sid = _listed_subject(client, world)
    body = {
        "queries": [
            {"id": "p1", "names": ["حمزة بن لادن"], "birth_date": "1989"},
            {"id": "p2", "names": ["Jean Dupont"]},
        ]
    }
    answer = client.post("/api/v1/screen", json=body, headers=world.auth("BBB", "screener"))
    assert answer.status_code == 200, answer.text
    first, second = answer.json()["results"]
    assert first["query_id"] == "p1" and first["hit"] is True
    assert first["matches"][0]["subject_id"] == sid
    assert 0.0 <= first["matches"][0]["score"] <= 1.0
    assert {"feature", "value", "detail"} <= set(first["matches"][0]["explanation"][0])
    assert second == {**second, "hit": False, "matches": []}


def test_screen_refuses_bad_input_and_roles(client: TestClient, world: World) -> None:
    auth = world.auth("AAA", "screener")
    too_many = {"queries": [{"id": str(i), "names": ["x"]} for i in range(1001)]}
    assert client.post("/api/v1/screen", json=too_many, headers=auth).status_code == 422
    bad = client.post(
        "/api/v1/screen",
        headers=auth,
        json={"queries": [{"id": "1", "names": ["Ali"], "birth_date": "19x"}]},
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"] == "queries.0.birth_date"
    extra = client.post(
        "/api/v1/screen",
        headers=auth,
        json={"queries": [{"id": "1", "names": ["Ali"], "colour": "red"}]},
    )
    assert extra.status_code == 422
    auditor = client.post(
        "/api/v1/screen",
        headers=world.auth("AAA", "auditor"),
        json={"queries": [{"id": "1", "names": ["Ali"]}]},
    )
    assert auditor.status_code == 403
    assert client.post("/api/v1/screen", json={"queries": []}).status_code == 401


def test_disposition_round_trip(client: TestClient, world: World) -> None:
    sid = _listed_subject(client, world)
    auth = world.auth("BBB", "screener")
    query = {"id": "q", "names": ["Hamza bin Laden"], "birth_date": "1989"}
    body = {
        "query": query,
        "subject_id": sid,
        "decision": "false-match",
        "reason": "different person: passport checked",
    }
    created = client.post("/api/v1/dispositions", json=body, headers=auth)
    assert created.status_code == 201, created.text
    again = client.post("/api/v1/screen", json={"queries": [query]}, headers=auth).json()
    assert again["results"][0]["suppressed_false_matches"] == [sid]
    listed = client.get("/api/v1/dispositions", headers=auth).json()["items"]
    assert [d["id"] for d in listed] == [created.json()["id"]]
    revoked = client.delete(f"/api/v1/dispositions/{created.json()['id']}", headers=auth)
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    other = client.delete(
        f"/api/v1/dispositions/{created.json()['id']}", headers=world.auth("AAA", "screener")
    )
    assert other.status_code == 404
    wrong = client.post("/api/v1/dispositions", headers=auth, json={**body, "decision": "maybe"})
    assert wrong.status_code == 422
    assert wrong.json()["error"]["details"][0]["field"] == "decision"
