"""Access-control matrix of the travel-document register, on both databases: every role of
the recording agency (AAA), a named partner (BBB) and a partner outside the scope (CCC), for
reports shared with no one, with BBB, and with all."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from ictd.registry import accounts
from ictd.security.actor import Actor
from tests.api.matrix import PARTNERS, ROLES, SCOPES, SHARING, add_partner, ask, cases, hidden_probe
from tests.api.test_errors import API, audit_seq, business_rows, error_of, fields_of
from tests.api.test_listings import create_listing
from tests.api.test_subjects import create_subject
from tests.world import World

URL = f"{API}/travel-documents"
READERS = {"analyst", "screener", "duty-officer"}
MISSING = 999_999
KIND = "document-report"  # what a refusal names


def report_body(number: str, scope: str, subject_id: int | None = None) -> dict[str, Any]:
    return {
        "document": {"type": "P", "number": number, "issuing_state": "DEU"},
        "status": "stolen",
        "reported_on": "2026-11-01",
        "reason": "reported stolen at a police station",
        **({"subject_id": subject_id} if subject_id else {}),
        **SHARING[scope],
    }


@pytest.fixture
def reports(client: TestClient, world: World) -> dict[str, dict[str, Any]]:
    """AAA (serving Germany) records one report per sharing scope; each names a subject of
    AAA's that no partner may read (listed for AAA only)."""
    add_partner(world)
    system = Actor.system("tests")
    accounts.set_country(world.store, system, "AAA", "DE")
    accounts.set_country(world.store, system, "BBB", "FR")
    subject = create_subject(client, world, "AAA", "Karim Hidden Holder")
    create_listing(client, world, "AAA", subject["id"], status="active")
    made = {}
    for n, scope in enumerate(SCOPES):
        body = report_body(f"C01X00T4{n}", scope, subject["id"])
        response = ask(client, world, "AAA", "analyst", "POST", URL, body)
        assert response.status_code == 201, response.text
        made[scope] = response.json()
    return made


def test_reading_a_report(
    client: TestClient, world: World, reports: dict[str, dict[str, Any]]
) -> None:
    for c in cases(reports, READERS):
        report, agency, role, case = c.record, c.agency, c.role, c.key
        url = f"{URL}/{report['id']}"
        if c.outcome == "forbidden":
            error_of(ask(client, world, agency, role, "GET", url), 403, "forbidden")
        elif c.outcome == "shown":
            response = ask(client, world, agency, role, "GET", url)
            assert response.status_code == 200, case
            shown = response.json()
            assert (shown["id"], shown["agency"], shown["status"]) == (
                report["id"],
                "AAA",
                "stolen",
            ), case
            # the holder is AAA's hidden subject: only AAA learns its id
            expected = report["subject_id"] if agency == "AAA" else None
            assert shown["subject_id"] == expected, case
        else:
            hidden_probe(client, world, agency, role, "GET", URL, report["id"], kind=KIND)


def test_listing_reports(
    client: TestClient, world: World, reports: dict[str, dict[str, Any]]
) -> None:
    for agency in PARTNERS:
        for role in ROLES:
            for shared in (False, True):
                response = client.get(
                    URL, params={"shared": shared}, headers=world.auth(agency, role)
                )
                if role not in READERS:
                    error_of(response, 403, "forbidden")
                    continue
                assert response.status_code == 200, response.text
                items = response.json()["items"]
                expected = [
                    reports[s]["id"]
                    for s in SCOPES
                    if agency == "AAA" or (shared and agency in SCOPES[s])
                ]
                assert [x["id"] for x in items] == expected, (agency, role, shared)
                holders = {x["subject_id"] for x in items}
                assert holders <= ({reports["own"]["subject_id"]} if agency == "AAA" else {None})


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [("PATCH", "", {"status": "lost"}), ("POST", "/withdraw", {})],
    ids=["change", "withdraw"],
)
def test_changing_a_report(
    client: TestClient,
    world: World,
    reports: dict[str, dict[str, Any]],
    method: str,
    suffix: str,
    body: dict[str, Any],
) -> None:
    for scope, report in reports.items():
        url = f"{URL}/{report['id']}{suffix}"
        for agency in ("BBB", "CCC"):
            for role in ROLES:
                before = business_rows(world.store)
                if role != "analyst" or agency in SCOPES[scope]:
                    error_of(ask(client, world, agency, role, method, url, body), 403)
                else:
                    hidden_probe(
                        client,
                        world,
                        agency,
                        role,
                        method,
                        URL,
                        report["id"],
                        suffix,
                        body,
                        kind=KIND,
                    )
                assert business_rows(world.store) == before
        for role in ROLES:
            if role != "analyst":
                error_of(ask(client, world, "AAA", role, method, url, body), 403)
    for report in reports.values():
        done = ask(client, world, "AAA", "analyst", method, f"{URL}/{report['id']}{suffix}", body)
        assert done.status_code == 200, done.text


def test_a_report_cannot_probe_for_a_hidden_subject(
    client: TestClient, world: World, reports: dict[str, dict[str, Any]]
) -> None:
    """Naming another agency's hidden subject as a document's holder is refused exactly as
    naming a missing one; a subject shared with the recording agency may be named."""
    hidden = reports["own"]["subject_id"]
    seq = audit_seq(world.store)
    to_missing = ask(
        client, world, "BBB", "analyst", "POST", URL, _french("F01", subject_id=MISSING)
    )
    to_hidden = ask(client, world, "BBB", "analyst", "POST", URL, _french("F02", subject_id=hidden))
    assert fields_of(to_missing) == fields_of(to_hidden) == ["subject_id"]
    messages = [error_of(r, 422)["details"][0]["message"] for r in (to_missing, to_hidden)]
    assert messages == [f"subject {MISSING} does not exist", f"subject {hidden} does not exist"]
    assert audit_seq(world.store) == seq
    shared = create_subject(client, world, "AAA", "Shared Holder")
    create_listing(client, world, "AAA", shared["id"], status="active", sharing="all")
    linked = ask(client, world, "BBB", "analyst", "POST", URL, _french("F03", shared["id"]))
    assert linked.status_code == 201, linked.text
    assert linked.json()["subject_id"] == shared["id"]


def _french(number: str, subject_id: int) -> dict[str, Any]:
    body = report_body(number, "own", subject_id)
    body["document"]["issuing_state"] = "FRA"
    return body


def test_the_owners_auditors_read_the_refusals(
    client: TestClient, world: World, reports: dict[str, dict[str, Any]]
) -> None:
    """A probe of a hidden report is in the recording agency's audit trail as its auditors read
    it; the auditors of an agency not concerned do not see it."""
    report_id = reports["own"]["id"]
    probe = ask(client, world, "CCC", "screener", "GET", f"{URL}/{report_id}")
    error_of(probe, 404, "not_found")
    url = f"{API}/audit/events"
    params = {"action": "document-report.read.refused"}
    seen = client.get(url, params=params, headers=world.auth("AAA", "auditor")).json()["items"]
    assert [(e["agency"], e["targets"], e["detail"]) for e in seen] == [
        ("CCC", [f"document-report:{report_id}"], {"owners": ["AAA"]})
    ]
    other = client.get(url, params=params, headers=world.auth("BBB", "auditor")).json()["items"]
    assert other == []


def test_only_the_operators_admins_delegate(
    client: TestClient, world: World, reports: dict[str, dict[str, Any]]
) -> None:
    body = {"agency": "BBB", "issuing_state": "DEU"}
    gone = f"{URL}/delegations/BBB/DEU"
    for agency in ("OPS", *PARTNERS):
        for role in ROLES:
            listed = ask(client, world, agency, role, "GET", f"{URL}/delegations")
            assert listed.status_code == 200, (agency, role)  # who records what is not secret
            if (agency, role) == ("OPS", "agency-admin"):
                continue
            before = business_rows(world.store)
            error_of(ask(client, world, agency, role, "POST", f"{URL}/delegations", body), 403)
            error_of(ask(client, world, agency, role, "DELETE", gone), 403)
            assert business_rows(world.store) == before
    made = ask(client, world, "OPS", "agency-admin", "POST", f"{URL}/delegations", body)
    assert made.status_code == 201, made.text
    items = ask(client, world, "CCC", "platform", "GET", f"{URL}/delegations").json()["items"]
    assert [(x["agency"], x["issuing_state"]) for x in items] == [("BBB", "DE")]
    assert ask(client, world, "OPS", "agency-admin", "DELETE", gone).status_code == 204
