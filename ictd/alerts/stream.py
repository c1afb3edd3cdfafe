"""The live alert stream: events of one agency after a sequence number, and wake-ups.

The stream reads ``alert_events`` (gap-free, commit-ordered ``seq``), so a console that
reconnects with ``Last-Event-ID: N`` gets exactly what it missed. A ``Notifier`` wakes
waiting streams of this process as soon as an alert event is committed here; events
committed by another process (``ictd dispatch``) are found by the stream's periodic poll.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ictd.alerts.access import require_alert_reader
from ictd.exc import InvalidInput
from ictd.security.actor import Actor
from ictd.store import Store
from ictd.store.alert_rows import AlertEventRow

__all__ = ["Notifier", "format_event", "open_stream", "read_events"]

BATCH = 200


class Notifier:
    """Wakes asyncio waiters (one ``asyncio.Event`` each) from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()

    @contextmanager
    def subscribe(self) -> Iterator[asyncio.Event]:
        """An event set on every ``notify()`` while the block runs (call from a coroutine)."""
        item = (asyncio.get_running_loop(), asyncio.Event())
        with self._lock:
            self._waiters.add(item)
        try:
            yield item[1]
        finally:
            with self._lock:
                self._waiters.discard(item)

    def notify(self) -> None:
        with self._lock:
            waiters = list(self._waiters)
        for loop, event in waiters:
            if not loop.is_closed():
                loop.call_soon_threadsafe(event.set)


def open_stream(store: Store, actor: Actor, last_event_id: str | None) -> tuple[str, int]:
    """Check the caller and the resume point; audited once per connection."""
    agency = require_alert_reader(actor)
    after = 0
    if last_event_id:
        if not last_event_id.strip().isdigit():
            raise InvalidInput.field("Last-Event-ID", "must be a number")
        after = int(last_event_id)
    with store.begin() as session:
        session.record(actor, "alert.stream", [], after=after)
    return agency, after


def read_events(store: Store, agency: str, after: int, limit: int = BATCH) -> list[AlertEventRow]:
    with store.read() as session:
        return session.alert_events_after(agency, after, limit)


def format_event(event: AlertEventRow) -> str:
    """One Server-Sent Events message."""
    data = json.dumps(event.to_dict(), ensure_ascii=False)
    return f"id: {event.seq}\nevent: {event.type}\ndata: {data}\n\n"
