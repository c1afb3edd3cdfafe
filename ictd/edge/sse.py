"""The live alert stream over HTTP (Server-Sent Events), shared by the API and the console.

``event_stream`` yields SSE text for one agency's alert events after ``after``: woken at
once by the notifier (commits in this process, and in others through its follower), with a
look at the store every ``POLL`` seconds as a safety net and a comment line every
``KEEP_ALIVE`` seconds so that proxies keep the connection open. The two edges differ only
in how an event is written (``format``) and when the stream ends (``limit``, ``wait``).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable

from fastapi.concurrency import run_in_threadpool

from ictd.alerts import Notifier, format_event, read_events
from ictd.model.alert import AlertEvent
from ictd.store import Store

__all__ = ["KEEP_ALIVE", "POLL", "SSE_HEADERS", "event_stream"]

POLL = 1.0
KEEP_ALIVE = 15.0
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


async def event_stream(
    store: Store,
    notifier: Notifier,
    agency: str,
    after: int,
    format: Callable[[AlertEvent], str] = format_event,
    limit: int | None = None,
    wait: float | None = None,
) -> AsyncIterator[str]:
    """SSE messages until the client goes away (the response cancels this generator),
    ``limit`` events were sent, or ``wait`` seconds have passed."""
    sent, ends = 0, (time.monotonic() + wait) if wait else None
    quiet_since = time.monotonic()
    yield ": connected\n\n"
    with notifier.subscribe() as woken:
        while True:
            woken.clear()
            for event in await run_in_threadpool(read_events, store, agency, after):
                yield format(event)
                after, sent, quiet_since = event.seq, sent + 1, time.monotonic()
                if limit is not None and sent >= limit:
                    return
            now = time.monotonic()
            if ends is not None and now >= ends:
                return
            if now - quiet_since >= KEEP_ALIVE:
                yield ": keep-alive\n\n"
                quiet_since = now
            timeout = POLL if ends is None else max(0.0, min(POLL, ends - now))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(woken.wait(), timeout)
