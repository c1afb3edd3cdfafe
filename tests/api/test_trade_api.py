"""Trade screening and commodity rules over the API."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.api.test_errors import API, fields_of
from tests.embargo.conftest import square
from tests.world import World

COVERED = {
    ("POST", f"{API}/trade/screen"),
    ("POST", f"{API}/trade/rules"),
    ("GET", f"{API}/trade/rules"),
    ("PATCH", f"{API}/trade/rules/{{rule_id}}"),
    ("GET", f"{API}/trade/rules/{{rule_id}}/versions"),
    ("POST", f"{API}/ais/screen"),
}


def _area_and_rule(client: TestClient, world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    aaa = world.auth("AAA", "analyst")
    body = {"name": "Area", "geometry": square(43.1, 36.3), "sharing": "all"}
    area = client.post(f"{API}/areas", json=body, headers=aaa).json()
    rule = {"name": "Antiquities", "area_id": area["id"], "hs_ranges": ["9705-9706"]}
    created = client.post(f"{API}/trade/rules", json=rule, headers=aaa)
    assert created.status_code == 201, created.text
    return area, created.json()


def test_rules_are_versioned(client: TestClient, world: World) -> None:
    aaa = world.auth("AAA", "analyst")
    _, rule = _area_and_rule(client, world)
    assert (rule["version"], rule["hs_ranges"]) == (1, ["9705-9706"])
    patch = {"keywords": ["antiquities", "ancient coins"], "valid_from": "2014-06-10"}
    changed = client.patch(f"{API}/trade/rules/{rule['id']}", json=patch, headers=aaa).json()
    assert (changed["version"], changed["hs_ranges"]) == (2, ["9705-9706"])
    versions = client.get(f"{API}/trade/rules/{rule['id']}/versions", headers=aaa).json()
    assert [v["version"] for v in versions["versions"]] == [2, 1]
    assert [r["id"] for r in client.get(f"{API}/trade/rules", headers=aaa).json()["items"]] == [
        rule["id"]
    ]
    bbb = world.auth("BBB", "analyst")
    assert client.get(f"{API}/trade/rules/{rule['id']}/versions", headers=bbb).status_code == 404
    bad = {"name": "x", "area_id": rule["area_id"], "hs_ranges": ["2709", "7799"]}
    assert fields_of(client.post(f"{API}/trade/rules", json=bad, headers=aaa)) == ["hs_ranges.1"]


def test_a_shipment_through_an_area_with_embargoed_goods(client: TestClient, world: World) -> None:
    _, rule = _area_and_rule(client, world)
    shipment = {
        "id": "S1",
        "date": "2016-01-05",
        "origin": "Mosul, IQ",
        "transshipment": ["TRMER"],
        "destination": "CHGVA",
        "goods": [{"hs": "9705.00", "description": "Ancient coins"}],
    }
    screener = world.auth("BBB", "screener")
    answer = client.post(f"{API}/trade/screen", json={"shipments": [shipment]}, headers=screener)
    assert answer.status_code == 200, answer.text
    (result,) = answer.json()["results"]
    assert result["status"] == "hit"
    assert [f["part"] for f in result["findings"]] == ["area", "commodity"]
    assert result["findings"][1]["rule"]["id"] == rule["id"]
    assert [u["text"] for u in result["unplaced"]] == ["CHGVA"]
    alerts = client.get(f"{API}/alerts", headers=world.auth("AAA", "duty-officer")).json()
    assert {a["kind"] for a in alerts["items"]} == {"trade"}
    bad = {**shipment, "goods": [{"hs": "0000"}]}
    refused = client.post(f"{API}/trade/screen", json={"shipments": [bad]}, headers=screener)
    assert fields_of(refused) == ["shipments.0.goods.0.hs"]


def test_ais_positions_near_an_area(client: TestClient, world: World) -> None:
    _area_and_rule(client, world)  # an area around Mosul, shared with all
    track = [
        {"mmsi": "273000001", "time": f"2016-01-05T{h:02d}:00:00Z", "lat": 36.3, "lon": 43.1}
        for h in range(4)
    ]
    for position in track:
        position["sog"] = 0.2
    screener = world.auth("BBB", "screener")
    answer = client.post(f"{API}/ais/screen", json={"positions": track}, headers=screener)
    assert answer.status_code == 200, answer.text
    (event,) = answer.json()["events"]
    assert (event["kind"], event["hours"], event["area"]["name"]) == ("loitering", 3.0, "Area")
    # the finding alerts the area's owner, once: the same track again raises nothing new
    again = client.post(f"{API}/ais/screen", json={"positions": track}, headers=screener)
    assert again.status_code == 200, again.text
    duty = world.auth("AAA", "duty-officer")
    alerts = client.get(f"{API}/alerts", headers=duty).json()["items"]
    assert [(a["kind"], a["reporter"]) for a in alerts] == [("ais", "BBB")]
    assert alerts[0]["detail"]["kind"] == "loitering"
    assert (
        client.get(f"{API}/alerts", headers=world.auth("BBB", "duty-officer")).json()["items"] == []
    )
    bad = [{**track[0], "time": "noon"}]
    refused = client.post(f"{API}/ais/screen", json={"positions": bad}, headers=screener)
    assert fields_of(refused) == ["positions.0.time"]
    refused = client.post(f"{API}/ais/screen", json={"nmea": ["nonsense"]}, headers=screener)
    assert fields_of(refused) == ["nmea.0"]
