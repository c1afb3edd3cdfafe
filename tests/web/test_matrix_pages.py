"""The console pages of the newer areas obey the access-control matrix as the API does, on both
databases: another agency's hidden record (media signal, manifest, travel-document report,
risk rule, listing flags, hit report, redress request) answers exactly as a missing one, with
the refusal audited for its owner; a shared media signal does not tell a partner which registry
record it is attributed to."""

from __future__ import annotations

import re
from collections.abc import Callable

from ictd.documents import record_report
from ictd.registry import accounts
from ictd.security.actor import Actor
from ictd.signals import SignalInput, submit_signals
from ictd.targeting import create_rule
from tests.api.test_errors import audit_events, audit_seq
from tests.border.conftest import read_fixture
from tests.signals.support import listed_organisation
from tests.web.conftest import Console
from tests.web.records import make_records
from tests.web.test_alerts import _report
from tests.world import World

MISSING = 999_999


def same_as_missing(
    console: Console,
    world: World,
    method: str,
    url: str,
    missing_url: str,
    hidden: str,
    missing: str,
    owner: str,
    data: dict[str, object] | None = None,
) -> None:
    """The hidden record's page is the missing one's with the id swapped; only the hidden one
    leaves a refusal in the audit trail, naming ``owner``."""
    before = audit_seq(world.store)
    gone = console.get(missing_url) if method == "GET" else console.post(missing_url, data)
    middle = audit_seq(world.store)
    seen = console.get(url) if method == "GET" else console.post(url, data)
    assert gone.status_code == seen.status_code == 404, (gone.status_code, seen.status_code)
    strip = re.compile(r'name="csrf_token" value="[^"]+"')

    def text(page: str, record: str) -> str:
        # the record's id where the page names it (after a space, a slash or #)
        return strip.sub("", re.sub(rf"(?<=[ /#]){re.escape(record)}(?!\d)", "X", page))

    assert text(seen.text, hidden) == text(gone.text, missing)
    assert not [
        e for e in audit_events(world.store, before) if e.seq <= middle and "refused" in e.action
    ]
    refused = [e for e in audit_events(world.store, middle) if "refused" in e.action]
    assert len(refused) == 1 and refused[0].detail["owners"] == [owner], refused


def test_hidden_records_answer_as_missing_ones(
    signed_in: Callable[[str, str], Console], world: World
) -> None:
    system = Actor.system("tests")
    analyst = world.actor("AAA", "analyst")
    accounts.set_country(world.store, system, "AAA", "DE")
    (signal,) = submit_signals(world.store, analyst, [SignalInput("md5", "a" * 32, sharing="own")])
    report = record_report(
        world.store,
        analyst,
        {
            "document": {"type": "P", "number": "C01X00T47", "issuing_state": "DEU"},
            "status": "lost",
            "reported_on": "2026-11-01",
        },
    )
    rule = create_rule(world.store, analyst, {"name": "r", "source": 'nationality == "SA"'})
    aaa = signed_in("AAA", "screener")
    posted = aaa.post(
        "/manifests",
        files={"file": ("m.edi", read_fixture("paxlst_passengers.edi").encode(), "text/plain")},
    )
    assert posted.status_code == 200, posted.text
    manifest = int(re.search(r'href="/manifests/(\d+)"', aaa.get("/manifests").text).group(1))  # type: ignore[union-attr]

    bbb = signed_in("BBB", "analyst")
    cases = [
        ("GET", "/media/signals/{}", signal["id"], None),
        ("GET", "/manifests/{}", manifest, None),
        ("POST", "/documents/{}/withdraw", report.id, None),
        ("POST", "/rules/{}", rule.id, {"action": "activate"}),
    ]
    for method, pattern, record, data in cases:
        same_as_missing(
            bbb,
            world,
            method,
            pattern.format(record),
            pattern.format(MISSING),
            str(record),
            str(MISSING),
            "AAA",
            data,
        )


def test_a_shared_signal_page_withholds_its_organisation(
    signed_in: Callable[[str, str], Console], world: World
) -> None:
    org = listed_organisation(world.store, world, "AAA", sharing="own", name="Hidden Front")
    analyst = world.actor("AAA", "analyst")
    (signal,) = submit_signals(
        world.store, analyst, [SignalInput("md5", "b" * 32, subject_id=org, sharing="all")]
    )
    url = f"/media/signals/{signal['id']}"
    owner = signed_in("AAA", "analyst").get(url)
    assert owner.status_code == 200 and f"listed organisation #{org}" in owner.text
    for agency, role in (("BBB", "analyst"), ("AAA", "platform"), ("BBB", "platform")):
        page = signed_in(agency, role).get(url)
        assert page.status_code == 200, (agency, role)
        assert "a listed organisation (details withheld)" in page.text, (agency, role)
        assert f"/media/organisations/{org}" not in page.text
        assert f"organisation #{org}" not in page.text


def test_hidden_alerts_requests_and_listings_answer_as_missing_ones(
    signed_in: Callable[[str, str], Console], world: World
) -> None:
    records = make_records(world, sharing="own")
    reporter = signed_in("AAA", "screener")
    found = re.search(r'href="/alerts/([^/"]+)/hit-report"', _report(reporter, "أبو بكر البغدادي"))
    assert found
    alert = found.group(1)
    officer = signed_in("OPS", "redress-officer")
    values = {
        "subject_id": str(records.person),
        "kind": "access",
        "summary": "Wants to know what is held.",
        "requester": "Ibrahim A.",
        "evidence": "Certified passport copy",
    }
    done = officer.post("/redress/new", values)
    request = re.search(r"Redress request <code>(RDR-[0-9A-F]+)</code>", done.text)
    assert request, done.text
    outsider = signed_in("BBB", "analyst")
    cases = [
        (f"/alerts/{alert}/hit-report", "/alerts/ALR-000000000000/hit-report", alert, "AAA"),
        (f"/redress/{request.group(1)}", "/redress/RDR-000000000000", request.group(1), "OPS"),
        (
            f"/listings/{records.listing}/flags",
            f"/listings/{MISSING}/flags",
            str(records.listing),
            "AAA",
        ),
    ]
    for url, missing_url, hidden, owner in cases:
        missing = missing_url.split("/")[2]
        same_as_missing(outsider, world, "GET", url, missing_url, hidden, missing, owner)
