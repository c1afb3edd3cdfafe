"""Subjects over the API: create, read, list with paging, search, add and retract statements.

Sharing through listings is in ``test_listings.py``; the sources directory is here too,
since sources feed subjects.
"""

from __future__ import annotations

from datetime import UTC, datetime
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
from tests.world import World

COVERED = {
    ("GET", f"{API}/subjects"),
    ("POST", f"{API}/subjects"),
    ("GET", f"{API}/subjects/search"),
    ("GET", f"{API}/subjects/{{subject_id}}"),
    ("POST", f"{API}/subjects/{{subject_id}}/statements"),
    ("DELETE", f"{API}/subjects/{{subject_id}}/statements/{{statement_id}}"),
    ("GET", f"{API}/sources"),
}


def stmt(prop: str, value: str, **extra: str) -> dict[str, str]:
    return {"prop": prop, "value": value, **extra}


def create_subject(
    client: TestClient,
    world: World,
    agency: str,
    name: str,
    schema: str = "Person",
    more: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """A subject created over the API by ``agency``'s analyst."""
    body = {"schema": schema, "statements": [stmt("name", name), *(more or [])]}
    response = client.post(f"{API}/subjects", json=body, headers=world.auth(agency, "analyst"))
    assert response.status_code == 201, response.text
    return dict(response.json())


def statements_of(world: World, subject_id: int) -> list[dict[str, Any]]:
    """Every statement of a subject as stored, retracted ones included."""
    with world.store.begin() as session:
        subject = session.subjects.get(subject_id)
    assert subject is not None
    return list(subject.to_dict(include_retracted=True)["statements"])


# --- create ---------------------------------------------------------------------------------


def test_analyst_creates_a_subject(client: TestClient, world: World) -> None:
    seq = audit_seq(world.store)
    body = {
        "schema": "Person",
        "statements": [
            stmt("name", "Abu Bakr al-Baghdadi"),
            stmt("alias", "Abu Du'a"),
            stmt("originalScriptName", "أبو بكر البغدادي", lang="ara"),
            stmt("birthDate", "1971-07-28"),
            stmt("nationality", "iq"),
            stmt("gender", "male"),
            stmt("passportNumber", "A1234567", qualifier="IQ"),
        ],
        "external_ids": ["un:QDi.299"],
    }
    response = client.post(f"{API}/subjects", json=body, headers=world.auth("AAA", "analyst"))
    assert response.status_code == 201, response.text
    subject = response.json()
    assert subject["schema"] == "Person"
    assert subject["agency"] == "AAA"
    assert subject["source"] is None
    assert subject["caption"] == "Abu Bakr al-Baghdadi"
    assert subject["external_ids"] == ["un:QDi.299"]
    props = subject["properties"]
    assert props["name"] == ["Abu Bakr al-Baghdadi"]
    assert props["alias"] == ["Abu Du'a"]
    assert props["birthDate"] == ["1971-07-28"]
    assert props["nationality"] == ["IQ"]
    assert props["passportNumber"] == ["A1234567"]
    assert len(subject["statements"]) == 7
    assert {s["stated_by"] for s in subject["statements"]} == {"AAA"}
    assert all(s["retracted_at"] is None for s in subject["statements"])
    script = [s for s in subject["statements"] if s["prop"] == "originalScriptName"]
    assert script[0]["lang"] == "ara"
    passport = [s for s in subject["statements"] if s["prop"] == "passportNumber"]
    assert passport[0]["qualifier"] == "IQ"
    assert subject["listings"] == []
    assert subject["relations"] == []
    events = [e for e in audit_events(world.store, seq) if e.action == "subject.create"]
    assert [e.targets for e in events] == [(f"subject:{subject['id']}",)]
    assert events[0].agency == "AAA"


@pytest.mark.parametrize("role", ["screener", "duty-officer", "agency-admin", "auditor"])
def test_only_analysts_create_subjects(client: TestClient, world: World, role: str) -> None:
    before, seq = business_rows(world.store), audit_seq(world.store)
    body = {"schema": "Person", "statements": [stmt("name", "Someone")]}
    response = client.post(f"{API}/subjects", json=body, headers=world.auth("AAA", role))
    denied(world.store, response, seq)
    assert business_rows(world.store) == before


NAME = stmt("name", "A Name")


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        (
            {"schema": "Person", "statements": [NAME, stmt("birthDate", "31/12/1970")]},
            ["statements.1.value"],
        ),
        ({"schema": "Person", "statements": [stmt("colour", "red"), NAME]}, ["statements.0.prop"]),
        (
            {"schema": "Vessel", "statements": [NAME, stmt("birthDate", "1970")]},
            ["statements.1.prop"],
        ),
        (
            {"schema": "Person", "statements": [NAME, stmt("nationality", "XX")]},
            ["statements.1.value"],
        ),
        (
            {
                "schema": "Person",
                "statements": [NAME, stmt("birthDate", "never"), stmt("nationality", "ZZ")],
            },
            ["statements.1.value", "statements.2.value"],
        ),
        ({"schema": "Alien", "statements": [NAME]}, ["schema"]),
        ({"schema": "Person", "statements": [stmt("birthDate", "1970")]}, ["statements"]),
        ({"schema": "Person", "statements": []}, ["statements"]),
        ({"schema": "Person", "statements": [NAME] * 501}, ["statements"]),
        ({"schema": "Person", "statements": "A Name"}, ["statements"]),
        ({"schema": "Person", "statements": [{"prop": "name"}]}, ["statements.0.value"]),
        (
            {"schema": "Person", "statements": [{"prop": "name", "value": 7}]},
            ["statements.0.value"],
        ),
        ({"schema": "Person", "statements": [NAME], "owner": "BBB"}, ["owner"]),
        ({"schema": "Person", "statements": [{**NAME, "agency": "BBB"}]}, ["statements.0.agency"]),
        ({"schema": "Person", "statements": [NAME], "external_ids": ["x"] * 51}, ["external_ids"]),
        (
            {"schema": "Person", "statements": [{**NAME, "lang": "l" * 17}]},
            ["statements.0.lang"],
        ),
        ({"schema": "Person", "statements": [stmt("name", "n" * 4001)]}, ["statements.0.value"]),
    ],
)
def test_invalid_subject_is_422_and_writes_nothing(
    client: TestClient, world: World, body: dict[str, Any], fields: list[str]
) -> None:
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.post(f"{API}/subjects", json=body, headers=world.auth("AAA", "analyst"))
    assert fields_of(response) == fields
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


def test_500_statements_are_accepted(client: TestClient, world: World) -> None:
    body = {
        "schema": "Person",
        "statements": [NAME] + [stmt("alias", f"Alias {i}") for i in range(499)],
    }
    response = client.post(f"{API}/subjects", json=body, headers=world.auth("AAA", "analyst"))
    assert response.status_code == 201, response.text
    assert len(response.json()["properties"]["alias"]) == 499


# --- read -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["analyst", "screener", "duty-officer"])
def test_own_agency_reads_a_subject(client: TestClient, world: World, role: str) -> None:
    created = create_subject(client, world, "AAA", "Hamza bin Laden", more=[stmt("gender", "male")])
    seq = audit_seq(world.store)
    response = client.get(f"{API}/subjects/{created['id']}", headers=world.auth("AAA", role))
    assert response.status_code == 200
    got = response.json()
    assert got["id"] == created["id"]
    assert got["caption"] == "Hamza bin Laden"
    assert got["properties"] == created["properties"]
    views = [e for e in audit_events(world.store, seq) if e.action == "subject.view"]
    assert [e.targets for e in views] == [(f"subject:{created['id']}",)]


@pytest.mark.parametrize("role", ["agency-admin", "auditor"])
def test_roles_without_read_records_are_403(client: TestClient, world: World, role: str) -> None:
    created = create_subject(client, world, "AAA", "Hamza bin Laden")
    seq = audit_seq(world.store)
    response = client.get(f"{API}/subjects/{created['id']}", headers=world.auth("AAA", role))
    denied(world.store, response, seq)


def test_missing_subject_is_404(client: TestClient, world: World) -> None:
    response = client.get(f"{API}/subjects/424242", headers=world.auth("AAA", "analyst"))
    error = error_of(response, 404, "not_found")
    assert "424242" in error["message"]


@pytest.mark.parametrize("agency", ["BBB", "OPS"])
def test_unshared_subject_is_404_like_a_missing_one(
    client: TestClient, world: World, agency: str
) -> None:
    created = create_subject(client, world, "AAA", "Hidden Person")
    response = client.get(f"{API}/subjects/{created['id']}", headers=world.auth(agency, "analyst"))
    error = error_of(response, 404, "not_found")
    missing = client.get(f"{API}/subjects/424242", headers=world.auth(agency, "analyst"))
    assert error["message"] == error_of(missing, 404)["message"].replace(
        "424242", str(created["id"])
    )


def test_subject_id_must_be_a_number(client: TestClient, world: World) -> None:
    response = client.get(f"{API}/subjects/abc", headers=world.auth("AAA", "analyst"))
    assert fields_of(response) == ["subject_id"]


# --- list and paging ------------------------------------------------------------------------


def test_list_pages_through_visible_subjects(client: TestClient, world: World) -> None:
    ids = [create_subject(client, world, "AAA", f"Person {i}")["id"] for i in range(5)]
    create_subject(client, world, "BBB", "Someone Else")
    auth = world.auth("AAA", "screener")
    seen: list[int] = []
    pages = 0
    after = 0
    while True:
        response = client.get(f"{API}/subjects", params={"after": after, "limit": 2}, headers=auth)
        assert response.status_code == 200
        page = response.json()
        assert len(page["items"]) <= 2
        seen += [s["id"] for s in page["items"]]
        pages += 1
        if page["next"] is None:
            break
        assert page["next"] == page["items"][-1]["id"]
        after = page["next"]
    assert seen == ids
    assert pages == 3
    everything = client.get(f"{API}/subjects", headers=auth).json()
    assert [s["id"] for s in everything["items"]] == ids
    assert everything["next"] is None
    assert {s["agency"] for s in everything["items"]} == {"AAA"}
    assert everything["items"][0]["caption"] == "Person 0"


def test_list_with_exactly_a_page_left_has_no_next(client: TestClient, world: World) -> None:
    ids = [create_subject(client, world, "AAA", f"Person {i}")["id"] for i in range(2)]
    page = client.get(
        f"{API}/subjects", params={"limit": 2}, headers=world.auth("AAA", "analyst")
    ).json()
    assert [s["id"] for s in page["items"]] == ids
    assert page["next"] is None


def test_list_filters_by_schema_and_agency(client: TestClient, world: World) -> None:
    person = create_subject(client, world, "AAA", "A Person")
    org = create_subject(client, world, "AAA", "An Organisation", schema="Organization")
    auth = world.auth("AAA", "analyst")
    orgs = client.get(f"{API}/subjects", params={"schema": "Organization"}, headers=auth).json()
    assert [s["id"] for s in orgs["items"]] == [org["id"]]
    own = client.get(f"{API}/subjects", params={"agency": "AAA"}, headers=auth).json()
    assert [s["id"] for s in own["items"]] == [person["id"], org["id"]]
    other = client.get(f"{API}/subjects", params={"agency": "BBB"}, headers=auth).json()
    assert other["items"] == []


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({"limit": 0}, ["limit"]),
        ({"limit": 501}, ["limit"]),
        ({"limit": "ten"}, ["limit"]),
        ({"after": -1}, ["after"]),
        ({"schema": "Alien"}, ["schema"]),
        ({"schema": "S" * 33}, ["schema"]),
    ],
)
def test_invalid_list_parameters_are_422(
    client: TestClient, world: World, params: dict[str, Any], fields: list[str]
) -> None:
    seq = audit_seq(world.store)
    response = client.get(f"{API}/subjects", params=params, headers=world.auth("AAA", "analyst"))
    assert fields_of(response) == fields
    assert audit_seq(world.store) == seq


@pytest.mark.parametrize("role", ["agency-admin", "auditor"])
def test_list_refused_without_read_records(client: TestClient, world: World, role: str) -> None:
    seq = audit_seq(world.store)
    response = client.get(f"{API}/subjects", headers=world.auth("AAA", role))
    denied(world.store, response, seq)


# --- search ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["BAGHDADI", "baghdadi", "Al-Baghdadi", "ＢＡＧＨＤＡＤＩ", "abu   BAKR", "bakr baghdadi"],
)
def test_search_folds_case_and_width(client: TestClient, world: World, query: str) -> None:
    wanted = create_subject(client, world, "AAA", "Abu Bakr al-Baghdadi")
    create_subject(client, world, "AAA", "Abu Musab al-Zarqawi")
    seq = audit_seq(world.store)
    response = client.get(
        f"{API}/subjects/search", params={"q": query}, headers=world.auth("AAA", "screener")
    )
    assert response.status_code == 200
    assert [s["id"] for s in response.json()["items"]] == [wanted["id"]]
    assert response.json()["items"][0]["caption"] == "Abu Bakr al-Baghdadi"
    searches = [e for e in audit_events(world.store, seq) if e.action == "subject.search"]
    assert searches[0].targets == (f"subject:{wanted['id']}",)
    assert searches[0].detail["q"] == query


def test_search_needs_every_word_and_finds_aliases(client: TestClient, world: World) -> None:
    first = create_subject(
        client, world, "AAA", "Abu Bakr al-Baghdadi", more=[stmt("alias", "Abu Du'a")]
    )
    second = create_subject(client, world, "AAA", "Abu Musab al-Zarqawi")
    auth = world.auth("AAA", "analyst")

    def found(q: str) -> list[int]:
        response = client.get(f"{API}/subjects/search", params={"q": q}, headers=auth)
        assert response.status_code == 200, response.text
        return [s["id"] for s in response.json()["items"]]

    assert found("abu") == [first["id"], second["id"]]
    assert found("baghdadi zarqawi") == []
    assert found("du'a") == [first["id"]]
    assert found("ABU") == found("abu")


@pytest.mark.parametrize("query", ["%%", "__", "a%b", "\\\\"])
def test_search_treats_sql_wildcards_as_text(client: TestClient, world: World, query: str) -> None:
    create_subject(client, world, "AAA", "Abu Bakr al-Baghdadi")
    response = client.get(
        f"{API}/subjects/search", params={"q": query}, headers=world.auth("AAA", "analyst")
    )
    assert response.status_code == 200, response.text
    assert response.json()["items"] == []


def test_search_does_not_reveal_unshared_subjects(client: TestClient, world: World) -> None:
    create_subject(client, world, "AAA", "Abu Bakr al-Baghdadi")
    response = client.get(
        f"{API}/subjects/search", params={"q": "baghdadi"}, headers=world.auth("BBB", "analyst")
    )
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_search_skips_retracted_names(client: TestClient, world: World) -> None:
    created = create_subject(
        client, world, "AAA", "Current Name", more=[stmt("alias", "Old Alias")]
    )
    alias = next(s for s in created["statements"] if s["prop"] == "alias")
    auth = world.auth("AAA", "analyst")
    client.delete(f"{API}/subjects/{created['id']}/statements/{alias['id']}", headers=auth)
    response = client.get(f"{API}/subjects/search", params={"q": "old alias"}, headers=auth)
    assert response.json()["items"] == []


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({}, ["q"]),
        ({"q": ""}, ["q"]),
        ({"q": "a"}, ["q"]),
        ({"q": "a b c"}, ["q"]),
        ({"q": "x" * 201}, ["q"]),
        ({"q": "name", "limit": 0}, ["limit"]),
        ({"q": "name", "limit": 201}, ["limit"]),
    ],
)
def test_invalid_search_is_422(
    client: TestClient, world: World, params: dict[str, Any], fields: list[str]
) -> None:
    seq = audit_seq(world.store)
    response = client.get(
        f"{API}/subjects/search", params=params, headers=world.auth("AAA", "analyst")
    )
    assert fields_of(response) == fields
    assert audit_seq(world.store) == seq


def test_search_refused_without_read_records(client: TestClient, world: World) -> None:
    seq = audit_seq(world.store)
    response = client.get(
        f"{API}/subjects/search", params={"q": "name"}, headers=world.auth("AAA", "auditor")
    )
    denied(world.store, response, seq)


# --- add statements -------------------------------------------------------------------------


def test_analyst_adds_statements(client: TestClient, world: World) -> None:
    created = create_subject(client, world, "AAA", "Abu Bakr al-Baghdadi")
    seq = audit_seq(world.store)
    response = client.post(
        f"{API}/subjects/{created['id']}/statements",
        json={
            "statements": [
                stmt("alias", "Abu Du'a"),
                stmt("birthPlace", "Samarra"),
                stmt("name", "Abu Bakr al-Baghdadi"),
            ]
        },
        headers=world.auth("AAA", "analyst"),
    )
    assert response.status_code == 200, response.text
    props = response.json()["properties"]
    assert props["alias"] == ["Abu Du'a"]
    assert props["birthPlace"] == ["Samarra"]
    assert props["name"] == ["Abu Bakr al-Baghdadi"]  # a fact already stated is not doubled
    assert len(statements_of(world, created["id"])) == 3
    adds = [e for e in audit_events(world.store, seq) if e.action == "subject.statements.add"]
    assert adds[0].detail["added"] == 2
    assert adds[0].targets == (f"subject:{created['id']}",)


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        (
            {"statements": [stmt("alias", "Fine"), stmt("birthDate", "soon")]},
            ["statements.1.value"],
        ),
        ({"statements": [stmt("alias", "Fine"), stmt("flag", "IQ")]}, ["statements.1.prop"]),
        ({"statements": []}, ["statements"]),
        ({"statements": [stmt("alias", "A")] * 501}, ["statements"]),
        ({"statements": [stmt("alias", "A")], "schema": "Vessel"}, ["schema"]),
        ({}, ["statements"]),
    ],
)
def test_invalid_statements_are_422_and_write_nothing(
    client: TestClient, world: World, body: dict[str, Any], fields: list[str]
) -> None:
    created = create_subject(client, world, "AAA", "Abu Bakr al-Baghdadi")
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.post(
        f"{API}/subjects/{created['id']}/statements",
        json=body,
        headers=world.auth("AAA", "analyst"),
    )
    assert fields_of(response) == fields
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


@pytest.mark.parametrize("role", ["screener", "duty-officer", "agency-admin", "auditor"])
def test_only_analysts_add_statements(client: TestClient, world: World, role: str) -> None:
    created = create_subject(client, world, "AAA", "Abu Bakr al-Baghdadi")
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.post(
        f"{API}/subjects/{created['id']}/statements",
        json={"statements": [stmt("alias", "Abu Du'a")]},
        headers=world.auth("AAA", role),
    )
    denied(world.store, response, seq)
    assert business_rows(world.store) == before


def test_other_agency_cannot_add_to_an_unshared_subject(client: TestClient, world: World) -> None:
    created = create_subject(client, world, "AAA", "Abu Bakr al-Baghdadi")
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.post(
        f"{API}/subjects/{created['id']}/statements",
        json={"statements": [stmt("alias", "Abu Du'a")]},
        headers=world.auth("BBB", "analyst"),
    )
    error_of(response, 404, "not_found")
    assert business_rows(world.store) == before
    refused = [("subject.read.refused", [f"subject:{created['id']}"], ["AAA"])]
    assert refused_reads(world.store, seq) == refused


def test_add_statements_to_missing_subject_is_404(client: TestClient, world: World) -> None:
    before = business_rows(world.store)
    response = client.post(
        f"{API}/subjects/424242/statements",
        json={"statements": [stmt("alias", "Abu Du'a")]},
        headers=world.auth("AAA", "analyst"),
    )
    error_of(response, 404, "not_found")
    assert business_rows(world.store) == before


# --- retract statements ---------------------------------------------------------------------


def test_retraction_keeps_the_statement_in_history(client: TestClient, world: World) -> None:
    created = create_subject(
        client, world, "AAA", "Abu Bakr al-Baghdadi", more=[stmt("alias", "Abu Du'a")]
    )
    alias = next(s for s in created["statements"] if s["prop"] == "alias")
    seq = audit_seq(world.store)
    response = client.delete(
        f"{API}/subjects/{created['id']}/statements/{alias['id']}",
        headers=world.auth("AAA", "analyst"),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "alias" not in body["properties"]
    assert body["properties"]["name"] == ["Abu Bakr al-Baghdadi"]
    stored = {s["id"]: s for s in statements_of(world, created["id"])}
    assert len(stored) == 2
    assert stored[alias["id"]]["value"] == "Abu Du'a"
    retracted_at = stored[alias["id"]]["retracted_at"]
    assert retracted_at is not None
    assert datetime.fromisoformat(retracted_at) <= datetime.now(UTC)
    events = [e for e in audit_events(world.store, seq) if e.action == "subject.statements.retract"]
    assert events[0].targets == (f"subject:{created['id']}", f"statement:{alias['id']}")
    again = client.delete(
        f"{API}/subjects/{created['id']}/statements/{alias['id']}",
        headers=world.auth("AAA", "analyst"),
    )
    assert again.status_code == 200
    assert statements_of(world, created["id"]) == list(stored.values())


def test_retracted_statement_is_shown_with_its_retraction_time(
    client: TestClient, world: World
) -> None:
    created = create_subject(
        client, world, "AAA", "Abu Bakr al-Baghdadi", more=[stmt("alias", "Abu Du'a")]
    )
    alias = next(s for s in created["statements"] if s["prop"] == "alias")
    auth = world.auth("AAA", "analyst")
    client.delete(f"{API}/subjects/{created['id']}/statements/{alias['id']}", headers=auth)
    got = client.get(f"{API}/subjects/{created['id']}", headers=auth).json()
    shown = {s["id"]: s for s in got["statements"]}
    assert alias["id"] in shown
    assert shown[alias["id"]]["retracted_at"] is not None
    assert "alias" not in got["properties"]


def test_retract_statement_of_another_subject_is_404(client: TestClient, world: World) -> None:
    first = create_subject(client, world, "AAA", "First Person")
    second = create_subject(client, world, "AAA", "Second Person")
    statement = second["statements"][0]["id"]
    before, seq = business_rows(world.store), audit_seq(world.store)
    auth = world.auth("AAA", "analyst")
    response = client.delete(f"{API}/subjects/{first['id']}/statements/{statement}", headers=auth)
    error_of(response, 404, "not_found")
    response = client.delete(f"{API}/subjects/{first['id']}/statements/424242", headers=auth)
    error_of(response, 404, "not_found")
    response = client.delete(f"{API}/subjects/424242/statements/{statement}", headers=auth)
    error_of(response, 404, "not_found")
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


@pytest.mark.parametrize("role", ["screener", "auditor"])
def test_only_analysts_retract(client: TestClient, world: World, role: str) -> None:
    created = create_subject(client, world, "AAA", "First Person")
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.delete(
        f"{API}/subjects/{created['id']}/statements/{created['statements'][0]['id']}",
        headers=world.auth("AAA", role),
    )
    denied(world.store, response, seq)
    assert business_rows(world.store) == before


def test_other_agency_cannot_retract_from_an_unshared_subject(
    client: TestClient, world: World
) -> None:
    created = create_subject(client, world, "AAA", "First Person")
    before = business_rows(world.store)
    response = client.delete(
        f"{API}/subjects/{created['id']}/statements/{created['statements'][0]['id']}",
        headers=world.auth("BBB", "analyst"),
    )
    error_of(response, 404, "not_found")
    assert business_rows(world.store) == before


# --- sources --------------------------------------------------------------------------------


def test_any_user_reads_the_sources(client: TestClient, world: World) -> None:
    moment = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
    with world.store.begin() as session:
        session.sources.save(
            "un-sc", last_import_at=moment, file_hash="ab" * 32, counts={"added": 3}
        )
    for who in (("AAA", "screener"), ("BBB", "auditor")):
        response = client.get(f"{API}/sources", headers=world.auth(*who))
        assert response.status_code == 200
        assert response.json()["items"] == [
            {
                "name": "un-sc",
                "last_import_at": moment.isoformat(),
                "file_hash": "ab" * 32,
                "counts": {"added": 3},
                "last_error": None,
                "last_error_at": None,
            }
        ]
