"""Waking the live streams, on both databases: alert events committed by another process
(here: another app on the same store) wake this process's streams without any in-process
signal (PostgreSQL LISTEN/NOTIFY, or a poll of the event head on SQLite); and a stream
that follows concurrent reports receives every event of its agency exactly once, in order."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import httpx
from fastapi.testclient import TestClient

from ictd.alerts import AlertRuntime, Notifier, read_events
from ictd.screening import LiveIndex, QueryInput
from ictd.store import EventListener
from tests.alerts.support import (
    API,
    listed,
    live_server,
    movement,
    report,
    settings_for,
    sse_events,
)
from tests.world import World


def test_events_committed_elsewhere_wake_a_subscriber(quiet: TestClient, world: World) -> None:
    listed(quiet, world, "AAA")
    notifier = Notifier(world.store, poll=0.05)  # nothing calls notify(): only the follower

    async def scenario() -> tuple[bool, bool]:
        with notifier.subscribe() as woken:
            await asyncio.sleep(1.0)  # the follower has read the head by now
            woken.clear()
            quiet_before = woken.is_set()
            # ``quiet`` is another app with its own notifier: for us, another process
            await asyncio.to_thread(report, quiet, world, movement("elsewhere"))
            try:
                await asyncio.wait_for(woken.wait(), 10)
            except TimeoutError:
                return quiet_before, False
            return quiet_before, True

    try:
        before, woken = asyncio.run(scenario())
    finally:
        notifier.stop()
    assert before is False
    assert woken is True


def test_the_follower_stops_with_the_last_subscriber(world: World) -> None:
    notifier = Notifier(world.store, poll=0.05)

    async def scenario() -> bool:
        with notifier.subscribe():
            await asyncio.sleep(0.2)
            return notifier._follower.is_running

    assert asyncio.run(scenario()) is True
    for _ in range(100):  # the follower sees the last subscriber gone within one poll
        if not notifier._follower.is_running:
            break
        time.sleep(0.05)
    assert not notifier._follower.is_running
    notifier.stop()


def test_a_listener_hears_commits_on_postgresql(quiet: TestClient, world: World) -> None:
    listener = EventListener.open(world.store.engine)
    if world.store.dialect != "postgresql":
        assert listener is None  # SQLite has no such signal: the follower polls instead
        return
    assert listener is not None
    try:
        assert listener.wait(0.1) is False
        # owner-only: a shared one is published through review, whose notices are events
        listed(quiet, world, "AAA", sharing="own")
        assert listener.wait(0.1) is False  # a listing is no alert event
        report(quiet, world, movement("heard"))
        assert listener.wait(10) is True
    finally:
        listener.close()


def test_a_stream_gets_every_event_once_in_order_under_concurrent_reports(
    world: World,
) -> None:
    with (
        live_server(world.store, dispatcher_enabled=False) as base,
        httpx.Client(base_url=base, timeout=60) as http,
    ):
        listed(http, world, "AAA")  # type: ignore[arg-type]
        with world.store.read() as session:
            head = session.alerts.event_head()
        rounds, per_call = 5, 4
        expected = 2 * rounds * per_call  # two reporting agencies, every report a hit
        duty = {**world.auth("AAA", "duty-officer"), "Last-Event-ID": str(head)}
        received: list[str] = []
        ready = threading.Event()

        def listen() -> None:
            params: dict[str, Any] = {"limit": expected, "wait": 60}
            with http.stream("GET", f"{API}/alerts/stream", params=params, headers=duty) as s:
                chunks = []
                for text in s.iter_text():
                    ready.set()
                    chunks.append(text)
                received.append("".join(chunks))

        def reporter(agency: str) -> None:
            with httpx.Client(base_url=base, timeout=60) as client:
                for i in range(rounds):
                    bodies = [movement(f"{agency}-{i}-{j}") for j in range(per_call)]
                    report(client, world, *bodies, agency=agency)

        thread = threading.Thread(target=listen)
        thread.start()
        assert ready.wait(20)
        workers = [threading.Thread(target=reporter, args=(a,)) for a in ("BBB", "OPS")]
        started = time.monotonic()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
        thread.join(60)
        assert time.monotonic() - started < 50  # the stream ended on its limit, not its wait
        (text,) = received
        streamed = [int(e["id"]) for e in sse_events(text)]
        stored = [e.seq for e in read_events(world.store, "AAA", head, limit=1000)]
        assert len(stored) == expected
        assert streamed == stored  # exactly the agency's events: ordered, no gap, no repeat


def test_a_withheld_hit_wakes_this_processs_streams_at_once(
    quiet: TestClient, world: World
) -> None:
    """Screening writes the owner's notice; the runtime wakes the streams itself (a notifier
    without a store has no follower: only that in-process wake-up can set the event)."""
    listed(quiet, world, "AAA", sharing="own")
    runtime = AlertRuntime(world.store, settings_for(world.store), LiveIndex(world.store))
    runtime.notifier = Notifier()
    query = QueryInput(id="q", names=["Hamza bin Laden"], birth_date="1989")

    async def scenario() -> tuple[bool, bool]:
        with runtime.notifier.subscribe() as woken:
            (own,) = await asyncio.to_thread(
                runtime.screen, world.actor("AAA", "screener"), [query]
            )
            await asyncio.sleep(0)
            after_own = woken.is_set()  # a hit the caller may read tells nobody
            (theirs,) = await asyncio.to_thread(
                runtime.screen, world.actor("BBB", "screener"), [query]
            )
            assert theirs.matches[0].visible is False and own.matches[0].visible
            try:
                await asyncio.wait_for(woken.wait(), 10)
            except TimeoutError:
                return after_own, False
            return after_own, True

    assert asyncio.run(scenario()) == (False, True)
    (event,) = read_events(world.store, "AAA", 0)
    assert event.type == "screening.hit-withheld"
