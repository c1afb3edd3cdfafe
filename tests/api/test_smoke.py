"""A first walk through the API as a partner analyst would use it."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.world import World


def test_create_and_read_subject(client: TestClient, world: World) -> None:
    body = {
        "schema": "Person",
        "statements": [
            {"prop": "name", "value": "Abu Bakr al-Baghdadi"},
            {"prop": "originalScriptName", "value": "أبو بكر البغدادي", "lang": "ara"},
            {"prop": "birthDate", "value": "1971-07-28"},
            {"prop": "nationality", "value": "iq"},
        ],
    }
    created = client.post("/api/v1/subjects", json=body, headers=world.auth("AAA", "analyst"))
    assert created.status_code == 201, created.text
    subject = created.json()
    assert subject["agency"] == "AAA"
    assert subject["properties"]["nationality"] == ["IQ"]
    got = client.get(f"/api/v1/subjects/{subject['id']}", headers=world.auth("AAA", "screener"))
    assert got.status_code == 200
    assert got.json()["caption"] == "Abu Bakr al-Baghdadi"
    hidden = client.get(f"/api/v1/subjects/{subject['id']}", headers=world.auth("BBB", "analyst"))
    assert hidden.status_code == 404
