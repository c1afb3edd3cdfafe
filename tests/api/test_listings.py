"""Listings over the API: create, read, list, change status; and the sharing rules they carry.

A subject of AAA becomes visible to another agency only through an AAA listing that is
``active`` (or ``expired``) and shared with ``all`` partners or ``named`` agencies.
"""

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
from tests.api.test_subjects import create_subject, statements_of, stmt
from tests.world import World, publish_api

COVERED = {
    ("POST", f"{API}/subjects/{{subject_id}}/listings"),
    ("GET", f"{API}/listings"),
    ("GET", f"{API}/listings/{{listing_id}}"),
    ("PATCH", f"{API}/listings/{{listing_id}}"),
}


def create_listing(
    client: TestClient, world: World, agency: str, subject_id: int, **fields: Any
) -> dict[str, Any]:
    """A listing posted by ``agency``'s analyst; one asked ``active`` and shared beyond the
    agency is published through compliance review (``publish_api``)."""
    body = {"category": "terrorist", "actions": ["locate-and-inform"], **fields}
    return publish_api(client, world, agency, subject_id, body)


def listed_subject(
    client: TestClient, world: World, name: str = "Shared Person", **fields: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """An AAA subject with one AAA listing with ``fields``."""
    subject = create_subject(client, world, "AAA", name)
    return subject, create_listing(client, world, "AAA", subject["id"], **fields)


def listings_of(world: World, subject_id: int) -> list[dict[str, Any]]:
    with world.store.begin() as session:
        return [x.to_dict() for x in session.listings.of_subjects([subject_id])]


# --- create ---------------------------------------------------------------------------------


def test_analyst_lists_a_subject(client: TestClient, world: World) -> None:
    subject = create_subject(client, world, "AAA", "Abu Bakr al-Baghdadi")
    seq = audit_seq(world.store)
    body = {
        "category": "terrorist",
        "actions": ["arrest", "freeze-assets", "arrest"],
        "reference": "AAA-2026-114",
        "legal_basis": "Warrant 12/2026 of the investigating judge",
        "reliability": "B",
        "accuracy": 2,
        "valid_from": "2026-01-01",
        "valid_until": "2027-12-31",
        "review_date": "2027-06-30",
        "sharing": "named",
        "shared_with": ["BBB", "OPS"],
        "handling": "H2",
        "status": "draft",  # shared beyond AAA: published through compliance review
        "notes": "armed",
    }
    response = client.post(
        f"{API}/subjects/{subject['id']}/listings", json=body, headers=world.auth("AAA", "analyst")
    )
    assert response.status_code == 201, response.text
    listing = response.json()
    expected = {**body, "actions": ["arrest", "freeze-assets"]}
    assert {k: listing[k] for k in expected} == expected
    assert listing["subject_id"] == subject["id"]
    assert listing["agency"] == "AAA"
    assert listing["source"] is None
    assert listing["created_at"] == listing["updated_at"]
    view = client.get(f"{API}/subjects/{subject['id']}", headers=world.auth("AAA", "screener"))
    assert [x["id"] for x in view.json()["listings"]] == [listing["id"]]
    events = [e for e in audit_events(world.store, seq) if e.action == "listing.create"]
    assert events[0].targets == (f"listing:{listing['id']}", f"subject:{subject['id']}")


def test_new_listing_defaults_to_a_private_draft(client: TestClient, world: World) -> None:
    subject = create_subject(client, world, "AAA", "Abu Bakr al-Baghdadi")
    listing = create_listing(client, world, "AAA", subject["id"])
    assert listing["status"] == "draft"
    assert listing["sharing"] == "own"
    assert listing["shared_with"] == []
    assert listing["handling"] == "H1"
    assert listing["reliability"] == "X"
    assert listing["accuracy"] == 4


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"category": "bogus"}, ["category"]),
        ({"actions": ["nuke"]}, ["actions.0"]),
        ({"actions": ["arrest", "nuke"]}, ["actions.1"]),
        ({"actions": []}, ["actions"]),
        ({"actions": ["arrest"] * 7}, ["actions"]),
        ({"actions": "arrest"}, ["actions"]),
        ({"sharing": "named", "shared_with": ["ZZZ"]}, ["shared_with.0"]),
        ({"sharing": "named", "shared_with": ["BBB", "ZZZ"]}, ["shared_with.1"]),
        ({"sharing": "named"}, ["shared_with"]),
        ({"sharing": "own", "shared_with": ["BBB"]}, ["shared_with"]),
        ({"sharing": "named", "shared_with": ["BBB"] * 101}, ["shared_with"]),
        ({"sharing": "everyone"}, ["sharing"]),
        ({"reliability": "Z"}, ["reliability"]),
        ({"accuracy": 5}, ["accuracy"]),
        ({"accuracy": "high"}, ["accuracy"]),
        ({"valid_from": "2026-02-30"}, ["valid_from"]),
        ({"valid_from": "2026-06-01", "valid_until": "2026-01-01"}, ["valid_until"]),
        ({"review_date": "tomorrow"}, ["review_date"]),
        ({"handling": "H9"}, ["handling"]),
        ({"status": "withdrawn"}, ["status"]),
        ({"status": "expired"}, ["status"]),
        ({"status": "bogus"}, ["status"]),
        ({"agency": "BBB"}, ["agency"]),
        ({"legal_basis": "x" * 4001}, ["legal_basis"]),
        (
            {"category": "bogus", "actions": ["nuke"], "accuracy": 9},
            ["category", "actions.0", "accuracy"],
        ),
    ],
)
def test_invalid_listing_is_422_and_writes_nothing(
    client: TestClient, world: World, fields: dict[str, Any], errors: list[str]
) -> None:
    subject = create_subject(client, world, "AAA", "Abu Bakr al-Baghdadi")
    before, seq = business_rows(world.store), audit_seq(world.store)
    body = {"category": "terrorist", "actions": ["arrest"], **fields}
    response = client.post(
        f"{API}/subjects/{subject['id']}/listings", json=body, headers=world.auth("AAA", "analyst")
    )
    assert fields_of(response) == errors
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


@pytest.mark.parametrize("missing", ["category", "actions"])
def test_listing_needs_category_and_actions(client: TestClient, world: World, missing: str) -> None:
    subject = create_subject(client, world, "AAA", "Abu Bakr al-Baghdadi")
    body = {"category": "terrorist", "actions": ["arrest"]}
    del body[missing]
    response = client.post(
        f"{API}/subjects/{subject['id']}/listings", json=body, headers=world.auth("AAA", "analyst")
    )
    assert fields_of(response) == [missing]
    assert listings_of(world, subject["id"]) == []


@pytest.mark.parametrize("role", ["screener", "duty-officer", "agency-admin", "auditor"])
def test_only_analysts_create_listings(client: TestClient, world: World, role: str) -> None:
    subject = create_subject(client, world, "AAA", "Abu Bakr al-Baghdadi")
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.post(
        f"{API}/subjects/{subject['id']}/listings",
        json={"category": "terrorist", "actions": ["arrest"]},
        headers=world.auth("AAA", role),
    )
    denied(world.store, response, seq)
    assert business_rows(world.store) == before


def test_listing_a_missing_or_unshared_subject_is_404(client: TestClient, world: World) -> None:
    subject = create_subject(client, world, "AAA", "Abu Bakr al-Baghdadi")
    before, seq = business_rows(world.store), audit_seq(world.store)
    body = {"category": "terrorist", "actions": ["arrest"]}
    for subject_id, agency in ((424242, "AAA"), (subject["id"], "BBB")):
        response = client.post(
            f"{API}/subjects/{subject_id}/listings",
            json=body,
            headers=world.auth(agency, "analyst"),
        )
        error_of(response, 404, "not_found")
    assert business_rows(world.store) == before
    # the hidden subject's refusal is audited for its owner; the missing one leaves nothing
    refused = [("subject.read.refused", [f"subject:{subject['id']}"], ["AAA"])]
    assert refused_reads(world.store, seq) == refused


# --- sharing --------------------------------------------------------------------------------


def test_sharing_with_all_shows_the_subject_to_every_partner(
    client: TestClient, world: World
) -> None:
    subject, listing = listed_subject(client, world, sharing="all", status="active")
    for agency in ("BBB", "OPS"):
        for role in ("analyst", "screener"):
            response = client.get(
                f"{API}/subjects/{subject['id']}", headers=world.auth(agency, role)
            )
            assert response.status_code == 200, (agency, role)
            body = response.json()
            assert body["caption"] == "Shared Person"
            assert [x["id"] for x in body["listings"]] == [listing["id"]]
    got = client.get(f"{API}/listings/{listing['id']}", headers=world.auth("BBB", "screener"))
    assert got.status_code == 200
    assert got.json()["actions"] == ["locate-and-inform"]
    listed = client.get(f"{API}/subjects", headers=world.auth("BBB", "analyst")).json()
    assert [s["id"] for s in listed["items"]] == [subject["id"]]
    found = client.get(
        f"{API}/subjects/search", params={"q": "shared"}, headers=world.auth("BBB", "analyst")
    )
    assert [s["id"] for s in found.json()["items"]] == [subject["id"]]


def test_named_sharing_shows_the_subject_to_named_agencies_only(
    client: TestClient, world: World
) -> None:
    subject, listing = listed_subject(
        client, world, sharing="named", shared_with=["BBB"], status="active"
    )
    seen = client.get(f"{API}/subjects/{subject['id']}", headers=world.auth("BBB", "analyst"))
    assert seen.status_code == 200
    assert [x["id"] for x in seen.json()["listings"]] == [listing["id"]]
    hidden = client.get(f"{API}/subjects/{subject['id']}", headers=world.auth("OPS", "analyst"))
    error_of(hidden, 404, "not_found")
    hidden_listing = client.get(
        f"{API}/listings/{listing['id']}", headers=world.auth("OPS", "analyst")
    )
    error_of(hidden_listing, 404, "not_found")
    listed = client.get(f"{API}/subjects", headers=world.auth("OPS", "analyst")).json()
    assert listed["items"] == []
    found = client.get(
        f"{API}/subjects/search", params={"q": "shared"}, headers=world.auth("OPS", "analyst")
    )
    assert found.json()["items"] == []


@pytest.mark.parametrize(
    "fields",
    [
        {"sharing": "own", "status": "active"},
        {"sharing": "all", "status": "draft"},
        {"sharing": "named", "shared_with": ["BBB"], "status": "draft"},
    ],
    ids=["own-active", "all-draft", "named-draft"],
)
def test_private_or_draft_listings_share_nothing(
    client: TestClient, world: World, fields: dict[str, Any]
) -> None:
    subject, listing = listed_subject(client, world, **fields)
    auth = world.auth("BBB", "analyst")
    error_of(client.get(f"{API}/subjects/{subject['id']}", headers=auth), 404, "not_found")
    error_of(client.get(f"{API}/listings/{listing['id']}", headers=auth), 404, "not_found")
    assert client.get(f"{API}/subjects", headers=auth).json()["items"] == []


def test_withdrawn_listing_stops_sharing(client: TestClient, world: World) -> None:
    subject, listing = listed_subject(client, world, sharing="all", status="active")
    auth = world.auth("BBB", "analyst")
    assert client.get(f"{API}/subjects/{subject['id']}", headers=auth).status_code == 200
    response = client.patch(
        f"{API}/listings/{listing['id']}",
        json={"status": "withdrawn"},
        headers=world.auth("AAA", "analyst"),
    )
    assert response.status_code == 200
    error_of(client.get(f"{API}/subjects/{subject['id']}", headers=auth), 404, "not_found")


def test_partner_reads_but_cannot_write_a_shared_subject(client: TestClient, world: World) -> None:
    subject, _listing = listed_subject(client, world, sharing="all", status="active")
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.post(
        f"{API}/subjects/{subject['id']}/statements",
        json={"statements": [stmt("alias", "Planted Alias")]},
        headers=world.auth("BBB", "analyst"),
    )
    denied(world.store, response, seq)
    seq = audit_seq(world.store)
    statement = subject["statements"][0]["id"]
    response = client.delete(
        f"{API}/subjects/{subject['id']}/statements/{statement}",
        headers=world.auth("BBB", "analyst"),
    )
    denied(world.store, response, seq)
    assert business_rows(world.store) == before
    assert [s["value"] for s in statements_of(world, subject["id"])] == ["Shared Person"]


def test_partner_lists_a_shared_subject_for_itself(client: TestClient, world: World) -> None:
    subject, aaa_listing = listed_subject(client, world, sharing="all", status="active")
    bbb_listing = create_listing(
        client, world, "BBB", subject["id"], category="financier", actions=["freeze-assets"]
    )
    assert bbb_listing["agency"] == "BBB"
    assert bbb_listing["subject_id"] == subject["id"]
    bbb_view = client.get(f"{API}/subjects/{subject['id']}", headers=world.auth("BBB", "analyst"))
    assert [x["id"] for x in bbb_view.json()["listings"]] == [aaa_listing["id"], bbb_listing["id"]]
    # BBB's listing is a private draft: neither the owner of the subject nor OPS sees it.
    for agency in ("AAA", "OPS"):
        view = client.get(f"{API}/subjects/{subject['id']}", headers=world.auth(agency, "analyst"))
        assert [x["id"] for x in view.json()["listings"]] == [aaa_listing["id"]]
    error_of(
        client.get(f"{API}/listings/{bbb_listing['id']}", headers=world.auth("AAA", "analyst")),
        404,
        "not_found",
    )


def test_subject_view_shows_only_listings_in_scope(client: TestClient, world: World) -> None:
    subject, shared = listed_subject(client, world, sharing="all", status="active")
    private = create_listing(client, world, "AAA", subject["id"], sharing="own", status="active")
    to_ops = create_listing(
        client, world, "AAA", subject["id"], sharing="named", shared_with=["OPS"], status="active"
    )
    draft = create_listing(client, world, "AAA", subject["id"], sharing="all")
    views = {
        agency: [
            x["id"]
            for x in client.get(
                f"{API}/subjects/{subject['id']}", headers=world.auth(agency, "screener")
            ).json()["listings"]
        ]
        for agency in ("AAA", "BBB", "OPS")
    }
    assert views["AAA"] == [shared["id"], private["id"], to_ops["id"], draft["id"]]
    assert views["BBB"] == [shared["id"]]
    assert views["OPS"] == [shared["id"], to_ops["id"]]


# --- read and list --------------------------------------------------------------------------


def test_get_listing(client: TestClient, world: World) -> None:
    _subject, listing = listed_subject(client, world, reference="AAA-1")
    seq = audit_seq(world.store)
    response = client.get(f"{API}/listings/{listing['id']}", headers=world.auth("AAA", "screener"))
    assert response.status_code == 200
    assert response.json() == listing
    views = [e for e in audit_events(world.store, seq) if e.action == "listing.view"]
    assert views[0].targets == (f"listing:{listing['id']}",)


def test_get_missing_listing_is_404(client: TestClient, world: World) -> None:
    response = client.get(f"{API}/listings/424242", headers=world.auth("AAA", "analyst"))
    error_of(response, 404, "not_found")


@pytest.mark.parametrize("role", ["agency-admin", "auditor"])
def test_listing_reads_refused_without_read_records(
    client: TestClient, world: World, role: str
) -> None:
    _subject, listing = listed_subject(client, world)
    seq = audit_seq(world.store)
    denied(
        world.store,
        client.get(f"{API}/listings/{listing['id']}", headers=world.auth("AAA", role)),
        seq,
    )
    seq = audit_seq(world.store)
    denied(world.store, client.get(f"{API}/listings", headers=world.auth("AAA", role)), seq)


def test_list_listings_pages_through_own_listings(client: TestClient, world: World) -> None:
    subject = create_subject(client, world, "AAA", "Abu Bakr al-Baghdadi")
    ids = [create_listing(client, world, "AAA", subject["id"])["id"] for _ in range(3)]
    active = create_listing(client, world, "AAA", subject["id"], status="active", sharing="all")
    create_listing(client, world, "BBB", subject["id"])
    auth = world.auth("AAA", "analyst")
    first = client.get(f"{API}/listings", params={"limit": 2}, headers=auth).json()
    assert [x["id"] for x in first["items"]] == ids[:2]
    assert first["next"] == ids[1]
    second = client.get(
        f"{API}/listings", params={"limit": 2, "after": first["next"]}, headers=auth
    ).json()
    assert [x["id"] for x in second["items"]] == [ids[2], active["id"]]
    assert second["next"] is None
    everything = client.get(f"{API}/listings", headers=auth).json()["items"]
    assert {x["agency"] for x in everything} == {"AAA"}
    only_active = client.get(f"{API}/listings", params={"status": "active"}, headers=auth).json()
    assert [x["id"] for x in only_active["items"]] == [active["id"]]


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({"status": "bogus"}, ["status"]),
        ({"limit": 0}, ["limit"]),
        ({"after": -3}, ["after"]),
    ],
)
def test_invalid_listing_filters_are_422(
    client: TestClient, world: World, params: dict[str, Any], fields: list[str]
) -> None:
    response = client.get(f"{API}/listings", params=params, headers=world.auth("AAA", "analyst"))
    assert fields_of(response) == fields


# --- change ---------------------------------------------------------------------------------


def test_owner_activates_changes_and_withdraws_a_listing(client: TestClient, world: World) -> None:
    _subject, listing = listed_subject(client, world)
    auth = world.auth("AAA", "analyst")
    seq = audit_seq(world.store)
    response = client.patch(
        f"{API}/listings/{listing['id']}",
        json={"status": "active", "review_date": "2027-01-31", "notes": "confirmed"},
        headers=auth,
    )
    assert response.status_code == 200, response.text
    changed = response.json()
    assert changed["status"] == "active"
    assert changed["review_date"] == "2027-01-31"
    assert changed["notes"] == "confirmed"
    assert changed["category"] == listing["category"]
    assert changed["updated_at"] >= listing["updated_at"]
    stored = client.get(f"{API}/listings/{listing['id']}", headers=auth).json()
    assert stored == changed
    events = [e for e in audit_events(world.store, seq) if e.action == "listing.update"]
    assert events[0].detail["fields"] == ["notes", "review_date", "status"]
    for status in ("expired", "active", "withdrawn"):
        response = client.patch(
            f"{API}/listings/{listing['id']}", json={"status": status}, headers=auth
        )
        assert response.status_code == 200, (status, response.text)
        assert response.json()["status"] == status


def test_sharing_can_be_narrowed(client: TestClient, world: World) -> None:
    subject, listing = listed_subject(
        client, world, sharing="named", shared_with=["BBB"], status="active"
    )
    response = client.patch(
        f"{API}/listings/{listing['id']}",
        json={"sharing": "own", "shared_with": []},
        headers=world.auth("AAA", "analyst"),
    )
    assert response.status_code == 200, response.text
    assert response.json()["sharing"] == "own"
    assert response.json()["shared_with"] == []
    hidden = client.get(f"{API}/subjects/{subject['id']}", headers=world.auth("BBB", "analyst"))
    error_of(hidden, 404, "not_found")


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (["withdrawn"], "active"),
        (["withdrawn"], "draft"),
        (["withdrawn"], "expired"),
        ([], "expired"),
        (["active"], "draft"),
    ],
)
def test_illegal_status_change_is_409_and_writes_nothing(
    client: TestClient, world: World, path: list[str], status: str
) -> None:
    _subject, listing = listed_subject(client, world)
    auth = world.auth("AAA", "analyst")
    for step in path:
        response = client.patch(
            f"{API}/listings/{listing['id']}", json={"status": step}, headers=auth
        )
        assert response.status_code == 200, response.text
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.patch(
        f"{API}/listings/{listing['id']}", json={"status": status, "notes": "again"}, headers=auth
    )
    error = error_of(response, 409, "conflict")
    assert error["details"] == {"field": "status"}
    assert status in error["message"]
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"status": "bogus"}, ["status"]),
        ({"category": "bogus"}, ["category"]),
        ({"actions": []}, ["actions"]),
        ({"actions": ["nuke"]}, ["actions.0"]),
        ({"accuracy": 0}, ["accuracy"]),
        ({"sharing": "named", "shared_with": ["ZZZ"]}, ["shared_with.0"]),
        ({"sharing": "named"}, ["shared_with"]),
        ({"valid_until": "1999-01-01", "valid_from": "2000-01-01"}, ["valid_until"]),
        ({"subject_id": 1}, ["subject_id"]),
        ({"notes": 12}, ["notes"]),
    ],
)
def test_invalid_listing_change_is_422_and_writes_nothing(
    client: TestClient, world: World, body: dict[str, Any], fields: list[str]
) -> None:
    _subject, listing = listed_subject(client, world)
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.patch(
        f"{API}/listings/{listing['id']}", json=body, headers=world.auth("AAA", "analyst")
    )
    assert fields_of(response) == fields
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


@pytest.mark.parametrize("role", ["screener", "duty-officer"])
def test_only_analysts_change_listings(client: TestClient, world: World, role: str) -> None:
    _subject, listing = listed_subject(client, world)
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.patch(
        f"{API}/listings/{listing['id']}",
        json={"status": "active"},
        headers=world.auth("AAA", role),
    )
    denied(world.store, response, seq)
    assert business_rows(world.store) == before


def test_partner_cannot_change_a_shared_listing(client: TestClient, world: World) -> None:
    _subject, listing = listed_subject(client, world, sharing="all", status="active")
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.patch(
        f"{API}/listings/{listing['id']}",
        json={"status": "withdrawn"},
        headers=world.auth("BBB", "analyst"),
    )
    denied(world.store, response, seq)
    assert business_rows(world.store) == before


def test_changing_an_unseen_or_missing_listing_is_404(client: TestClient, world: World) -> None:
    _subject, listing = listed_subject(client, world)
    before, seq = business_rows(world.store), audit_seq(world.store)
    for listing_id, agency in ((listing["id"], "BBB"), (424242, "AAA")):
        response = client.patch(
            f"{API}/listings/{listing_id}",
            json={"status": "withdrawn"},
            headers=world.auth(agency, "analyst"),
        )
        error_of(response, 404, "not_found")
    assert business_rows(world.store) == before
    targets = [f"listing:{listing['id']}", f"subject:{listing['subject_id']}"]
    assert refused_reads(world.store, seq) == [("listing.read.refused", targets, ["AAA"])]


def test_partner_cannot_widen_the_owners_sharing(client: TestClient, world: World) -> None:
    subject, _listing = listed_subject(
        client, world, sharing="named", shared_with=["BBB"], status="active", handling="H3"
    )
    # even published through compliance review, BBB's own listing does not widen AAA's scope
    body = {"category": "terrorist", "actions": ["arrest"], "sharing": "all", "status": "active"}
    assert publish_api(client, world, "BBB", subject["id"], body)["status"] == "active"
    hidden = client.get(f"{API}/subjects/{subject['id']}", headers=world.auth("OPS", "analyst"))
    error_of(hidden, 404, "not_found")
