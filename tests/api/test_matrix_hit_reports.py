"""Access-control matrix of hit reports, on both databases: every role of the alert's owner
(AAA), of the reporting agency (BBB) and of a bystander (CCC). Only the reporting agency's
movement reporters file; the owner's alert readers and the reporting agency's reporters and
duty officers read. To anyone else the alert answers as a missing one (audited for AAA); a
role that may file nothing is refused before the look-up."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ictd.api import create_app
from tests.alerts.support import listed, movement, report, settings_for
from tests.api.matrix import PARTNERS, ROLES, add_partner, ask, hidden_probe
from tests.api.test_errors import API, audit_seq, error_of
from tests.api.test_hit_reports_api import BODY
from tests.world import World

MISSING = "ALR-000000000000"
ALERTS, REPORT = f"{API}/alerts", "/hit-report"
ALERT = {"kind": "alert", "missing": MISSING}  # an alert the asker may not see
FILERS = {"analyst", "screener"}  # report-movements
READERS = {("AAA", "analyst"), ("AAA", "duty-officer")} | {
    ("BBB", r) for r in ("analyst", "screener", "duty-officer")
}


@pytest.fixture
def quiet(world: World) -> Iterator[TestClient]:
    add_partner(world)
    app = create_app(settings_for(world.store, dispatcher_enabled=False), world.store)
    with TestClient(app) as client:
        yield client


@pytest.fixture
def reference(quiet: TestClient, world: World) -> str:
    """An alert to AAA about a movement BBB reported."""
    listed(quiet, world, "AAA")
    (reply,) = report(quiet, world, movement("m1"), agency="BBB")
    return str(reply["hits"][0]["alert"])


def hit_report(reference: str) -> str:
    return f"{API}/alerts/{reference}/hit-report"


def test_filing_a_hit_report(quiet: TestClient, world: World, reference: str) -> None:
    url = hit_report(reference)
    for agency in PARTNERS:
        for role in ROLES:
            if role not in FILERS:
                for ref in (reference, MISSING):  # the same refusal: no probing by role
                    seq = audit_seq(world.store)
                    error_of(ask(quiet, world, agency, role, "POST", hit_report(ref), BODY), 403)
                    assert audit_seq(world.store) == seq + 1
            elif agency != "BBB":
                hidden_probe(
                    quiet, world, agency, role, "POST", ALERTS, reference, REPORT, BODY, **ALERT
                )
    filed = ask(quiet, world, "BBB", "screener", "POST", url, BODY)
    assert filed.status_code == 201, filed.text
    again = ask(quiet, world, "BBB", "analyst", "POST", url, BODY)
    error_of(again, 409, "conflict")


def test_reading_a_hit_report(quiet: TestClient, world: World, reference: str) -> None:
    url = hit_report(reference)
    for filed in (False, True):
        if filed:
            made = ask(quiet, world, "BBB", "analyst", "POST", url, BODY)
            assert made.status_code == 201, made.text
        for agency in PARTNERS:
            for role in ROLES:
                case = (filed, agency, role)
                if (agency, role) not in READERS:
                    hidden_probe(
                        quiet, world, agency, role, "GET", ALERTS, reference, REPORT, **ALERT
                    )
                elif not filed:
                    error = error_of(ask(quiet, world, agency, role, "GET", url), 404)
                    assert error["message"] == f"alert {reference} has no hit report", case
                else:
                    shown = ask(quiet, world, agency, role, "GET", url)
                    assert shown.status_code == 200, case
                    body = shown.json()
                    assert (body["alert"], body["agency"], body["place"]) == (
                        reference,
                        "BBB",
                        BODY["place"],
                    ), case
