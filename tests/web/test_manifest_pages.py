"""The console's Manifests page and the movement form's MRZ reading, on both databases:
upload or paste a message, see each traveller's result (hits highlighted with the requested
action), a bad message is a 422 page naming segment and position, the agency's list."""

from __future__ import annotations

import re

from ictd.documents import record_report
from ictd.registry import accounts
from ictd.security.actor import Actor
from ictd.targeting import create_rule
from tests.alerts.support import listed
from tests.border.conftest import read_fixture
from tests.manifests.conftest import ZAWAHIRI
from tests.web.conftest import Console
from tests.world import World

TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
ROW = re.compile(r'<tr class="([^"]*)" data-result="([^"]+)">')


def test_upload_and_paste_show_each_traveller(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("BBB", "screener")
    page = console.get("/manifests")
    assert page.status_code == 200 and "Submit manifest" in page.text
    assert 'href="/manifests"' in page.text  # in the navigation
    answer = console.post(
        "/manifests",
        files={"file": ("lh400.edi", read_fixture("paxlst_passengers.edi").encode(), "text/plain")},
    )
    assert answer.status_code == 200, answer.text
    rows = ROW.findall(answer.text)
    assert [r[1] for r in rows] == ["no-hit"] * 4
    assert "AL ZAWAHIRI/AYMAN" in answer.text and "LH400" in answer.text
    pasted = console.post("/manifests", data={"message": read_fixture("pnrgov_bookings.edi")})
    assert pasted.status_code == 200 and [r[1] for r in ROW.findall(pasted.text)] == ["no-hit"] * 3
    listing = console.get("/manifests")
    assert listing.text.count('<a href="/manifests/') == 2
    first = re.findall(r'<a href="/manifests/(\d+)">', listing.text)[-1]
    again = console.get(f"/manifests/{first}")
    assert again.status_code == 200 and "AL ZAWAHIRI/AYMAN" in again.text
    other = signed_in("AAA", "screener")
    assert other.get(f"/manifests/{first}").status_code == 404


def test_a_listed_traveller_is_highlighted_with_the_action(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("BBB", "screener")
    listed(console.client, world, "AAA", person=ZAWAHIRI)
    answer = console.post("/manifests", data={"message": read_fixture("paxlst_passengers.edi")})
    assert answer.status_code == 200, answer.text
    rows = ROW.findall(answer.text)
    assert rows[0] == ("row-hit", "hit") and [r[1] for r in rows[1:]] == ["no-hit"] * 3
    assert "<strong>arrest</strong>" in answer.text and 'data-hits="1"' in answer.text


def test_a_bad_message_is_a_422_page_and_nothing_is_stored(signed_in) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("BBB", "screener")
    bad = console.post("/manifests", data={"message": read_fixture("bad/wrong_segment_count.edi")})
    assert bad.status_code == 422
    assert "segment 56 (UNT)" in bad.text and "counts 53 segments" in bad.text
    assert "nothing of it was stored" in bad.text
    empty = console.post("/manifests", data={})
    assert empty.status_code == 422 and "choose a message file" in empty.text
    assert '<a href="/manifests/' not in console.get("/manifests").text
    officer = signed_in("BBB", "duty-officer")
    assert officer.get("/manifests").status_code == 403


def test_the_movement_form_fills_from_an_mrz(signed_in) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("BBB", "screener")
    filled = console.post(
        "/movements", data={"action": "read-mrz", "mrz": TD3, "kind": "border-entry"}
    )
    assert filled.status_code == 200, filled.text
    assert 'name="document_number" value="L898902C3"' in filled.text
    assert "ANNA MARIA ERIKSSON" in filled.text
    assert 'name="birth_date" value="1974-08-12"' in filled.text
    assert 'name="document_type" value="passport"' in filled.text
    bad = console.post("/movements", data={"action": "read-mrz", "mrz": "NOT AN MRZ!"})
    assert bad.status_code == 422 and "field-error" in bad.text


def test_register_and_rule_hits_are_shown_per_traveller(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    accounts.set_country(world.store, Actor.system("tests"), "AAA", "LB")
    record_report(
        world.store,
        world.actor("AAA", "analyst"),
        {
            "document": {"type": "P", "number": "RL7654321", "issuing_state": "LBN"},
            "status": "stolen",
            "reported_on": "2024-03-01",
        },
    )
    create_rule(
        world.store,
        world.actor("BBB", "analyst"),
        {"name": "cash late", "source": 'payment == "cash"', "active": True},
    )
    console: Console = signed_in("BBB", "screener")
    answer = console.post("/manifests", data={"message": read_fixture("pnrgov_bookings.edi")})
    assert answer.status_code == 200, answer.text
    assert answer.text.count('class="document-hit"') == 1
    assert "document stolen · recorded by" in answer.text
    assert answer.text.count('class="rule-hit"') == 1
    assert "rule cash late (version 1)" in answer.text
