"""Existence leaks, on both databases: a record the caller may not read answers exactly as a
missing one on every route, refused reads are audited for the owner's auditors, a partner
never widens who sees an owner's subject, and no 403 names another agency."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ictd.model import Role
from tests.api.test_errors import API, audit_seq, business_rows, error_of, refused_reads
from tests.api.test_listings import create_listing
from tests.api.test_subjects import create_subject
from tests.world import World

MISSING = 424242
ROLES = [r.value for r in Role]
ID_PARAMS = re.compile(r"\{(subject_id|listing_id)\}")
# a valid body per route that takes one, so that the request reaches the look-up
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("POST", "/subjects/{subject_id}/statements"): {
        "statements": [{"prop": "alias", "value": "Abu Probe"}]
    },
    ("POST", "/subjects/{subject_id}/listings"): {
        "category": "terrorist",
        "actions": ["arrest"],
    },
    ("PATCH", "/listings/{listing_id}"): {"notes": "probe"},
    ("POST", "/listings/{listing_id}/extend"): {"until": "2027-06-01", "reason": "probe"},
    ("POST", "/listings/{listing_id}/flags"): {"reason": "probe"},
    ("POST", "/listings/{listing_id}/submit"): {"sharing": "all"},
}


def id_routes(client: TestClient) -> list[tuple[str, str]]:
    """Every route of the OpenAPI schema with a subject or listing id in its path."""
    paths = client.get("/openapi.json").json()["paths"]
    return sorted(
        (method.upper(), path.removeprefix(API))
        for path, ops in paths.items()
        for method in ops
        if ID_PARAMS.search(path)
    )


def answer(client: TestClient, world: World, role: str, method: str, route: str, ids: Any) -> Any:
    """The status and body of ``route`` for ``ids``, with the ids written as ``N``."""
    path = route.format(subject_id=ids[0], listing_id=ids[1], statement_id=1)
    body = BODIES.get((method, route))
    response = client.request(method, f"{API}{path}", json=body, headers=world.auth("BBB", role))
    text = response.text
    for value in ids:
        text = re.sub(rf"\b{value}\b", "N", text)
    return response.status_code, text


@pytest.fixture
def hidden(client: TestClient, world: World) -> tuple[int, int]:
    """An AAA subject listed for AAA only: (subject id, listing id)."""
    subject = create_subject(client, world, "AAA", "Hidden Person")
    listing = create_listing(client, world, "AAA", subject["id"], status="active")
    return subject["id"], listing["id"]


@pytest.mark.parametrize("role", ROLES)
def test_every_route_answers_a_hidden_id_as_a_missing_one(
    client: TestClient, world: World, hidden: tuple[int, int], role: str
) -> None:
    routes = id_routes(client)
    assert len(routes) >= 9
    untested = [r for r in routes if r[0] in ("POST", "PATCH") and (r[0], r[1]) not in BODIES]
    assert not untested, f"give a body for {untested}"
    before = business_rows(world.store)
    for method, route in routes:
        seen = answer(client, world, role, method, route, hidden)
        gone = answer(client, world, role, method, route, (MISSING, MISSING + 1))
        assert seen == gone, (role, method, route, seen, gone)
        assert seen[0] in (403, 404), (role, method, route, seen)
    assert business_rows(world.store) == before


def test_a_disposition_on_a_hidden_subject_is_a_404_and_writes_nothing(
    client: TestClient, world: World, hidden: tuple[int, int]
) -> None:
    """It used to answer 201 and write a row (while a missing id answered 404)."""
    before, seq = business_rows(world.store), audit_seq(world.store)
    query = {"id": "q", "names": ["Hidden Person"]}
    errors = []
    for sid in (hidden[0], MISSING):
        body = {"query": query, "subject_id": sid, "decision": "false-match", "reason": "no"}
        response = client.post(
            f"{API}/dispositions", json=body, headers=world.auth("BBB", "screener")
        )
        error = error_of(response, 404, "not_found")
        errors.append({**error, "message": error["message"].replace(str(sid), "N")})
    assert errors[0] == errors[1]
    assert errors[0]["details"] == {"field": "subject_id"}
    assert business_rows(world.store) == before
    refused = [("subject.read.refused", [f"subject:{hidden[0]}"], ["AAA"])]
    assert refused_reads(world.store, seq) == refused
    listed = client.get(f"{API}/dispositions", headers=world.auth("BBB", "screener"))
    assert listed.json()["items"] == []


def test_a_partners_listing_never_widens_an_owners_subject(
    client: TestClient, world: World
) -> None:
    """AAA shares with BBB only; BBB's own listing for ``all`` stays out of OPS's sight."""
    subject = create_subject(client, world, "AAA", "Named Person")["id"]
    create_listing(
        client, world, "AAA", subject, sharing="named", shared_with=["BBB"], status="active"
    )
    wide = create_listing(client, world, "BBB", subject, sharing="all", status="active")
    ops = world.auth("OPS", "analyst")
    seen = client.get(f"{API}/listings/{wide['id']}", headers=ops)
    gone = client.get(f"{API}/listings/{MISSING}", headers=ops)
    assert seen.status_code == gone.status_code == 404
    assert seen.json()["error"]["message"].replace(str(wide["id"]), "N") == gone.json()["error"][
        "message"
    ].replace(str(MISSING), "N")
    assert client.get(f"{API}/subjects/{subject}", headers=ops).status_code == 404
    bbb = client.get(f"{API}/listings/{wide['id']}", headers=world.auth("BBB", "analyst"))
    assert bbb.status_code == 200
    screened = client.post(
        f"{API}/screen",
        json={"queries": [{"id": "q", "names": ["Named Person"]}], "threshold": 0},
        headers=world.auth("OPS", "screener"),
    ).json()
    (match,) = screened["results"][0]["matches"]
    assert match["details_withheld"] is True and "subject_id" not in match
    assert all("id" not in x for x in match["listings"])


def test_refused_reads_reach_the_owners_auditors_only(
    client: TestClient, world: World, hidden: tuple[int, int]
) -> None:
    create_subject(client, world, "BBB", "Own Business")  # an event of BBB's own
    probe = client.get(f"{API}/subjects/{hidden[0]}", headers=world.auth("BBB", "analyst"))
    assert probe.status_code == 404

    def read(agency: str, **params: str) -> list[dict[str, Any]]:
        response = client.get(
            f"{API}/audit/events",
            params={"limit": 500, **params},
            headers=world.auth(agency, "auditor"),
        )
        assert response.status_code == 200, response.text
        return list(response.json()["items"])

    owner = read("AAA")
    refused = [e for e in owner if e["action"] == "subject.read.refused"]
    (event,) = refused
    assert event["agency"] == "BBB"
    assert event["actor"] == world.actor("BBB", "analyst").name
    assert event["targets"] == [f"subject:{hidden[0]}"]
    assert event["detail"] == {"owners": ["AAA"]}
    # nothing else of BBB's: only what concerns AAA's records
    assert {e["agency"] for e in owner} == {"AAA", "BBB"}
    assert [e for e in owner if e["agency"] == "BBB"] == refused
    assert read("AAA", action="subject.read.refused") == refused
    assert [e["seq"] for e in read("BBB", action="subject.read.refused")] == [event["seq"]]
    assert [e for e in read("OPS") if e["action"] == "subject.read.refused"] == refused


def test_no_forbidden_answer_names_another_agency(client: TestClient, world: World) -> None:
    shared = create_subject(client, world, "AAA", "Shared Person")["id"]
    listing = create_listing(client, world, "AAA", shared, sharing="all", status="active")
    bbb = world.auth("BBB", "analyst")
    answers = [
        client.patch(f"{API}/listings/{listing['id']}", json={"notes": "x"}, headers=bbb),
        client.post(
            f"{API}/subjects/{shared}/statements",
            json={"statements": [{"prop": "alias", "value": "X"}]},
            headers=bbb,
        ),
        client.get(
            f"{API}/users", params={"agency": "AAA"}, headers=world.auth("BBB", "agency-admin")
        ),
        client.patch(
            f"{API}/agencies/AAA",
            json={"hit_threshold": 0.7},
            headers=world.auth("BBB", "agency-admin"),
        ),
    ]
    for response in answers:
        error = error_of(response, 403, "forbidden")
        assert "AAA" not in json.dumps(error), error
