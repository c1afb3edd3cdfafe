"""The travel-document register on both databases: only the issuing state (or an agency the
operator delegated it to) records a document; reports are shared like listings; a CSV import
is all or nothing and names the line and field at fault; everything is audited."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from ictd.documents import (
    delegate,
    get_report,
    import_csv,
    list_delegations,
    list_reports,
    record_report,
    revoke_delegation,
    update_report,
    withdraw_report,
)
from ictd.exc import Conflict, Forbidden, InvalidInput, NotFound
from ictd.registry import accounts
from ictd.security.actor import Actor
from tests.world import World

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


def body(number: str = "C01X00T47", state: str = "DEU", **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "document": {"type": "P", "number": number, "issuing_state": state},
        "status": "stolen",
        "reported_on": "2026-11-01",
        "reason": "stolen from a car",
    }
    data.update(changes)
    return data


@pytest.fixture
def countries(world: World) -> World:
    system = Actor.system("tests")
    accounts.set_country(world.store, system, "AAA", "DE")
    accounts.set_country(world.store, system, "BBB", "FR")
    return world


def test_an_agency_records_documents_of_its_own_state_only(countries: World) -> None:
    store, analyst = countries.store, countries.actor("AAA", "analyst")
    report = record_report(store, analyst, body(), NOW)
    assert report.id and report.agency == "AAA"
    assert report.document.issuing_state == "DE"  # DEU folded to alpha-2
    assert report.contact_ref and report.contact_ref.startswith("DREF-")
    with pytest.raises(InvalidInput) as err:
        record_report(store, analyst, body(state="FRA"), NOW)
    assert err.value.errors[0].field == "document.issuing_state"
    with pytest.raises(Forbidden):  # a screener writes no records
        record_report(store, countries.actor("AAA", "screener"), body(), NOW)
    with pytest.raises(InvalidInput) as err:
        record_report(store, countries.actor("OPS", "analyst"), body(), NOW)  # OPS: no country
    assert "no state" in err.value.errors[0].message
    with store.read() as session:
        assert session.travel_documents.count() == 1


def test_the_operator_delegates_another_states_documents(countries: World) -> None:
    store, analyst = countries.store, countries.actor("AAA", "analyst")
    with pytest.raises(Forbidden):
        delegate(store, countries.actor("AAA", "agency-admin"), "AAA", "UNO")
    assert delegate(store, countries.actor("OPS", "agency-admin"), "AAA", "UNO", NOW) == (
        "AAA",
        "UNO",
    )
    with pytest.raises(Conflict):
        delegate(store, Actor.system("tests"), "AAA", "UNO", NOW)
    assert record_report(store, analyst, body(number="UN123", state="UNO"), NOW).id
    assert list_delegations(store, analyst)[0]["issuing_state"] == "UNO"
    revoke_delegation(store, Actor.system("tests"), "AAA", "UNO")
    with pytest.raises(InvalidInput):
        record_report(store, analyst, body(number="UN124", state="UNO"), NOW)
    with store.read() as session:
        actions = [e.action for e in session.audit.events()]
    assert "document.delegate" in actions and "document.delegation-revoke" in actions


def test_reports_are_shared_like_listings(countries: World) -> None:
    store = countries.store
    own = record_report(store, countries.actor("AAA", "analyst"), body("A1"), NOW)
    named = record_report(
        store,
        countries.actor("AAA", "analyst"),
        body("A2", sharing="named", shared_with=["bbb"]),
        NOW,
    )
    everyone = record_report(store, countries.actor("AAA", "analyst"), body("A3", sharing="all"))
    bbb = countries.actor("BBB", "analyst")
    assert named.shared_with == ("BBB",)
    assert get_report(store, bbb, named.id or 0).id == named.id
    assert get_report(store, bbb, everyone.id or 0).id == everyone.id
    with pytest.raises(NotFound):
        get_report(store, bbb, own.id or 0)
    assert [r.id for r in list_reports(store, bbb)] == []  # its own only
    assert [r.id for r in list_reports(store, bbb, shared=True)] == [named.id, everyone.id]
    assert len(list_reports(store, countries.actor("AAA", "screener"))) == 3
    with pytest.raises(InvalidInput) as err:
        record_report(store, countries.actor("AAA", "analyst"), body("A4", sharing="named"))
    assert err.value.errors[0].field == "shared_with"


def test_status_changes_and_withdrawal_by_the_recording_agency_only(countries: World) -> None:
    store, analyst = countries.store, countries.actor("AAA", "analyst")
    report = record_report(store, analyst, body(sharing="all", status="lost"), NOW)
    assert report.id is not None
    with pytest.raises(Forbidden):
        update_report(store, countries.actor("BBB", "analyst"), report.id, "stolen")
    with pytest.raises(InvalidInput):
        update_report(store, analyst, report.id, "misplaced")
    changed = update_report(store, analyst, report.id, "stolen", "found to be stolen", NOW)
    assert changed.status.value == "stolen"
    assert get_report(store, analyst, report.id).reason == "found to be stolen"
    gone = withdraw_report(store, analyst, report.id, date(2026, 11, 20), NOW)
    assert gone.withdrawn == date(2026, 11, 20)
    with pytest.raises(Conflict):
        withdraw_report(store, analyst, report.id)
    assert list_reports(store, analyst) == []
    assert [r.id for r in list_reports(store, analyst, withdrawn=True)] == [report.id]
    with store.read() as session:
        actions = [e.action for e in session.audit.events()]
    for action in ("document.record", "document.update", "document.withdraw", "document.read"):
        assert action in actions


CSV_GOOD = """type,number,issuing_state,status,reported_on,reason,sharing,shared_with
P,C01X00T47,DEU,stolen,2026-11-01,car break-in,all,
I,L01X00T48,DE,lost,2026-10-02,,named,BBB
"""

CSV_BAD = """type,number,issuing_state,status,reported_on
P,C01X00T47,DEU,stolen,2026-11-01
Q,,FRA,gone,01/11/2026
"""


def test_a_csv_import_is_all_or_nothing_and_names_line_and_field(countries: World) -> None:
    store, analyst = countries.store, countries.actor("AAA", "analyst")
    with pytest.raises(InvalidInput) as err:
        import_csv(store, analyst, CSV_BAD, NOW)
    fields = {e.field for e in err.value.errors}
    assert {"line 3.document.type", "line 3.document.number", "line 3.status"} <= fields
    assert "line 3.reported_on" in fields
    with store.read() as session:
        assert session.travel_documents.count() == 0
    wrong_state = CSV_GOOD.replace("I,L01X00T48,DE,", "I,L01X00T48,FR,")
    with pytest.raises(InvalidInput) as err:
        import_csv(store, analyst, wrong_state, NOW)
    assert [e.field for e in err.value.errors] == ["line 3.document.issuing_state"]
    with pytest.raises(InvalidInput) as err:
        import_csv(store, analyst, "number,status\nX,lost\n", NOW)
    assert err.value.errors[0].field == "line 1"
    saved = import_csv(store, analyst, CSV_GOOD, NOW)
    assert [r.document.number for r in saved] == ["C01X00T47", "L01X00T48"]
    assert saved[1].shared_with == ("BBB",)
    with store.read() as session:
        assert session.travel_documents.count() == 2
