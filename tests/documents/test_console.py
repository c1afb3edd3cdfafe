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


def test_a_document_alert_shows_in_the_recorders_console(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    accounts.set_country(world.store, Actor.system("tests"), "AAA", "DE")
    console: Console = signed_in("AAA", "duty-officer")
    made = console.client.post(
        "/api/v1/travel-documents",
        json={
            "document": {"type": "P", "number": "C01X00T47", "issuing_state": "DEU"},
            "status": "stolen",
            "reported_on": "2026-11-01",
        },
        headers=world.auth("AAA", "analyst"),
    )
    assert made.status_code == 201, made.text
    body = {
        "idempotency_key": "web-1",
        "kind": "border-entry",
        "time": "2026-11-28T08:00:00Z",
        "document": {"type": "passport", "number": "C01X00T47", "country": "DE"},
        "traveller": {"names": ["Jean Dupont"]},
    }
    answer = console.client.post(
        "/api/v1/movements", json={"movements": [body]}, headers=world.auth("BBB", "screener")
    )
    reference = answer.json()["results"][0]["document_hit"]["alert"]
    page = console.get(f"/alerts/{reference}")
    assert page.status_code == 200, page.text
    assert "Document" in page.text and "stolen" in page.text and "C01X00T47" in page.text
