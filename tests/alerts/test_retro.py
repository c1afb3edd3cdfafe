"""Retro-screening: a listing that becomes active alerts on earlier movements; a listing
that ends closes its open alerts. Detected by the dispatcher polling the listings table,
also when the write commits long after its ``updated_at`` stamp."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from fastapi.testclient import TestClient

from ictd.alerts import AlertConfig, Dispatcher
from ictd.alerts.retro import ListingWatcher
from ictd.model import ListingStatus
from tests.alerts.support import API, PERSON, listed, movement, report
from tests.world import NEUTRALITY, World

OTHER = {
    "schema": "Person",
    "statements": [
        {"prop": "name", "value": "Olga Ivanovna Smirnova"},
        {"prop": "birthDate", "value": "1975"},
    ],
}


def test_activation_alerts_past_movements_and_ending_closes(
    quiet: TestClient, world: World
) -> None:
    now = datetime.now(UTC)
    recent = (now - timedelta(days=2)).isoformat()
    old = (now - timedelta(days=45)).isoformat()
    (seen,) = report(quiet, world, movement("before", time=recent))
    report(quiet, world, movement("long-ago", time=old))
    assert seen["result"] == "no-hit"
    dispatcher = Dispatcher(world.store, AlertConfig(), clock=lambda: now)
    try:
        dispatcher.run_once(now)  # nothing is listed yet
        _, listing_id = listed(quiet, world, "AAA", status="draft")
        assert dispatcher.run_once(now).retro_alerts == 0  # a draft is not in force
        auth = world.auth("AAA", "analyst")
        # shared with all: activated by the operator's compliance review
        submitted = quiet.post(f"{API}/listings/{listing_id}/submit", json={}, headers=auth)
        assert submitted.status_code == 200, submitted.text
        assert dispatcher.run_once(now).retro_alerts == 0  # submitted is not in force either
        review = submitted.json()["review"]["id"]
        answer = quiet.post(
            f"{API}/compliance/reviews/{review}/decision",
            json={"decision": "approved", "neutrality": NEUTRALITY},
            headers=world.auth("OPS", "compliance-reviewer"),
        )
        assert answer.status_code == 200, answer.text
        assert dispatcher.run_once(now).retro_alerts == 1  # the 45-day-old one is out of range
        assert dispatcher.run_once(now).retro_alerts == 0  # once only
        duty = world.auth("AAA", "duty-officer")
        (alert,) = quiet.get(f"{API}/alerts", headers=duty).json()["items"]
        assert alert["origin"] == "retro" and alert["movement_id"] == seen["movement_id"]
        quiet.patch(f"{API}/listings/{listing_id}", json={"status": "withdrawn"}, headers=auth)
        assert dispatcher.run_once(now).closed == 1
        (closed,) = quiet.get(f"{API}/alerts", headers=duty).json()["items"]
        assert closed["status"] == "closed" and closed["close_reason"] == "listing withdrawn"
        # a fresh dispatcher (a restart) re-reads the overlap window and creates nothing new
        again = Dispatcher(world.store, AlertConfig(), clock=lambda: now)
        assert again.run_once(now).retro_alerts == 0
        again.stop()
    finally:
        dispatcher.stop()


def test_a_listing_committed_behind_the_scan_is_found_by_the_next_full_scan(
    quiet: TestClient, world: World
) -> None:
    now = datetime.now(UTC)
    report(quiet, world, movement("seen", time=(now - timedelta(days=1)).isoformat()))
    watcher = ListingWatcher(world.store, AlertConfig(), full_every=3600)
    assert watcher.run(now).alerts == 0  # the first run scans the whole overlap window
    # between full scans, a pass starts near the newest write: a new listing is found at once
    _, first = listed(quiet, world, "AAA")
    assert watcher.run(now).alerts == 1
    # a listing stamped two minutes ago whose transaction commits only now (a long import)
    _, late = listed(quiet, world, "AAA", person=OTHER, status="draft")
    (olga,) = report(quiet, world, movement("olga", traveller={"names": ["Olga Smirnova"]}))
    assert olga["result"] == "no-hit"  # a draft is not in force
    assert watcher.run(now).alerts == 0
    with world.store.begin() as session:
        listing = session.listings.get(late)
        assert listing is not None
        stamp = now - timedelta(minutes=2)
        session.listings.update(listing.copy_with(status=ListingStatus.ACTIVE, updated_at=stamp))
    watcher.full_every = 0.0  # the next full scan is due
    assert watcher.run(now).alerts == 1
    assert watcher.run(now).alerts == 0  # once only
    duty = world.auth("AAA", "duty-officer")
    listings = {a["listing_id"] for a in quiet.get(f"{API}/alerts", headers=duty).json()["items"]}
    assert listings == {first, late}


def test_the_watchers_read_pages_by_stamp_and_id_whatever_the_offset(
    quiet: TestClient, world: World
) -> None:
    """``written_after`` (a statement built once, its time bound through the column's type):
    the same instant written at another UTC offset gives the same page, and a page that
    ends inside a run of equal stamps goes on after its last id."""
    ids = sorted(listed(quiet, world, "AAA", person=p)[1] for p in (PERSON, OTHER))
    stamp = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    with world.store.begin() as session:
        for listing_id in ids:
            listing = session.listings.get(listing_id)
            assert listing is not None
            session.listings.update(listing.copy_with(updated_at=stamp))
    before = stamp - timedelta(seconds=1)
    east = before.astimezone(timezone(timedelta(hours=2)))
    with world.store.read() as session:
        page = session.listings.written_after(before, 0, 10)
        # the world's own listings were written later (now): after these two
        assert [i for i, _ in page[:2]] == ids and all(at == stamp for _, at in page[:2])
        assert session.listings.written_after(east, 0, 10) == page
        (first,) = session.listings.written_after(before, 0, 1)
        assert first[0] == ids[0]
        rest = session.listings.written_after(first[1], first[0], 10)
        assert rest == page[1:]
