"""Relations over the API: create between readable subjects, retract, and who sees them."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_errors import (
    API,
    audit_events,
    audit_seq,
    business_rows,
    denied,
    error_of,
    fields_of,
    refused_reads,
)
from tests.api.test_listings import create_listing
from tests.api.test_subjects import create_subject
from tests.world import World

COVERED = {
    ("POST", f"{API}/relations"),
    ("DELETE", f"{API}/relations/{{relation_id}}"),
}


def person_and_org(client: TestClient, world: World, agency: str = "AAA") -> tuple[int, int]:
    person = create_subject(client, world, agency, "Abu Bakr al-Baghdadi")
    org = create_subject(client, world, agency, "Islamic State", schema="Organization")
    return person["id"], org["id"]


def create_relation(
    client: TestClient, world: World, agency: str, source_id: int, target_id: int, **fields: Any
) -> dict[str, Any]:
    body = {"source_id": source_id, "target_id": target_id, "type": "member-of", **fields}
    response = client.post(f"{API}/relations", json=body, headers=world.auth(agency, "analyst"))
    assert response.status_code == 201, response.text
    return dict(response.json())


def relations_in_view(client: TestClient, world: World, agency: str, subject_id: int) -> list[int]:
    response = client.get(f"{API}/subjects/{subject_id}", headers=world.auth(agency, "analyst"))
    assert response.status_code == 200, response.text
    return [r["id"] for r in response.json()["relations"]]


def test_analyst_relates_two_subjects(client: TestClient, world: World) -> None:
    person, org = person_and_org(client, world)
    seq = audit_seq(world.store)
    body = {
        "source_id": person,
        "target_id": org,
        "type": "leader-of",
        "start_date": "2010-05",
        "end_date": "2019-10-26",
        "notes": "self-proclaimed caliph",
    }
    response = client.post(f"{API}/relations", json=body, headers=world.auth("AAA", "analyst"))
    assert response.status_code == 201, response.text
    relation = response.json()
    assert {k: relation[k] for k in body} == body
    assert relation["stated_by"] == "AAA"
    assert relation["retracted_at"] is None
    assert relation["share"] is None
    for subject_id in (person, org):
        view = client.get(f"{API}/subjects/{subject_id}", headers=world.auth("AAA", "screener"))
        shown = view.json()["relations"]
        assert [r["id"] for r in shown] == [relation["id"]]
        assert shown[0]["type"] == "leader-of"
    events = [e for e in audit_events(world.store, seq) if e.action == "relation.create"]
    assert events[0].targets == (
        f"relation:{relation['id']}",
        f"subject:{person}",
        f"subject:{org}",
    )


def test_ownership_share_and_payment(client: TestClient, world: World) -> None:
    person = create_subject(client, world, "AAA", "Owner Person")["id"]
    company = create_subject(client, world, "AAA", "Front Company Ltd", schema="Company")["id"]
    owns = create_relation(client, world, "AAA", person, company, type="owns", share="25.5")
    paid = create_relation(
        client, world, "AAA", company, person, type="paid", amount="15000", currency="USD"
    )
    assert owns["type"] == "owns"
    assert float(owns["share"]) == 25.5
    assert paid["currency"] == "USD"
    assert float(paid["amount"]) == 15000
    view = client.get(f"{API}/subjects/{company}", headers=world.auth("AAA", "analyst")).json()
    shown = {r["id"]: r for r in view["relations"]}
    assert float(shown[owns["id"]]["share"]) == 25.5
    assert float(shown[paid["id"]]["amount"]) == 15000


def test_relation_amounts_read_back_as_created(client: TestClient, world: World) -> None:
    person = create_subject(client, world, "AAA", "Owner Person")["id"]
    company = create_subject(client, world, "AAA", "Front Company Ltd", schema="Company")["id"]
    owns = create_relation(client, world, "AAA", person, company, type="owns", share="25.5")
    view = client.get(f"{API}/subjects/{company}", headers=world.auth("AAA", "analyst")).json()
    assert view["relations"][0]["share"] == owns["share"]


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"type": "friend-of"}, ["type"]),
        ({"type": 3}, ["type"]),
        ({"share": "150"}, ["share"]),
        ({"share": "-1"}, ["share"]),
        ({"share": "lots"}, ["share"]),
        ({"share": "NaN"}, ["share"]),
        ({"amount": "1e30"}, ["amount"]),
        ({"currency": "usd"}, ["currency"]),
        ({"currency": "DOLLAR"}, ["currency"]),
        ({"start_date": "yesterday"}, ["start_date"]),
        ({"end_date": "2019-13"}, ["end_date"]),
        ({"start_date": "2019", "end_date": "2010-05"}, ["end_date"]),
        ({"source_id": "first"}, ["source_id"]),
        ({"agency": "BBB"}, ["agency"]),
        ({"notes": "n" * 4001}, ["notes"]),
        ({"type": "friend-of", "share": "150", "currency": "usd"}, ["type", "share", "currency"]),
    ],
)
def test_invalid_relation_is_422_and_writes_nothing(
    client: TestClient, world: World, fields: dict[str, Any], errors: list[str]
) -> None:
    person, org = person_and_org(client, world)
    before, seq = business_rows(world.store), audit_seq(world.store)
    body = {"source_id": person, "target_id": org, "type": "member-of", **fields}
    response = client.post(f"{API}/relations", json=body, headers=world.auth("AAA", "analyst"))
    assert fields_of(response) == errors
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


@pytest.mark.parametrize(
    ("type", "ends"),
    [
        ("member-of", ("Person", "Person")),
        ("leader-of", ("Organization", "Organization")),
        ("owns", ("Company", "Person")),
        ("family", ("Person", "Company")),
    ],
)
def test_a_relation_between_kinds_its_type_does_not_link_is_422(
    client: TestClient, world: World, type: str, ends: tuple[str, str]
) -> None:
    source, target = (
        create_subject(client, world, "AAA", f"{end} {schema}", schema=schema)["id"]
        for end, schema in zip(("Source", "Target"), ends, strict=True)
    )
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.post(
        f"{API}/relations",
        json={"source_id": source, "target_id": target, "type": type},
        headers=world.auth("AAA", "analyst"),
    )
    assert fields_of(response) == ["type"]
    (detail,) = response.json()["error"]["details"]
    assert detail["message"].startswith(f"{type} runs from ")
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


def test_relation_needs_two_different_subjects(client: TestClient, world: World) -> None:
    person, _org = person_and_org(client, world)
    before = business_rows(world.store)
    response = client.post(
        f"{API}/relations",
        json={"source_id": person, "target_id": person, "type": "associate"},
        headers=world.auth("AAA", "analyst"),
    )
    assert fields_of(response) == ["target_id"]
    assert business_rows(world.store) == before


@pytest.mark.parametrize("role", ["screener", "duty-officer", "agency-admin", "auditor"])
def test_only_analysts_relate(client: TestClient, world: World, role: str) -> None:
    person, org = person_and_org(client, world)
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.post(
        f"{API}/relations",
        json={"source_id": person, "target_id": org, "type": "member-of"},
        headers=world.auth("AAA", role),
    )
    denied(world.store, response, seq)
    assert business_rows(world.store) == before


@pytest.mark.parametrize("end", ["source_id", "target_id"])
def test_relating_a_missing_or_unshared_subject_is_404(
    client: TestClient, world: World, end: str
) -> None:
    own = create_subject(client, world, "BBB", "Own Person")["id"]
    unshared = create_subject(client, world, "AAA", "Hidden Person")["id"]
    before, seq = business_rows(world.store), audit_seq(world.store)
    for other in (unshared, 424242):
        body = {"source_id": own, "target_id": own, "type": "associate", end: other}
        response = client.post(f"{API}/relations", json=body, headers=world.auth("BBB", "analyst"))
        error = error_of(response, 404, "not_found")
        # hidden and missing subjects get the very same answer
        assert error["message"] == f"subject {other} does not exist"
        assert error["details"] == {"field": end}
    assert business_rows(world.store) == before
    refused = [("subject.read.refused", [f"subject:{unshared}"], ["AAA"])]
    assert refused_reads(world.store, seq) == refused


def test_partner_relates_its_subject_to_a_shared_one(client: TestClient, world: World) -> None:
    shared = create_subject(client, world, "AAA", "Abu Bakr al-Baghdadi")["id"]
    create_listing(client, world, "AAA", shared, sharing="all", status="active")
    own = create_subject(client, world, "BBB", "Courier Person")["id"]
    relation = create_relation(client, world, "BBB", own, shared, type="associate")
    assert relation["stated_by"] == "BBB"
    assert relations_in_view(client, world, "BBB", shared) == [relation["id"]]
    # AAA cannot read BBB's subject, so the relation stays out of AAA's view.
    assert relations_in_view(client, world, "AAA", shared) == []


def test_relation_to_an_unshared_subject_stays_hidden(client: TestClient, world: World) -> None:
    shared = create_subject(client, world, "AAA", "Abu Bakr al-Baghdadi")["id"]
    create_listing(client, world, "AAA", shared, sharing="all", status="active")
    hidden = create_subject(client, world, "AAA", "Secret Source")["id"]
    relation = create_relation(client, world, "AAA", shared, hidden, type="associate")
    assert relations_in_view(client, world, "AAA", shared) == [relation["id"]]
    assert relations_in_view(client, world, "BBB", shared) == []


def test_relation_between_shared_subjects_is_seen_by_partners(
    client: TestClient, world: World
) -> None:
    person, org = person_and_org(client, world)
    for subject_id in (person, org):
        create_listing(client, world, "AAA", subject_id, sharing="all", status="active")
    relation = create_relation(client, world, "AAA", person, org)
    assert relations_in_view(client, world, "BBB", person) == [relation["id"]]


# --- retract --------------------------------------------------------------------------------


def test_owner_retracts_a_relation(client: TestClient, world: World) -> None:
    person, org = person_and_org(client, world)
    relation = create_relation(client, world, "AAA", person, org)
    seq = audit_seq(world.store)
    response = client.delete(
        f"{API}/relations/{relation['id']}", headers=world.auth("AAA", "analyst")
    )
    assert response.status_code == 200, response.text
    retracted = response.json()
    assert retracted["id"] == relation["id"]
    assert retracted["retracted_at"] is not None
    assert relations_in_view(client, world, "AAA", person) == []
    with world.store.begin() as session:
        kept = session.relations.of_subjects([person], with_retracted=True)
    assert [r.id for r in kept] == [relation["id"]]
    assert kept[0].retracted_at is not None
    events = [e for e in audit_events(world.store, seq) if e.action == "relation.retract"]
    assert events[0].targets == (f"relation:{relation['id']}",)
    again = client.delete(f"{API}/relations/{relation['id']}", headers=world.auth("AAA", "analyst"))
    assert again.status_code == 200
    assert again.json()["retracted_at"] is not None


@pytest.mark.parametrize("role", ["screener", "auditor"])
def test_only_analysts_retract_relations(client: TestClient, world: World, role: str) -> None:
    person, org = person_and_org(client, world)
    relation = create_relation(client, world, "AAA", person, org)
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.delete(f"{API}/relations/{relation['id']}", headers=world.auth("AAA", role))
    denied(world.store, response, seq)
    assert business_rows(world.store) == before


def test_partner_cannot_retract_a_visible_relation(client: TestClient, world: World) -> None:
    person, org = person_and_org(client, world)
    for subject_id in (person, org):
        create_listing(client, world, "AAA", subject_id, sharing="all", status="active")
    relation = create_relation(client, world, "AAA", person, org)
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.delete(
        f"{API}/relations/{relation['id']}", headers=world.auth("BBB", "analyst")
    )
    denied(world.store, response, seq)
    assert business_rows(world.store) == before


def test_retracting_an_unseen_or_missing_relation_is_404(client: TestClient, world: World) -> None:
    person, org = person_and_org(client, world)
    relation = create_relation(client, world, "AAA", person, org)
    before, seq = business_rows(world.store), audit_seq(world.store)
    for relation_id in (relation["id"], 424242):
        response = client.delete(
            f"{API}/relations/{relation_id}", headers=world.auth("BBB", "analyst")
        )
        error_of(response, 404, "not_found")
    assert business_rows(world.store) == before
    refused = [("subject.read.refused", [f"subject:{person}"], ["AAA"])]
    assert refused_reads(world.store, seq) == refused


def test_retracting_a_relation_hidden_by_its_target_is_404(
    client: TestClient, world: World
) -> None:
    shared = create_subject(client, world, "AAA", "Abu Bakr al-Baghdadi")["id"]
    create_listing(client, world, "AAA", shared, sharing="all", status="active")
    hidden = create_subject(client, world, "AAA", "Secret Source")["id"]
    relation = create_relation(client, world, "AAA", shared, hidden, type="associate")
    assert relations_in_view(client, world, "BBB", shared) == []
    response = client.delete(
        f"{API}/relations/{relation['id']}", headers=world.auth("BBB", "analyst")
    )
    error_of(response, 404, "not_found")
