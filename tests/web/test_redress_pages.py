"""Redress in the console: the officer registers by form (422 beside the field), reads the
evidence on request and the disclosure view; the agency answers and decides from its
inbox; a partner it was not forwarded to does not see it."""

from __future__ import annotations

import re

from tests.web.conftest import Console
from tests.web.records import make_records
from tests.world import World


def test_officer_registers_and_agency_decides(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    records = make_records(world)
    officer: Console = signed_in("OPS", "redress-officer")
    assert 'href="/redress"' in officer.get("/").text
    form = officer.get("/redress/new")
    assert form.status_code == 200 and 'id="redress-form"' in form.text
    values = {
        "subject_id": str(records.person),
        "kind": "access",
        "summary": "Wants to know what is held.\nSent by post.",
        "requester": "Ibrahim A.",
        "evidence": "Certified passport copy",
    }
    wrong = officer.post("/redress/new", values | {"summary": ""})
    assert wrong.status_code == 422 and "is required" in wrong.text
    assert 'value="Ibrahim A."' in wrong.text
    done = officer.post("/redress/new", values)
    assert done.status_code == 200, done.text
    found = re.search(r"Redress request <code>(RDR-[0-9A-F]+)</code>", done.text)
    assert found, done.text
    ref = found.group(1)
    assert "Certified passport copy" not in done.text  # only on explicit request
    shown = officer.post(f"/redress/{ref}/evidence")
    assert "Certified passport copy" in shown.text
    queue = officer.get("/redress")
    assert f'data-reference="{ref}"' in queue.text
    owners = {r["agency"] for r in _referrals(officer, ref)}
    agency = sorted(owners)[0]
    handler: Console = signed_in(agency, "analyst")
    inbox = handler.get("/redress", params={"status": "open"})
    assert f'data-reference="{ref}"' in inbox.text
    page = handler.get(f"/redress/{ref}")
    assert 'id="answer-form"' in page.text and "Certified passport copy" not in page.text
    assert handler.post(f"/redress/{ref}/evidence").status_code == 403
    bad = handler.post(f"/redress/{ref}/decide", {"decision": "granted", "reasons": ""})
    assert bad.status_code == 422 and "is required" in bad.text
    ok = handler.post(
        f"/redress/{ref}/decide",
        {
            "decision": "partly",
            "reasons": "Some held",
            "disclose": "summary",
            "disclosure_note": "We hold a record.",
        },
    )
    assert ok.status_code == 200 and "decide-form" not in ok.text and "partly" in ok.text
    officer = signed_in("OPS", "redress-officer")
    view = officer.get(f"/redress/{ref}")
    assert "We hold a record." in view.text
    assert owners == {"AAA"}  # the records are AAA's
    assert signed_in("BBB", "analyst").get(f"/redress/{ref}").status_code == 404


def _referrals(console: Console, ref: str) -> list[dict[str, str]]:
    page = console.get(f"/redress/{ref}")
    return [{"agency": a} for a in re.findall(r'data-agency="([A-Z]+)"', page.text)]


def test_redress_link_shows_where_the_page_opens(signed_in) -> None:  # type: ignore[no-untyped-def]
    """Another agency's user holding the officer role alone is not let in, and sees no link."""
    stray: Console = signed_in("AAA", "redress-officer")
    assert 'href="/redress"' not in stray.get("/").text
    assert stray.get("/redress/new").status_code == 403
    analyst: Console = signed_in("AAA", "analyst")  # handles requests forwarded to AAA
    assert 'href="/redress"' in analyst.get("/").text
