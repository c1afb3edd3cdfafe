"""Movements reported by form, and the owner's alerts inbox with lifecycle steps."""

from __future__ import annotations

import re

from tests.web.conftest import Console, email_of
from tests.web.records import make_records
from tests.world import World


def _report(console: Console, names: str) -> str:
    form = console.get("/movements")
    assert form.status_code == 200
    key = re.search(r'name="idempotency_key" value="([^"]+)"', form.text)
    assert key
    page = console.post(
        "/movements",
        {
            "idempotency_key": key.group(1),
            "kind": "border-entry",
            "time": "2026-11-28T08:15",
            "names": names,
            "country": "DE",
            "point_of_entry": "FRA",
        },
    )
    assert page.status_code == 200, page.text
    return page.text


def test_movement_hit_reaches_the_owners_inbox(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    records = make_records(world)
    reporter: Console = signed_in("BBB", "screener")
    assert 'data-result="no-hit"' in _report(reporter, "Completely Unknown Traveller")
    answer = _report(reporter, "أبو بكر البغدادي")
    assert 'data-result="hit"' in answer and "arrest" in answer
    reference = re.search(r"alert <code>([^<]+)</code>", answer)
    assert reference
    officer: Console = signed_in("AAA", "duty-officer")
    inbox = officer.get("/alerts")
    assert f'data-reference="{reference.group(1)}"' in inbox.text
    assert 'data-stream="/alerts/stream"' in inbox.text
    assert "Abu Bakr al-Baghdadi" in inbox.text
    page = officer.get(f"/alerts/{reference.group(1)}")
    assert "acknowledge" in page.text and "FRA" in page.text
    no_note = officer.post(f"/alerts/{reference.group(1)}/step", {"step": "acknowledge"})
    assert no_note.status_code == 422 and "give a note" in no_note.text
    done = officer.post(
        f"/alerts/{reference.group(1)}/step", {"step": "acknowledge", "note": "team informed"}
    )
    assert done.status_code == 200 and "alert.acknowledged" in done.text
    filtered = officer.get("/alerts", params={"status": "new"})
    assert reference.group(1) not in filtered.text
    assert records.person


def test_movement_form_shows_messages_by_field(signed_in) -> None:  # type: ignore[no-untyped-def]
    reporter: Console = signed_in("BBB", "screener")
    page = reporter.post(
        "/movements",
        {
            "idempotency_key": "k1",
            "kind": "teleport",
            "time": "2026-11-28T08:15",
            "names": "",
            "country": "ZZ",
        },
    )
    assert page.status_code == 422
    for message in ("must be one of", "give at least one name", "is not a country code"):
        assert message in page.text


def test_screeners_have_no_alerts_inbox(signed_in) -> None:  # type: ignore[no-untyped-def]
    screener: Console = signed_in("AAA", "screener")
    assert screener.get("/alerts").status_code == 403
    auditor: Console = signed_in("AAA", "auditor")
    assert auditor.get("/movements").status_code == 403


_NAV = re.compile(r'<nav aria-label="Main">(.*?)</nav>', re.DOTALL)


def test_the_alerts_link_shows_to_every_role_whose_inbox_opens(signed_in) -> None:  # type: ignore[no-untyped-def]
    linked = {}
    for role in ("analyst", "screener", "duty-officer", "agency-admin", "auditor", "platform"):
        console: Console = signed_in("AAA", role)
        nav = _NAV.search(console.get("/").text)
        assert nav, email_of("AAA", role)
        linked[role] = 'href="/alerts"' in nav.group(1)
        assert linked[role] == (console.get("/alerts").status_code == 200), role
    assert {role for role, shown in linked.items() if shown} == {"analyst", "duty-officer"}
