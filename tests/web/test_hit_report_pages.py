"""The hit report form of the reporting agency (422 with messages beside the fields, then
the report), and the report on the owner's alert page; hidden from everyone else."""

from __future__ import annotations

import re

from tests.web.conftest import Console
from tests.web.records import make_records
from tests.web.test_alerts import _report
from tests.world import World

FORM = {
    "place": "Frankfurt airport, gate B44",
    "occurred_at": "2026-11-28T08:20",
    "transport": "air",
    "transport_details": "LH401",
    "route": "AMM → FRA",
    "companions": "one adult woman\nno one else",
    "items": "laptop",
    "action_taken": "arrest",
    "outcome": "detained",
    "notes": "Handed to the federal police.",
}


def test_reporter_files_and_owner_sees_the_report(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    make_records(world)
    reporter: Console = signed_in("BBB", "screener")
    answer = _report(reporter, "أبو بكر البغدادي")
    found = re.search(r'href="/alerts/([^/"]+)/hit-report"', answer)
    assert found, answer
    url = f"/alerts/{found.group(1)}/hit-report"
    form = reporter.get(url)
    assert form.status_code == 200 and 'id="hit-report-form"' in form.text
    wrong = reporter.post(url, FORM | {"place": "", "occurred_at": "2099-01-01T00:00"})
    assert wrong.status_code == 422
    assert "is required" in wrong.text
    assert "is in the future" in wrong.text
    assert 'value="LH401"' in wrong.text  # what was typed is kept
    done = reporter.post(url, FORM)
    assert done.status_code == 200 and 'id="hit-report"' in done.text
    assert "one adult woman" in done.text and "hit-report-form" not in done.text
    officer: Console = signed_in("AAA", "duty-officer")
    alert_page = officer.get(f"/alerts/{found.group(1)}")
    assert 'id="hit-report"' in alert_page.text and "LH401" in alert_page.text
    outsider: Console = signed_in("OPS", "analyst")
    assert outsider.get(url).status_code == 404


def test_alert_page_offers_the_form_on_an_own_hit(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    make_records(world)
    analyst: Console = signed_in("AAA", "analyst")
    answer = _report(analyst, "أبو بكر البغدادي")
    found = re.search(r'href="/alerts/([^/"]+)/hit-report"', answer)
    assert found, answer
    alert_page = analyst.get(f"/alerts/{found.group(1)}")
    assert alert_page.status_code == 200
    assert f'href="/alerts/{found.group(1)}/hit-report">File a hit report' in alert_page.text
    officer: Console = signed_in("AAA", "duty-officer")  # reads alerts, reports no movements
    assert "File a hit report" not in officer.get(f"/alerts/{found.group(1)}").text
