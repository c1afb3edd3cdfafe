"""The console's travel-document page on both databases: list, record (422 with the message
beside the field), withdraw."""

from __future__ import annotations

from ictd.registry import accounts
from ictd.security.actor import Actor
from tests.web.conftest import Console
from tests.world import World


def test_record_and_withdraw_in_the_console(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    accounts.set_country(world.store, Actor.system("tests"), "AAA", "DE")
    console: Console = signed_in("AAA", "analyst")
    assert "No reports." in console.get("/documents").text
    form = {
        "type": "P",
        "number": "C01X00T47",
        "issuing_state": "FRA",
        "status": "stolen",
        "reported_on": "2026-11-01",
        "sharing": "own",
    }
    bad = console.post("/documents", form)
    assert bad.status_code == 422
    assert "records documents of DE only" in bad.text and 'value="C01X00T47"' in bad.text
    made = console.post("/documents", {**form, "issuing_state": "DEU"}, follow_redirects=False)
    assert made.status_code == 303
    listed = console.get("/documents").text
    assert "C01X00T47" in listed and "Withdraw" in listed
    with world.store.read() as session:
        (report,) = session.travel_documents.page("AAA", None, 0, 10)
    gone = console.post(f"/documents/{report.id}/withdraw", follow_redirects=False)
    assert gone.status_code == 303
    assert "No reports." in console.get("/documents").text
