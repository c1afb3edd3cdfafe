"""Compliance review before sharing through the API, on both databases: submit, the queue
with its checks, a review, the decision (422 on bad input, nothing stored), the owner's
view of decisions, and role × own/other agency × sharing."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from ictd.model import Role
from tests.api.test_listings import create_subject
from tests.world import NEUTRALITY, World

API = "/api/v1"
COVERED = {
    ("POST", f"{API}/listings/{{listing_id}}/submit"),
    ("GET", f"{API}/listings/{{listing_id}}/reviews"),
    ("GET", f"{API}/compliance/queue"),
    ("GET", f"{API}/compliance/reviews/{{review_id}}"),
    ("POST", f"{API}/compliance/reviews/{{review_id}}/decision"),
}
REVIEWER = ("OPS", "compliance-reviewer")


def _draft(client: TestClient, world: World, **fields: Any) -> int:
    subject = create_subject(client, world, "AAA", "Abu Mohammed al-Adnani")
    body = {
        "category": "terrorist",
        "actions": ["arrest"],
        "legal_basis": "Criminal Code s. 83.18",
        "notes": "Two sources, 2015.",
        **fields,
    }
    made = client.post(
        f"{API}/subjects/{subject['id']}/listings", json=body, headers=world.auth("AAA", "analyst")
    )
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def _submit(client: TestClient, world: World, lid: int, **body: Any) -> Any:
    return client.post(
        f"{API}/listings/{lid}/submit", json=body, headers=world.auth("AAA", "analyst")
    )


def _seen_by(client: TestClient, world: World, agency: str, lid: int) -> int:
    return client.get(f"{API}/listings/{lid}", headers=world.auth(agency, "screener")).status_code


def test_submit_review_and_decide(client: TestClient, world: World) -> None:
    lid = _draft(client, world, sharing="named", shared_with=["BBB"])
    submitted = _submit(client, world, lid, note="for the BBB border service")
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["listing"]["status"] == "submitted"
    rid = submitted.json()["review"]["id"]
    assert _seen_by(client, world, "BBB", lid) == 404

    reviewer = world.auth(*REVIEWER)
    queue = client.get(f"{API}/compliance/queue", headers=reviewer).json()
    (item,) = queue["items"]
    assert (item["id"], item["listing"]["id"], item["checks_failed"]) == (rid, lid, 1)
    failed = [c["name"] for c in item["checks"] if not c["passed"]]
    assert failed == ["identifying-data"]  # a name only
    assert "statements" not in item["subject"]  # the queue shows no personal data
    shown = client.get(f"{API}/compliance/reviews/{rid}", headers=reviewer).json()
    assert shown["subject"]["caption"] == "Abu Mohammed al-Adnani"

    url = f"{API}/compliance/reviews/{rid}/decision"
    for body, field in (
        ({"decision": "refused", "neutrality": NEUTRALITY}, "reasons"),  # a refusal says why
        ({"decision": "approved", "neutrality": " "}, "neutrality"),  # always a statement
    ):
        bad = client.post(url, json=body, headers=reviewer)
        assert bad.status_code == 422
        assert [e["field"] for e in bad.json()["error"]["details"]] == [field]
    odd = client.post(url, json={"decision": "later", "neutrality": "x"}, headers=reviewer)
    assert odd.status_code == 422
    assert client.get(f"{API}/compliance/queue", headers=reviewer).json()["items"]  # unchanged

    body = {"decision": "approved", "neutrality": NEUTRALITY, "reasons": "identity confirmed"}
    decided = client.post(url, json=body, headers=reviewer)
    assert decided.status_code == 200, decided.text
    assert decided.json()["listing"]["status"] == "active"
    assert _seen_by(client, world, "BBB", lid) == 200
    assert _seen_by(client, world, "OPS", lid) == 404  # named: BBB only
    again = client.post(url, json=body, headers=reviewer)
    assert again.status_code == 409

    history = client.get(f"{API}/listings/{lid}/reviews", headers=world.auth("AAA", "screener"))
    (seen,) = history.json()["items"]
    assert (seen["status"], seen["reasons"]) == ("approved", "identity confirmed")


def test_submit_refuses_bad_input_naming_the_field(client: TestClient, world: World) -> None:
    lid = _draft(client, world)
    own = _submit(client, world, lid)  # an owner-only listing needs no review
    assert own.status_code == 422
    assert [e["field"] for e in own.json()["error"]["details"]] == ["sharing"]
    unknown = _submit(client, world, lid, sharing="named", shared_with=["ZZZ"])
    assert [e["field"] for e in unknown.json()["error"]["details"]] == ["shared_with.0"]
    odd = _submit(client, world, lid, sharing="everyone")
    assert odd.status_code == 422
    active = client.post(
        f"{API}/subjects/{_subject_of(client, world, lid)}/listings",
        json={"category": "terrorist", "actions": ["arrest"], "sharing": "all", "status": "active"},
        headers=world.auth("AAA", "analyst"),
    )
    assert active.status_code == 409
    assert active.json()["error"]["details"] == {"field": "status"}
    reviewer = world.auth(*REVIEWER)
    assert client.get(f"{API}/compliance/queue", headers=reviewer).json()["items"] == []


def _subject_of(client: TestClient, world: World, lid: int) -> int:
    listing = client.get(f"{API}/listings/{lid}", headers=world.auth("AAA", "analyst")).json()
    return int(listing["subject_id"])


@pytest.mark.parametrize("agency", ["OPS", "AAA", "BBB"])
@pytest.mark.parametrize("role", [r.value for r in Role])
def test_who_reviews(client: TestClient, world: World, agency: str, role: str) -> None:
    lid = _draft(client, world, sharing="all")
    rid = _submit(client, world, lid).json()["review"]["id"]
    headers = world.auth(agency, role)
    allowed = (agency, role) == REVIEWER
    queue = client.get(f"{API}/compliance/queue", headers=headers)
    shown = client.get(f"{API}/compliance/reviews/{rid}", headers=headers)
    body = {"decision": "approved", "neutrality": NEUTRALITY}
    decided = client.post(f"{API}/compliance/reviews/{rid}/decision", json=body, headers=headers)
    expected = 200 if allowed else 403
    assert (queue.status_code, shown.status_code, decided.status_code) == (expected,) * 3
    assert _seen_by(client, world, "BBB", lid) == (200 if allowed else 404)


@pytest.mark.parametrize(
    ("agency", "role", "status"),
    [
        ("AAA", "analyst", 200),  # the owner's analyst
        ("AAA", "screener", 403),
        ("AAA", "compliance-reviewer", 403),
        ("BBB", "analyst", 404),  # another agency: the draft does not exist for it
        ("OPS", "analyst", 404),
        ("OPS", "compliance-reviewer", 403),
    ],
)
def test_who_submits(client: TestClient, world: World, agency: str, role: str, status: int) -> None:
    lid = _draft(client, world, sharing="all")
    answer = client.post(f"{API}/listings/{lid}/submit", json={}, headers=world.auth(agency, role))
    assert answer.status_code == status, answer.text
    pending = client.get(f"{API}/compliance/queue", headers=world.auth(*REVIEWER)).json()
    assert len(pending["items"]) == (1 if status == 200 else 0)
