"""Graph and financing-exposure endpoints over the API, on both databases."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.graph.network import build_network
from tests.world import World

API = "/api/v1"
COVERED = {
    ("GET", f"{API}/subjects/{{subject_id}}/neighbourhood"),
    ("GET", f"{API}/subjects/{{subject_id}}/exposure"),
    ("POST", f"{API}/graph/exposed"),
    ("POST", f"{API}/exposure"),
}


def test_exposure_and_neighbourhood_are_drawable(client: TestClient, world: World) -> None:
    ids = build_network(world.store)
    auth = world.auth("AAA", "analyst")
    response = client.get(f"{API}/subjects/{ids['FRONT1']}/exposure?depth=3", headers=auth)
    assert response.status_code == 200, response.text
    body = response.json()
    assert [n["id"] for n in body["paths"][0]["nodes"]] == [
        str(ids[k]) for k in ("FRONT1", "HOLD", "FIN")
    ]
    graph = body["graph"]
    assert {"id", "label", "schema", "listed"} <= set(graph["nodes"][0])
    assert {"id", "source", "target", "type", "stated_by"} <= set(graph["edges"][0])
    around = client.get(f"{API}/subjects/{ids['HOLD']}/neighbourhood?depth=1", headers=auth)
    assert around.status_code == 200
    assert len(around.json()["nodes"]) == 4
    hidden = client.get(f"{API}/subjects/{ids['DONOR']}/neighbourhood", headers=auth)
    assert hidden.status_code == 404
    deep = client.get(f"{API}/subjects/{ids['HOLD']}/neighbourhood?depth=7", headers=auth)
    assert deep.status_code == 422
    with world.store.begin() as session:
        actions = [e.action for e in session.audit.events()]
    assert "graph.exposure" in actions and "graph.neighbourhood" in actions


def test_who_is_exposed(client: TestClient, world: World) -> None:
    ids = build_network(world.store)
    body = {"subject_ids": [ids["SHELL"], ids["LOOKALIKE"]], "depth": 3}
    response = client.post(f"{API}/graph/exposed", json=body, headers=world.auth("AAA", "analyst"))
    assert response.status_code == 200, response.text
    assert response.json()["exposed"] == [ids["SHELL"]]
    refused = client.post(
        f"{API}/graph/exposed", json={"subject_ids": []}, headers=world.auth("AAA", "analyst")
    )
    assert refused.status_code == 422


def test_registry_extract_exposure(client: TestClient, world: World) -> None:
    ids = build_network(world.store)
    extract = {
        "companies": [
            {"id": "c1", "name": "Levant Star Trading", "registration_number": "LB-778"},
            {"id": "c2", "name": "Quiet Meadow Bakery"},
        ],
        "officers": [{"company": "c2", "name": "Maria Petrova", "birth_date": "1985"}],
        "owners": [{"company": "c1", "name": "Khalid Mansour Haddad", "share": 75}],
    }
    response = client.post(
        f"{API}/exposure",
        json={"extract": extract, "depth": 3},
        headers=world.auth("AAA", "analyst"),
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["direct_hits"] == ["person:khalid mansour haddad"]
    assert report["exposed"] == ["company:levant star trading"]
    parties = {p["key"]: p for p in report["parties"]}
    company = parties["company:levant star trading"]["exposure"]
    assert company["hops"] == 1 and company["listed_subject_id"] == ids["FIN"]
    assert parties["company:quiet meadow bakery"]["exposure"] is None


def test_transactions_flow_toward_listed_subjects(client: TestClient, world: World) -> None:
    ids = build_network(world.store)
    rows = [
        {
            "payer": "Acme Ltd",
            "payee": "Jamaat Example Front",
            "amount": "100",
            "currency": "USD",
            "date": "2026-03-01",
        },
        {
            "payer": "Acme Ltd",
            "payee": "Jamaat Example Front",
            "amount": "50",
            "currency": "USD",
            "date": "2025-01-01",
        },
        {
            "payer": "Acme Ltd",
            "payee": "Harbour Capital Ltd",
            "amount": "900",
            "currency": "EUR",
            "date": "2026-04-01",
        },
        {
            "payer": "Acme Ltd",
            "payee": "Quiet Meadow Bakery",
            "amount": "7",
            "currency": "USD",
            "date": "2026-04-01",
        },
    ]
    body = {"extract": rows, "depth": 3, "from": "2026-01-01", "to": "2026-12-31"}
    response = client.post(f"{API}/exposure", json=body, headers=world.auth("BBB", "analyst"))
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["direct_hits"] == ["party:jamaat example front"]
    assert "party:harbour capital ltd" in report["exposed"]
    assert "party:acme ltd" in report["exposed"]  # pays a listed organisation directly
    assert report["flows"] == [
        {
            "listed_subject_id": ids["ORG"],
            "listed_reference": None,
            "currency": "EUR",
            "direct": "0",
            "indirect": "900",
            "transactions": [2],
        },
        {
            "listed_subject_id": ids["ORG"],
            "listed_reference": None,
            "currency": "USD",
            "direct": "100",
            "indirect": "0",
            "transactions": [0],
        },
    ]
    assert "party:quiet meadow bakery" in report["exposed"]  # paid by the same payer: 2 hops
    # AAA may not read BBB's Harbour Capital: the money flowing on from it stays unseen
    seen = client.post(f"{API}/exposure", json=body, headers=world.auth("AAA", "analyst")).json()
    assert [f["currency"] for f in seen["flows"]] == ["USD"]
    harbour = {p["key"]: p for p in seen["parties"]}["party:harbour capital ltd"]
    assert harbour["exposure"]["via_parties"] == [
        "party:harbour capital ltd",
        "party:acme ltd",
        "party:jamaat example front",
    ]


def test_a_bad_extract_is_refused_with_field_paths(client: TestClient, world: World) -> None:
    rows = [{"payer": "A", "payee": "", "amount": "x", "currency": "US", "date": "2026-13-01"}]
    response = client.post(
        f"{API}/exposure", json={"extract": rows}, headers=world.auth("AAA", "analyst")
    )
    assert response.status_code == 422
    fields = [d["field"] for d in response.json()["error"]["details"]]
    assert fields == [
        "transactions.0.payee",
        "transactions.0.amount",
        "transactions.0.currency",
        "transactions.0.date",
        "transactions.0.date",
    ]
