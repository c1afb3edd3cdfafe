"""Bookings in manifests, on both databases: the other travellers on the record locator of
a listed traveller or of a document on the register are flagged to the owner (alert kind
``co-traveller``), and risk rules see the PNR's facts (days booked before departure, form of
payment, travel agency, segments, one-way, co-traveller hits) of the travellers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ictd.alerts import AlertConfig
from ictd.documents import record_report
from ictd.manifests import submit_manifest
from ictd.model.alert import Alert
from ictd.registry import accounts
from ictd.screening import LiveIndex
from ictd.security.actor import Actor
from ictd.targeting import create_rule, preview_rule
from tests.manifests.conftest import list_zawahiri
from tests.world import World

CONFIG = AlertConfig()
BOOKED = datetime(2024, 5, 2, tzinfo=UTC)  # a PNR movement happens when it is booked
ZAWAHIRI_DOCS = "SSR+DOCS:HK:1:LH:::::/P/EGY/A1234567/EGY/19JUN51/M/01JAN29/AL ZAWAHIRI/AYMAN'"
OMAR = (
    "TIF+OMAR:A+KHALID MR:A:2'\n"
    "SSR+DOCS:HK:1:LH:::::/P/JOR/J9876543/JOR/02FEB90/M/01JAN30/OMAR/KHALID'"
)


@pytest.fixture
def shared_booking(pnrgov: str) -> str:
    """The PNRGOV fixture with Khalid Omar on Ayman al-Zawahiri's booking XYZ789."""
    assert ZAWAHIRI_DOCS in pnrgov and "UNT+40+P1" in pnrgov
    return pnrgov.replace(ZAWAHIRI_DOCS, f"{ZAWAHIRI_DOCS}\n{OMAR}").replace(
        "UNT+40+P1", "UNT+42+P1"
    )


def _submit(world: World, live: LiveIndex, text: str) -> dict[str, Any]:
    return submit_manifest(world.store, live, world.actors["BBB:screener"], text, CONFIG).answer


def _alerts(world: World, agency: str, kind: str | None = None) -> list[Alert]:
    with world.store.read() as session:
        found = session.alerts.page(agency, None, None, 0, 100)
    return [a for a in found if kind is None or a.kind == kind]


def _travellers(answer: dict[str, Any]) -> dict[str, dict[str, Any]]:
    (message,) = answer["messages"]
    return {t["display_name"]: t for t in message["travellers"]}


def _stolen_leila(world: World) -> int:
    """AAA (of Lebanon) records Leila Haddad's passport RL7654321 as stolen."""
    accounts.set_country(world.store, Actor.system("tests"), "AAA", "LB")
    saved = record_report(
        world.store,
        world.actor("AAA", "analyst"),
        {
            "document": {"type": "P", "number": "RL7654321", "issuing_state": "LBN"},
            "status": "stolen",
            "reported_on": "2024-03-01",
        },
    )
    assert saved.id is not None
    return saved.id


def test_the_co_traveller_of_a_listed_subject_is_flagged_to_the_owner(
    api: TestClient, world: World, live: LiveIndex, shared_booking: str
) -> None:
    _subject, listing_id = list_zawahiri(api, world)
    answer = _submit(world, live, shared_booking)
    told = _travellers(answer)
    assert told["AYMAN AL ZAWAHIRI"]["result"] == "hit"
    assert told["KHALID OMAR"]["result"] == "no-hit"  # the reporter's answer is unchanged
    (hit,) = _alerts(world, "AAA", "movement")
    (flag,) = _alerts(world, "AAA", "co-traveller")
    assert flag.movement_id == told["KHALID OMAR"]["movement_id"]
    assert flag.listing_id is None and flag.actions == ()
    assert flag.detail["record_locator"] == "XYZ789"
    (why,) = flag.detail["because"]
    assert why["kind"] == "listing" and why["listing_id"] == listing_id
    assert why["alert"] == hit.reference == told["AYMAN AL ZAWAHIRI"]["hits"][0]["alert"]
    assert why["movement_id"] == told["AYMAN AL ZAWAHIRI"]["movement_id"]
    # the Haddads' booking holds no hit; the reporter is not flagged anything
    assert _alerts(world, "BBB") == []
    with world.store.read() as session:
        (event,) = session.audit.query({"action": "movement.report"}, 0, 10)
    assert event.detail["co_traveller_alerts"] == 1
    assert f"alert:{flag.reference}" in event.targets


def test_a_listing_the_reporter_may_not_see_still_flags_its_co_travellers(
    api: TestClient, world: World, live: LiveIndex, shared_booking: str
) -> None:
    list_zawahiri(api, world, sharing="own")
    answer = _submit(world, live, shared_booking)
    told = _travellers(answer)
    assert told["AYMAN AL ZAWAHIRI"]["hits"][0]["details_withheld"] is True
    (flag,) = _alerts(world, "AAA", "co-traveller")
    assert flag.movement_id == told["KHALID OMAR"]["movement_id"]


def test_the_co_traveller_of_a_document_hit_is_flagged_to_the_recorder(
    api: TestClient, world: World, live: LiveIndex, pnrgov: str
) -> None:
    report_id = _stolen_leila(world)
    answer = _submit(world, live, pnrgov)
    told = _travellers(answer)
    assert told["LEILA HADDAD"]["document_hit"]["status"] == "stolen"
    assert told["KARIM HADDAD"]["document_hit"] is None
    (document,) = _alerts(world, "AAA", "document")
    (flag,) = _alerts(world, "AAA", "co-traveller")
    assert flag.movement_id == told["KARIM HADDAD"]["movement_id"]
    assert flag.detail["record_locator"] == "ABC123"
    (why,) = flag.detail["because"]
    assert why["kind"] == "document" and why["report_id"] == report_id
    assert why["alert"] == document.reference
    # the repeated interchange answers the original and raises nothing new
    again = _submit(world, live, pnrgov)
    assert again["replayed"] is True
    assert len(_alerts(world, "AAA")) == 2


def _rule(world: World, name: str, source: str) -> int:
    rule = create_rule(
        world.store, world.actor("BBB", "analyst"), {"name": name, "source": source, "active": True}
    )
    assert rule.id is not None
    return rule.id


def test_rules_see_the_booking_facts_of_pnr_travellers(
    api: TestClient, world: World, live: LiveIndex, shared_booking: str
) -> None:
    list_zawahiri(api, world)
    _stolen_leila(world)
    rules = {
        "late cash": _rule(
            world, "late cash", 'days_booked_before_departure < 3 and payment == "cash"'
        ),
        "agency": _rule(world, "agency", 'agency == "12345678" and segments >= 3'),
        "one way single": _rule(world, "one way single", "one_way and segments == 1"),
        "with listed": _rule(world, "with listed", "co_traveller_listed"),
        "with stolen": _rule(world, "with stolen", "co_traveller_document_hit"),
        "own document": _rule(world, "own document", "document_hit"),
        "party": _rule(world, "party", "travellers >= 2 and not one_way"),
    }
    names = {v: k for k, v in rules.items()}
    answer = _submit(world, live, shared_booking)
    told = _travellers(answer)
    hit = {who: sorted(names[r["rule_id"]] for r in t["rule_hits"]) for who, t in told.items()}
    assert hit == {
        "KARIM HADDAD": ["agency", "with stolen"],
        "LEILA HADDAD": ["agency", "own document"],
        "AYMAN AL ZAWAHIRI": ["late cash", "one way single"],
        "KHALID OMAR": ["late cash", "one way single", "with listed"],
    }
    found = _alerts(world, "BBB", "rule")
    assert len(found) == 9
    late = next(
        a
        for a in found
        if a.detail["rule_id"] == rules["late cash"]
        and a.movement_id == told["AYMAN AL ZAWAHIRI"]["movement_id"]
    )
    matched = {m["field"]: m["value"] for m in late.detail["matched"]}
    assert matched == {"days_booked_before_departure": 2, "payment": "cash"}


def test_the_preview_sees_stored_manifest_travellers_with_their_booking(
    api: TestClient, world: World, live: LiveIndex, shared_booking: str
) -> None:
    list_zawahiri(api, world)
    _stolen_leila(world)
    told = _travellers(_submit(world, live, shared_booking))
    ids = {t["movement_id"]: who for who, t in told.items()}
    analyst = world.actor("BBB", "analyst")

    def preview(source: str) -> list[str]:
        shown = preview_rule(world.store, analyst, source=source, now=BOOKED)
        assert shown["movements"] == 4
        return sorted(ids[x["movement"]["id"]] for x in shown["shown"])

    assert preview('payment == "cash" and days_booked_before_departure < 3') == [
        "AYMAN AL ZAWAHIRI",
        "KHALID OMAR",
    ]
    assert preview('agency == "12345678" and segments == 3') == ["KARIM HADDAD", "LEILA HADDAD"]
    assert preview("co_traveller_listed") == ["KHALID OMAR"]
    assert preview("co_traveller_document_hit") == ["KARIM HADDAD"]
    assert preview("document_hit") == ["LEILA HADDAD"]
    # another agency's preview reads none of them
    other = preview_rule(
        world.store, world.actor("AAA", "analyst"), source="segments >= 1", now=BOOKED
    )
    assert other["movements"] == 0
