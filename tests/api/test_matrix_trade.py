"""Access-control matrix of embargoed areas, commodity rules, trade screening and AIS screening,
on both databases: every role of the owning agency (AAA), a named partner (BBB) and a partner
outside the scope (CCC), for areas shared with no one, with BBB, and with all. Commodity rules
are private to their agency; a screening tells a rule in full only to those who read its area."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.matrix import PARTNERS, ROLES, SCOPES, SHARING, add_partner, ask, hidden_probe
from tests.api.test_errors import API, error_of, fields_of
from tests.embargo.conftest import square
from tests.world import World

READERS = {"analyst", "screener", "duty-officer"}
MISSING = 999_999
AREAS = f"{API}/areas"
RULES = f"{API}/trade/rules"
CITY = {
    "own": ("Mosul, IQ", 43.1, 36.3),
    "named": ("Sirte, LY", 16.6, 31.2),
    "all": ("Kandahar, AF", 65.7, 31.6),
}


@pytest.fixture
def areas(client: TestClient, world: World) -> dict[str, dict[str, Any]]:
    """Per scope: an AAA area around a city, shared in that scope, with an AAA commodity rule
    (``area`` and ``rule``)."""
    add_partner(world)
    made = {}
    for scope, (_city, lon, lat) in CITY.items():
        body = {"name": f"Area {scope}", "geometry": square(lon, lat), **SHARING[scope]}
        area = ask(client, world, "AAA", "analyst", "POST", f"{API}/areas", body)
        assert area.status_code == 201, area.text
        rule = {
            "name": f"Antiquities {scope}",
            "area_id": area.json()["id"],
            "hs_ranges": ["9705-9706"],
        }
        created = ask(client, world, "AAA", "analyst", "POST", f"{API}/trade/rules", rule)
        assert created.status_code == 201, created.text
        made[scope] = {"area": area.json(), "rule": created.json()}
    return made


def test_reading_an_area(
    client: TestClient, world: World, areas: dict[str, dict[str, Any]]
) -> None:
    for scope, made in areas.items():
        area_id = made["area"]["id"]
        for suffix in ("", "/versions"):
            url = f"{API}/areas/{area_id}{suffix}"
            for agency in PARTNERS:
                for role in ROLES:
                    case = (scope, suffix, agency, role)
                    if role not in READERS:
                        error_of(ask(client, world, agency, role, "GET", url), 403, "forbidden")
                    elif agency in SCOPES[scope]:
                        shown = ask(client, world, agency, role, "GET", url)
                        assert shown.status_code == 200, case
                        area = shown.json()["area"] if suffix else shown.json()
                        assert (area["id"], area["agency"]) == (area_id, "AAA"), case
                    else:
                        hidden_probe(
                            client, world, agency, role, "GET", AREAS, area_id, suffix, kind="area"
                        )
    for agency in PARTNERS:
        for role in READERS:
            listed = ask(client, world, agency, role, "GET", f"{API}/areas").json()["items"]
            expected = [areas[s]["area"]["id"] for s in SCOPES if agency in SCOPES[s]]
            assert [x["id"] for x in listed] == expected, (agency, role)


@pytest.mark.parametrize(
    ("method", "body"),
    [("PATCH", {"name": "Renamed"}), ("DELETE", None)],
    ids=["change", "withdraw"],
)
def test_changing_an_area(
    client: TestClient, world: World, areas: dict[str, dict[str, Any]], method: str, body: Any
) -> None:
    for scope, made in areas.items():
        url = f"{API}/areas/{made['area']['id']}"
        for agency in PARTNERS:
            for role in ROLES:
                if role == "analyst" and agency not in SCOPES[scope]:
                    hidden_probe(
                        client,
                        world,
                        agency,
                        role,
                        method,
                        AREAS,
                        made["area"]["id"],
                        body=body,
                        kind="area",
                    )
                elif role != "analyst" or agency != "AAA":
                    error_of(ask(client, world, agency, role, method, url, body), 403, "forbidden")
        done = ask(client, world, "AAA", "analyst", method, url, body)
        assert done.status_code == 200, done.text


def test_commodity_rules_are_their_agencys_alone(
    client: TestClient, world: World, areas: dict[str, dict[str, Any]]
) -> None:
    rule_id = areas["all"]["rule"]["id"]
    url = f"{API}/trade/rules/{rule_id}"
    for agency in PARTNERS:
        for role in ROLES:
            case = (agency, role)
            listed = ask(client, world, agency, role, "GET", f"{API}/trade/rules")
            versions = ask(client, world, agency, role, "GET", f"{url}/versions")
            if role not in READERS:
                error_of(listed, 403, "forbidden")
                error_of(versions, 403, "forbidden")
            elif agency == "AAA":
                ids = [x["id"] for x in listed.json()["items"]]
                assert ids == [m["rule"]["id"] for m in areas.values()], case
                assert [v["version"] for v in versions.json()["versions"]] == [1], case
            else:
                assert listed.json()["items"] == [], case
                hidden_probe(
                    client, world, agency, role, "GET", RULES, rule_id, "/versions", kind="rule"
                )
            patch = {"keywords": ["ancient coins"]}
            if role != "analyst":
                error_of(ask(client, world, agency, role, "PATCH", url, patch), 403, "forbidden")
            elif agency != "AAA":
                hidden_probe(
                    client, world, agency, role, "PATCH", RULES, rule_id, "", patch, kind="rule"
                )
    # a partner writes rules on the areas it reads; a hidden area is told as a missing one
    for scope, made in areas.items():
        body = {"name": "Ours", "area_id": made["area"]["id"], "hs_ranges": ["2709"]}
        for agency in ("BBB", "CCC"):
            for role in ROLES:
                response = ask(client, world, agency, role, "POST", f"{API}/trade/rules", body)
                if role != "analyst":
                    error_of(response, 403, "forbidden")
                elif agency in SCOPES[scope]:
                    assert response.status_code == 201, (scope, agency)
                else:
                    assert fields_of(response) == ["area_id"]
                    message = error_of(response, 422)["details"][0]["message"]
                    assert message == f"no area {made['area']['id']}"
    missing = {"name": "Ours", "area_id": MISSING, "hs_ranges": ["2709"]}
    answer = ask(client, world, "CCC", "analyst", "POST", f"{API}/trade/rules", missing)
    assert error_of(answer, 422)["details"][0]["message"] == f"no area {MISSING}"


def shipment(scope: str) -> dict[str, Any]:
    return {
        "id": scope,
        "date": "2016-01-05",
        "origin": CITY[scope][0],
        "goods": [{"hs": "9705.00", "description": "Ancient coins"}],
    }


def test_screening_shipments(
    client: TestClient, world: World, areas: dict[str, dict[str, Any]]
) -> None:
    body = {"shipments": [shipment(s) for s in SCOPES]}
    for agency in PARTNERS:
        for role in ROLES:
            response = ask(client, world, agency, role, "POST", f"{API}/trade/screen", body)
            if role not in READERS:
                error_of(response, 403, "forbidden")
                continue
            assert response.status_code == 200, response.text
            for scope, result in zip(SCOPES, response.json()["results"], strict=True):
                case = (scope, agency, role)
                assert result["status"] == "hit", case
                found = {f["part"]: f for f in result["findings"]}
                assert sorted(found) == ["area", "commodity"], case
                goods = found["commodity"]
                assert (goods["goods"], goods["hs"]) == (0, "9705.00"), case
                made = areas[scope]
                if agency in SCOPES[scope]:
                    assert found["area"]["area"]["id"] == made["area"]["id"], case
                    assert goods["area"]["id"] == made["area"]["id"], case
                    assert goods["rule"]["id"] == made["rule"]["id"], case
                    assert goods["rule"]["name"] == f"Antiquities {scope}", case
                    assert goods["hs_ranges"] == ["9705-9706"], case
                else:
                    withheld = {"details_withheld": True, "owner": found["area"]["area"]["owner"]}
                    assert found["area"]["area"] == withheld, case
                    assert withheld["owner"]["agency"] == "AAA"
                    assert goods["area"] == withheld, case
                    # the rule's name and contents would say what the hidden area is about
                    assert goods["rule"] == withheld, case
                    assert "hs_ranges" not in goods and "keywords" not in goods, case


def test_screening_ais_positions(
    client: TestClient, world: World, areas: dict[str, dict[str, Any]]
) -> None:
    positions = [
        {
            "mmsi": f"27300000{n}",
            "time": f"2016-01-05T{h:02d}:00:00Z",
            "lat": lat,
            "lon": lon,
            "sog": 0.2,
        }
        for n, (_city, lon, lat) in enumerate(CITY.values())
        for h in range(4)
    ]
    for agency in PARTNERS:
        for role in ROLES:
            response = ask(
                client, world, agency, role, "POST", f"{API}/ais/screen", {"positions": positions}
            )
            if role not in READERS:
                error_of(response, 403, "forbidden")
                continue
            assert response.status_code == 200, response.text
            events = {str(e["mmsi"]): e for e in response.json()["events"]}
            assert sorted(events) == [f"27300000{n}" for n in range(3)], (agency, role)
            for n, scope in enumerate(SCOPES):
                area = events[f"27300000{n}"]["area"]
                if agency in SCOPES[scope]:
                    assert (area["id"], area["name"]) == (
                        areas[scope]["area"]["id"],
                        f"Area {scope}",
                    )
                else:
                    assert area["details_withheld"] is True and "name" not in area, (agency, role)
                    assert area["owner"]["agency"] == "AAA"
