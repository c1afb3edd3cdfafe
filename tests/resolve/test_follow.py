"""The server's resolution follower: pairs for subjects the live index sees change, both DBs."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from ictd.api import create_app
from ictd.matching import MatchIndex
from ictd.model import Schema
from ictd.resolve import XrefFollower
from ictd.screening import LiveIndex
from ictd.settings import Settings
from ictd.store import Store
from tests.graph.network import add_subject
from tests.world import World


def _person(store: Store, agency: str, name: str) -> int:
    with store.begin() as session:
        return add_subject(session, Schema.PERSON, name, agency, birthDate="1977", nationality="SY")


def _pairs(store: Store) -> set[tuple[int, int]]:
    with store.read() as session:
        return {(r.subject_a, r.subject_b) for r in session.resolution.proposals_page(0, 1000)}


def _follower(store: Store) -> tuple[LiveIndex, XrefFollower]:
    live = LiveIndex(store)
    follower = XrefFollower(store, lambda: live.index, interval=0, before=live.refresh)
    live.add_listener(follower.changed)
    return live, follower


def test_a_new_subject_in_another_agency_is_proposed_against_the_live_index(world: World) -> None:
    store = world.store
    first = _person(store, "AAA", "Abu Mohammed al-Adnani")
    live, follower = _follower(store)
    live.refresh()  # the first build: nothing was changed since
    assert follower.run_once() is None and follower.pending == 0
    second = _person(store, "BBB", "Abu Muhammad al-Adnani")
    report = follower.run_once()  # refreshes the index, which queues the new subject
    assert report is not None and report.subjects == 1 and report.proposals == 1
    assert _pairs(store) == {(min(first, second), max(first, second))}
    assert follower.run_once() is None  # nothing new: no work
    with store.read() as session:
        events = [e for e in session.audit.events() if e.action == "xref.run"]
    assert events and events[-1].detail.get("trigger") == "follow"


def test_a_failed_pass_is_audited_and_retried(world: World) -> None:
    store = world.store
    first = _person(store, "AAA", "Abu Mohammed al-Adnani")
    live = LiveIndex(store)
    broken = True

    def index() -> MatchIndex:
        if broken:
            raise RuntimeError("index unavailable")
        return live.index

    follower = XrefFollower(store, index, interval=0, before=live.refresh)
    live.add_listener(follower.changed)
    live.refresh()
    second = _person(store, "BBB", "Abu Muhammad al-Adnani")
    assert follower.run_once() is None
    assert follower.pending == 1 and "index unavailable" in (follower.last_error or "")
    with store.read() as session:
        failed = [e for e in session.audit.events() if e.action == "xref.failed"]
    assert failed and failed[-1].detail["subjects"] == 1
    broken = False
    report = follower.run_once()
    assert report is not None and report.proposals == 1 and follower.last_error is None
    assert _pairs(store) == {(min(first, second), max(first, second))}


def test_the_server_runs_the_follower(world: World) -> None:
    store = world.store
    first = _person(store, "AAA", "Abu Mohammed al-Adnani")
    settings = Settings(
        database_url=store.url,
        environment="test",
        dispatcher_enabled=False,
        xref_follow_seconds=0.1,
        jobs_interval_seconds=0,
    )
    app = create_app(settings, store)
    with TestClient(app):
        app.state.server.xref.index()  # the index is built before the next change
        second = _person(store, "BBB", "Abu Muhammad al-Adnani")
        expected = {(min(first, second), max(first, second))}
        deadline = time.monotonic() + 30
        while _pairs(store) != expected and time.monotonic() < deadline:
            time.sleep(0.1)
    assert _pairs(store) == expected
