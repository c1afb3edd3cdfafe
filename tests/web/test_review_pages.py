"""The review queue of resolution proposals, a subject's exposure paths, the webhooks admin."""

from __future__ import annotations

import re

from ictd.model import Schema
from ictd.resolve import xref
from ictd.security.actor import Actor
from tests.graph.network import NOW, add_subject
from tests.web.conftest import Console
from tests.web.records import make_records
from tests.web.test_alerts import _report
from tests.world import World

SYSTEM = Actor.system("tests")


def _proposal(world: World) -> tuple[int, int]:
    """AAA's record and the UN's record of one man, proposed as a pair."""
    with world.store.begin() as s:
        ours = add_subject(s, Schema.PERSON, "Khalid Mansour Haddad", "AAA", birthDate="1971")
        theirs = add_subject(
            s, Schema.PERSON, "HADDAD, Khalid Mansour", source="un-sc", birthDate="1971"
        )
    xref(world.store, SYSTEM, threshold=0.5, now=NOW)
    return ours, theirs


def test_analyst_judges_a_proposal_and_undoes_it(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    ours, theirs = _proposal(world)
    console: Console = signed_in("AAA", "analyst")
    queue = console.get("/review")
    assert queue.status_code == 200
    assert f'href="/subjects/{ours}"' in queue.text and f'href="/subjects/{theirs}"' in queue.text
    assert "Khalid Mansour Haddad" in queue.text and 'href="/review"' in queue.text
    pair = {"subject_a": ours, "subject_b": theirs, "proposal": "1"}
    no_reason = console.post("/review/judge", {**pair, "decision": "same"})
    assert no_reason.status_code == 422 and "give a reason" in no_reason.text
    unsigned = console.client.post(
        "/review/judge", data={**pair, "decision": "same", "reason": "x"}
    )
    assert unsigned.status_code == 403
    unsure = console.post("/review/judge", {**pair, "decision": "unsure", "reason": "old photo"})
    assert unsure.status_code == 200 and "Judgement #" in unsure.text
    assert "unsure" in unsure.text and "old photo" in unsure.text  # still in the queue
    done = console.post(
        "/review/judge", {**pair, "decision": "not-same", "reason": "different fathers' names"}
    )
    assert done.status_code == 200
    assert f'href="/subjects/{ours}"' not in done.text  # decided: out of the queue
    judgement = re.search(
        r'<div class="flash" role="status" id="judged">\s*<p>Judgement #(\d+)', done.text
    )
    assert judgement
    undone = console.post(f"/review/judgements/{judgement.group(1)}/undo")
    assert undone.status_code == 200 and f'href="/subjects/{ours}"' in undone.text
    assert "different fathers" not in undone.text and "old photo" not in undone.text


def test_review_queue_is_for_analysts(signed_in) -> None:  # type: ignore[no-untyped-def]
    screener: Console = signed_in("AAA", "screener")
    assert screener.get("/review").status_code == 403
    assert 'href="/review"' not in screener.get("/").text
    admin: Console = signed_in("AAA", "agency-admin")
    assert admin.get("/review").status_code == 403


def test_exposure_page_shows_each_path_with_provenance(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    records = make_records(world)
    console: Console = signed_in("AAA", "screener")
    found = console.get(f"/subjects/{records.group}/exposure")
    assert found.status_code == 200
    assert "Northern Front" in found.text and "Abu Bakr al-Baghdadi" in found.text
    assert "leader-of" in found.text and "stated by AAA" in found.text
    assert "terrorist" in found.text and "1 hop" in found.text
    none = console.get(f"/subjects/{records.group}/exposure", params={"depth": 1})
    assert none.status_code == 200
    assert console.get("/subjects/999999/exposure").status_code == 404
    auditor: Console = signed_in("AAA", "auditor")
    assert auditor.get(f"/subjects/{records.group}/exposure").status_code == 403


def test_admin_creates_and_disables_a_webhook_and_sees_deliveries(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    make_records(world)
    admin: Console = signed_in("AAA", "agency-admin")
    assert 'href="/admin/webhooks"' in admin.get("/admin/users").text
    bad = admin.post("/admin/webhooks", {"url": "ftp://example.org/x"})
    assert bad.status_code == 422 and "must be an https:// URL" in bad.text
    made = admin.post(
        "/admin/webhooks", {"url": "https://hooks.aaa.invalid/ictd", "events": ["alert.created"]}
    )
    secret = re.search(r'<p class="token">([^<]+)</p>', made.text)
    assert made.status_code == 200 and secret and secret.group(1).startswith("whsec_")
    listing = admin.get("/admin/webhooks").text
    assert "https://hooks.aaa.invalid/ictd" in listing and secret.group(1) not in listing
    hook = re.search(r'href="/admin/webhooks/(\d+)"', listing)
    assert hook
    reporter: Console = signed_in("BBB", "screener")
    assert 'data-result="hit"' in _report(reporter, "أبو بكر البغدادي")
    admin = signed_in("AAA", "agency-admin")
    deliveries = admin.get(f"/admin/webhooks/{hook.group(1)}")
    assert deliveries.status_code == 200 and "alert.created" in deliveries.text
    off = admin.post(f"/admin/webhooks/{hook.group(1)}", {"action": "disable"})
    assert off.status_code == 200 and "disabled" in off.text
    other: Console = signed_in("BBB", "agency-admin")
    assert other.get(f"/admin/webhooks/{hook.group(1)}").status_code == 404


def test_webhooks_are_for_agency_admins(signed_in) -> None:  # type: ignore[no-untyped-def]
    analyst: Console = signed_in("AAA", "analyst")
    assert analyst.get("/admin/webhooks").status_code == 403
    assert analyst.post("/admin/webhooks", {"url": "https://x.invalid/"}).status_code == 403
    assert 'href="/admin/webhooks"' not in analyst.get("/").text
