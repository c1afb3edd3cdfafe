"""Alerts of the caller's agency: the live stream, the list, one alert, lifecycle, outcome."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic import Field

from ictd.alerts import (
    Notifier,
    format_event,
    get_alert,
    list_alerts,
    open_stream,
    read_events,
    report_outcome,
    step_alert,
)
from ictd.api.deps import CurrentActor, Page, StoreDep
from ictd.api.routers.movements import RuntimeDep
from ictd.api.schemas import Strict
from ictd.store import Store

router = APIRouter(tags=["alerts"])
PageDep = Annotated[Page, Depends()]
# Streams are woken at once by the notifier (commits in this process, and commits of other
# processes through its follower); this look at the store when nothing woke the stream is
# only a safety net.
POLL = 1.0
KEEP_ALIVE = 15.0


class NoteIn(Strict):
    note: Annotated[str, Field(min_length=1, max_length=4000)]


class OutcomeIn(Strict):
    outcome: Annotated[str, Field(max_length=20)]
    note: Annotated[str | None, Field(max_length=4000)] = None


@router.get("/alerts/stream")
async def stream_alerts(
    request: Request,
    actor: CurrentActor,
    store: StoreDep,
    runtime: RuntimeDep,
    last_event_id: Annotated[str | None, Header()] = None,
    after: Annotated[int | None, Query(ge=0, description="Resume point if no header.")] = None,
    limit: Annotated[int | None, Query(ge=1, le=100_000, description="Close after N.")] = None,
    wait: Annotated[float | None, Query(gt=0, le=86_400, description="Close after s.")] = None,
) -> StreamingResponse:
    """Server-Sent Events of the agency's alerts, oldest first; resume with ``Last-Event-ID``.

    Each message: ``id`` (the event's sequence number), ``event`` (``alert.created``,
    ``alert.escalated`` …) and ``data`` (JSON). Roles: duty officer, analyst."""
    resume = last_event_id if last_event_id is not None else (str(after) if after else None)
    agency, start = await run_in_threadpool(open_stream, store, actor, resume)
    body = _events(store, runtime.notifier, agency, start, limit, wait)
    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(body, media_type="text/event-stream", headers=headers)


async def _events(
    store: Store,
    notifier: Notifier,
    agency: str,
    after: int,
    limit: int | None,
    wait: float | None,
) -> AsyncIterator[str]:
    sent, ends = 0, (time.monotonic() + wait) if wait else None
    quiet_since = time.monotonic()
    yield ": connected\n\n"
    with notifier.subscribe() as woken:
        while True:  # StreamingResponse cancels this when the client goes away
            woken.clear()
            for event in await run_in_threadpool(read_events, store, agency, after):
                yield format_event(event)
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


@router.get("/alerts")
def get_alerts(
    actor: CurrentActor,
    store: StoreDep,
    page: PageDep,
    status: Annotated[str | None, Query(max_length=16)] = None,
    overdue: bool = False,
) -> dict[str, Any]:
    """The agency's alerts; ``status`` filters, ``overdue=true`` keeps unacknowledged late ones."""
    items, next_cursor = list_alerts(store, actor, status, overdue, page.after, page.limit)
    return {"items": items, "next": next_cursor}


@router.get("/alerts/{reference}")
def get_one_alert(reference: str, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """One alert with its movement and its event log (lifecycle notes, outcome)."""
    return get_alert(store, actor, reference)


def _step(step: str) -> Any:
    def handler(
        reference: str, body: NoteIn, actor: CurrentActor, store: StoreDep, runtime: RuntimeDep
    ) -> dict[str, Any]:
        answer = step_alert(store, actor, reference, step, body.note, runtime.config)
        runtime.committed(1)
        return answer

    handler.__doc__ = f"Lifecycle step '{step}' with a note (duty officers of the owner)."
    handler.__name__ = f"alert_{step.replace('-', '_')}"
    return handler


for _name in ("acknowledge", "action", "false-match", "close"):
    router.post(f"/alerts/{{reference}}/{_name}")(_step(_name))


@router.post("/alerts/{reference}/outcome")
def post_outcome(
    reference: str, body: OutcomeIn, actor: CurrentActor, store: StoreDep, runtime: RuntimeDep
) -> dict[str, Any]:
    """The reporting agency's outcome: located, detained, not-found, refused-entry, other."""
    answer = report_outcome(store, actor, reference, body.outcome, body.note, runtime.config)
    runtime.committed(1)
    return answer
