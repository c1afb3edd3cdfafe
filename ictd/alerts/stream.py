"""The live alert stream: events of one agency after a sequence number, and wake-ups.

The stream reads ``alert_events`` (gap-free, commit-ordered ``seq``), so a console that
reconnects with ``Last-Event-ID: N`` gets exactly what it missed: every wake-up only says
"look again", and the stream always reads what follows the last event it sent.

A ``Notifier`` wakes the waiting streams of this process:

- at once when an alert event is committed in this process (``notify``, called after the
  commit);
- for events committed by another process (``ictd dispatch``, another server), by one
  follower thread per process, running while any stream is open: on PostgreSQL it LISTENs
  for the ``NOTIFY`` that every such commit sends; on SQLite it reads the event head row
  every ``FOLLOW_POLL`` seconds. Either way it wakes the streams when the head moved.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ictd.alerts.access import require_alert_reader
from ictd.exc import InvalidInput
from ictd.loop import Loop, Next
from ictd.model.alert import AlertEvent
from ictd.model.text import MAX_ID, is_cursor
from ictd.security.actor import Actor
from ictd.store import EventListener, Store

__all__ = ["FOLLOW_POLL", "Notifier", "format_event", "open_stream", "read_events"]

log = logging.getLogger("ictd.alerts")
BATCH = 200
FOLLOW_POLL = 0.1  # seconds between two reads of the event head (SQLite)
LISTEN_POLL = 2.0  # the same on PostgreSQL, where NOTIFY wakes the follower before that
RETRY = 1.0  # seconds before the follower tries again after a database error


class Notifier:
    """Wakes asyncio waiters (one ``asyncio.Event`` each) from any thread; with a store,
    also when another process commits alert events (see the module's doc)."""

    def __init__(self, store: Store | None = None, poll: float = FOLLOW_POLL) -> None:
        self.store = store
        self.poll = poll
        self._lock = threading.Lock()
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()
        self._follower = Loop("alert-stream-follower", self._follow, poll)
        self._listener: EventListener | None = None
        self._seen: int | None = None
        self._stopped = False

    @contextmanager
    def subscribe(self) -> Iterator[asyncio.Event]:
        """An event set on every wake-up while the block runs (call from a coroutine)."""
        item = (asyncio.get_running_loop(), asyncio.Event())
        with self._lock:
            self._waiters.add(item)
            follow = self.store is not None and not self._stopped
        if follow:
            self._follower.start()
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

    def start(self) -> None:
        """Let a follower run again after ``stop`` (a server started anew)."""
        with self._lock:
            self._stopped = False

    def stop(self, timeout: float = 5.0) -> None:
        """End the follower and start none until ``start`` (the server is shutting down)."""
        with self._lock:
            self._stopped = True
        self._follower.stop(timeout)

    def _idle(self) -> bool:
        with self._lock:
            return not self._waiters or self._stopped

    def _follow(self) -> Next:
        """One look at the event head; the follower ends when the last stream has closed."""
        assert self.store is not None
        if self._follower.end_if(self._idle):
            self._close_listener()
            self._seen = None
            return Next.END
        try:
            if self._listener is None and self.store.dialect == "postgresql":
                self._listener = EventListener.open(self.store.engine)
            with self.store.read() as session:
                head = session.alerts.event_head()
            if self._seen is not None and head != self._seen:
                self.notify()
            self._seen = head
            if self._listener is None:
                return Next.WAIT
            self._listener.wait(LISTEN_POLL)
            return Next.AGAIN
        except Exception:  # the thread's outermost edge: log, wait, go on
            log.exception("alert stream follower failed")
            self._close_listener()
            self._follower.stopping.wait(RETRY)
            return Next.AGAIN

    def _close_listener(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None


def open_stream(store: Store, actor: Actor, last_event_id: str | None) -> tuple[str, int]:
    """Check the caller and the resume point; audited once per connection."""
    agency = require_alert_reader(actor)
    after = 0
    if last_event_id:
        text = last_event_id.strip()
        if not (text.isascii() and text.isdigit() and len(text) <= 19 and is_cursor(int(text))):
            raise InvalidInput.field("Last-Event-ID", f"must be a number from 0 to {MAX_ID}")
        after = int(text)
    with store.begin() as session:
        session.audit.record(actor, "alert.stream", [], after=after)
    return agency, after


def read_events(store: Store, agency: str, after: int, limit: int = BATCH) -> list[AlertEvent]:
    with store.read() as session:
        return session.alerts.events_after(agency, after, limit)


def format_event(event: AlertEvent) -> str:
    """One Server-Sent Events message."""
    data = json.dumps(event.to_dict(), ensure_ascii=False)
    return f"id: {event.seq}\nevent: {event.type}\ndata: {data}\n\n"
