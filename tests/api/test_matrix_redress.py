"""Access-control matrix of redress, on both databases: every role of the operator (OPS, whose
redress officers register requests), the agency holding the subject (AAA) and partners (BBB,
CCC). A request not forwarded to an agency answers as a missing one (audited); a role that reads
no request is refused before any look-up, so it cannot tell references that exist; an H3
holding is never disclosed without its owner's consent."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.matrix import ROLES, add_partner, ask, hidden_probe
from tests.api.test_errors import API, audit_seq, error_of
from tests.api.test_listings import create_listing
from tests.api.test_subjects import create_subject
from tests.world import World

URL = f"{API}/redress"
AGENCIES = ("OPS", "AAA", "BBB", "CCC")
HANDLERS = {"analyst", "auditor"}
MISSING = "RDR-000000000000"
REFERRED = {"kind": "redress", "owner": "OPS", "missing": MISSING}  # a request not referred


def is_officer(agency: str, role: str) -> bool:
    return agency == "OPS" and role == "redress-officer"


@pytest.fixture
def subject(client: TestClient, world: World) -> int:
    """An AAA person under an H3 listing of AAA's (shared with no one)."""
    add_partner(world)
    made = create_subject(client, world, "AAA", "Hamid al-Masri")
    create_listing(client, world, "AAA", made["id"], status="active", handling="H3")
    return int(made["id"])


def register(client: TestClient, world: World, subject_id: int, kind: str = "access") -> str:
    body = {
        "subject_id": subject_id,
        "kind": kind,
        "summary": "Asks what is held on him.",
        "requester": "H. al-M.",
        "evidence": "Passport seen at the counter",
    }
    made = ask(client, world, "OPS", "redress-officer", "POST", URL, body)
    assert made.status_code == 201, made.text
    return str(made.json()["reference"])


def test_registering_and_reading_requests(client: TestClient, world: World, subject: int) -> None:
    body = {
        "subject_id": subject,
        "kind": "access",
        "summary": "Asks what is held on him.",
        "requester": "H. al-M.",
        "evidence": "Passport seen at the counter",
    }
    for agency in AGENCIES:
        for role in ROLES:
            if not is_officer(agency, role):
                error_of(ask(client, world, agency, role, "POST", URL, body), 403, "forbidden")
    reference = register(client, world, subject)
    url = f"{URL}/{reference}"
    for agency in AGENCIES:
        for role in ROLES:
            case = (agency, role)
            one = ask(client, world, agency, role, "GET", url)
            inbox = ask(client, world, agency, role, "GET", URL)
            for officers_only in ("evidence", "disclosure"):
                answer = ask(client, world, agency, role, "GET", f"{url}/{officers_only}")
                if is_officer(agency, role):
                    assert answer.status_code == 200, case
                else:
                    error_of(answer, 403, "forbidden")
            if is_officer(agency, role):
                assert [r["agency"] for r in one.json()["referrals"]] == ["AAA"], case
                assert [x["reference"] for x in inbox.json()["items"]] == [reference]
            elif role not in HANDLERS:
                error_of(one, 403, "forbidden")
                error_of(inbox, 403, "forbidden")
                # refused before the look-up: a missing reference gets the same answer
                seq = audit_seq(world.store)
                error_of(ask(client, world, agency, role, "GET", f"{URL}/{MISSING}"), 403)
                assert audit_seq(world.store) == seq + 1  # the denial, audited
            elif agency == "AAA":
                assert one.status_code == 200, case
                assert [r["agency"] for r in one.json()["referrals"]] == ["AAA"], case
                assert [x["reference"] for x in inbox.json()["items"]] == [reference]
            else:
                assert inbox.json()["items"] == [], case
                hidden_probe(client, world, agency, role, "GET", URL, reference, **REFERRED)


@pytest.mark.parametrize(
    ("suffix", "body"),
    [
        ("/answer", {"answer": "Under review"}),
        ("/decide", {"decision": "refused", "reasons": "Still needed"}),
    ],
    ids=["answer", "decide"],
)
def test_answering_and_deciding(
    client: TestClient, world: World, subject: int, suffix: str, body: dict[str, Any]
) -> None:
    reference = register(client, world, subject)
    url = f"{URL}/{reference}{suffix}"
    for agency in AGENCIES:
        for role in ROLES:
            if role not in HANDLERS:
                error_of(ask(client, world, agency, role, "POST", url, body), 403, "forbidden")
            elif agency != "AAA":
                hidden_probe(
                    client, world, agency, role, "POST", URL, reference, suffix, body, **REFERRED
                )
    done = ask(client, world, "AAA", "analyst", "POST", url, body)
    assert done.status_code == 200, done.text
    assert [r["agency"] for r in done.json()["referrals"]] == ["AAA"]


@pytest.mark.parametrize("consent", [False, True])
def test_an_h3_holding_is_disclosed_only_with_consent(
    client: TestClient, world: World, subject: int, consent: bool
) -> None:
    reference = register(client, world, subject)
    decision = {
        "decision": "granted",
        "reasons": "The data is lawfully held",
        "disclose": "data",
        "disclosure_note": "We hold your name",
        "h3_consent": consent,
    }
    decided = ask(client, world, "AAA", "analyst", "POST", f"{URL}/{reference}/decide", decision)
    assert decided.status_code == 200, decided.text
    told = ask(client, world, "OPS", "redress-officer", "GET", f"{URL}/{reference}/disclosure")
    (part,) = told.json()["agencies"]
    if consent:
        assert (part["told"], part["note"], part["reasons"]) == (
            "data",
            "We hold your name",
            "The data is lawfully held",
        )
        assert {"prop": "name", "value": "Hamid al-Masri"} in part["facts"]
    else:
        assert part == {
            "agency": "AAA",
            "decision": None,
            "told": "examined",
            "withheld": "H3 without the owner's consent",
        }
