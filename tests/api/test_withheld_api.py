"""Withheld hits over HTTP, on both databases: the answer of ``/screen`` and ``/exposure`` to
a partner outside the sharing scope, the owner resolving the contact reference it was quoted,
the owner's notice, and the agency hit threshold."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from ictd.alerts import read_events
from tests.api.test_errors import API, audit_seq, business_rows, error_of, fields_of, refused_reads
from tests.api.test_listings import create_listing
from tests.api.test_subjects import create_subject, stmt
from tests.world import World

COVERED = {
    ("GET", f"{API}/listings/by-reference/{{reference}}"),
    ("PATCH", f"{API}/agencies/{{code}}"),
}
NAME = "Abu Mohammed al-Adnani"


@pytest.fixture
def hidden(client: TestClient, world: World) -> tuple[int, dict[str, Any]]:
    """A person of AAA's, listed for AAA only: (subject id, listing)."""
    subject = create_subject(client, world, "AAA", NAME, more=[stmt("birthDate", "1977")])
    listing = create_listing(client, world, "AAA", subject["id"], status="active")
    return subject["id"], listing


def screen(client: TestClient, world: World, agency: str, **body: Any) -> dict[str, Any]:
    queries = [{"id": "q", "names": [NAME], "birth_date": "1977"}]
    response = client.post(
        f"{API}/screen", json={"queries": queries, **body}, headers=world.auth(agency, "screener")
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()["results"][0]
    return result


def test_screen_tells_a_partner_only_hit_action_and_how_to_reach_the_owner(
    client: TestClient, world: World, hidden: tuple[int, dict[str, Any]]
) -> None:
    result = screen(client, world, "BBB", threshold=0)
    assert result["hit"] is True
    (match,) = result["matches"]
    assert match == {
        "hit": True,
        "details_withheld": True,
        "listings": [
            {
                "category": "terrorist",
                "actions": ["locate-and-inform"],
                "handling": "H1",
                "owner": {"agency": "AAA", "name": "Agency AAA", "contact": None},
                "reference": hidden[1]["contact_ref"],
                "details_withheld": True,
            }
        ],
    }
    # the owner hears of it on its stream and webhooks
    (event,) = read_events(world.store, "AAA", 0)
    assert event.type == "screening.hit-withheld"
    assert event.payload["subject_id"] == hidden[0]
    assert event.payload["screened_by"]["agency"] == "BBB"


def test_the_owner_resolves_the_reference_and_no_one_else(
    client: TestClient, world: World, hidden: tuple[int, dict[str, Any]]
) -> None:
    reference = hidden[1]["contact_ref"]
    assert reference.startswith("LREF-") and len(reference) == 25
    url = f"{API}/listings/by-reference/{reference}"
    found = client.get(url, headers=world.auth("AAA", "duty-officer"))
    assert found.status_code == 200, found.text
    assert (found.json()["id"], found.json()["subject_id"]) == (hidden[1]["id"], hidden[0])
    seq = audit_seq(world.store)
    unknown = "LREF-00000000000000000000"
    for agency in ("BBB", "OPS"):
        theirs = client.get(url, headers=world.auth(agency, "analyst"))
        missing = client.get(
            f"{API}/listings/by-reference/{unknown}", headers=world.auth(agency, "analyst")
        )
        mine = error_of(theirs, 404, "not_found")
        other = error_of(missing, 404, "not_found")
        assert mine["message"].replace(reference, "R") == other["message"].replace(unknown, "R")
        assert mine["details"] == other["details"]
    # each attempt on the real reference is a refusal the owner's auditors see
    targets = [f"listing:{hidden[1]['id']}"]
    assert refused_reads(world.store, seq) == [("listing.read.refused", targets, ["AAA"])] * 2
    auditor = client.get(url, headers=world.auth("AAA", "auditor"))
    error_of(auditor, 403, "forbidden")


def test_exposure_names_a_withheld_hit_by_its_reference_only(
    client: TestClient, world: World, hidden: tuple[int, dict[str, Any]]
) -> None:
    rows = [{"payer": "Acme Ltd", "payee": NAME, "amount": "50", "currency": "EUR",
             "date": "2026-04-01"}]  # fmt: skip
    response = client.post(
        f"{API}/exposure", json={"extract": rows, "threshold": 0},
        headers=world.auth("BBB", "analyst"),
    )  # fmt: skip
    assert response.status_code == 200, response.text
    report = response.json()
    reference = hidden[1]["contact_ref"]
    party = next(p for p in report["parties"] if p["name"] == NAME)
    assert party["hit"] is True
    assert party["exposure"]["listed_subject_id"] is None
    assert party["exposure"]["listed_reference"] == reference
    assert [m.get("subject_id") for m in party["matches"]] == [None]
    (flow,) = report["flows"]
    assert (flow["listed_subject_id"], flow["listed_reference"]) == (None, reference)
    assert f'"subject_id": {hidden[0]}' not in response.text


def test_an_agency_sets_its_hit_threshold(
    client: TestClient, world: World, hidden: tuple[int, dict[str, Any]]
) -> None:
    own = world.auth("AAA", "agency-admin")
    changed = client.patch(f"{API}/agencies/AAA", json={"hit_threshold": 0.995}, headers=own)
    assert changed.status_code == 200, changed.text
    assert changed.json()["hit_threshold"] == 0.995
    agencies = client.get(f"{API}/agencies", headers=world.auth("BBB", "screener")).json()
    assert {a["code"]: a["hit_threshold"] for a in agencies["items"]}["AAA"] == 0.995
    raised = screen(client, world, "AAA")
    assert raised["hit"] is False and raised["matches"][0]["subject_id"] == hidden[0]
    ops = world.auth("OPS", "agency-admin")
    reset = client.patch(f"{API}/agencies/AAA", json={"hit_threshold": None}, headers=ops)
    assert reset.status_code == 200 and reset.json()["hit_threshold"] is None
    assert screen(client, world, "AAA")["hit"] is True


def test_a_bad_hit_threshold_is_refused_and_changes_nothing(
    client: TestClient, world: World
) -> None:
    own = world.auth("AAA", "agency-admin")
    before = business_rows(world.store)
    for body, field in (
        ({"hit_threshold": 0}, "hit_threshold"),
        ({"hit_threshold": 1.5}, "hit_threshold"),
        ({"hit_threshold": "high"}, "hit_threshold"),
        ({}, "hit_threshold"),
        ({"hit_threshold": 0.6, "colour": "red"}, "colour"),
    ):
        response = client.patch(f"{API}/agencies/AAA", json=body, headers=own)
        assert fields_of(response) == [field], response.text
    for agency, role in (("BBB", "agency-admin"), ("AAA", "analyst")):
        response = client.patch(
            f"{API}/agencies/AAA", json={"hit_threshold": 0.6}, headers=world.auth(agency, role)
        )
        error_of(response, 403, "forbidden")
    missing = client.patch(
        f"{API}/agencies/ZZZ",
        json={"hit_threshold": 0.6},
        headers=world.auth("OPS", "agency-admin"),
    )
    error_of(missing, 404, "not_found")
    assert business_rows(world.store) == before
