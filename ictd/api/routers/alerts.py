"""Alerts of the caller's agency: the live stream, the list, one alert, lifecycle, outcome."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic import Field

from ictd.alerts import get_alert, list_alerts, open_stream
from ictd.alerts.lifecycle import OUTCOMES, STATUSES
from ictd.api.deps import CurrentActor, Page, StoreDep
from ictd.api.schemas import Strict, one_of
from ictd.edge import SSE_HEADERS, AlertsDep, Cursor, event_stream

router = APIRouter(tags=["alerts"])
PageDep = Annotated[Page, Depends()]
Reference = Annotated[str, Path(max_length=32, description="The alert's reference.")]
StatusWord = Annotated[str, one_of(STATUSES, max_length=16)]
SSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Server-Sent Events: `id`, `event` and `data` (JSON) per message.",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
}


class NoteIn(Strict):
    note: Annotated[str, Field(min_length=1, max_length=4000)]


class OutcomeIn(Strict):
    outcome: Annotated[str, one_of(OUTCOMES, max_length=20)]
    note: Annotated[str | None, Field(max_length=4000)] = None


@router.get("/alerts/stream", response_class=StreamingResponse, responses=SSE)
async def stream_alerts(
    actor: CurrentActor,
    store: StoreDep,
    alerts: AlertsDep,
    last_event_id: Annotated[str | None, Header(max_length=40)] = None,
    after: Annotated[Cursor | None, Query(description="Resume point if no header.")] = None,
    limit: Annotated[int | None, Query(ge=1, le=100_000, description="Close after N.")] = None,
    wait: Annotated[float | None, Query(gt=0, le=86_400, description="Close after s.")] = None,
) -> StreamingResponse:
    """Server-Sent Events of the agency's alerts, oldest first; resume with ``Last-Event-ID``.

    Each message: ``id`` (the event's sequence number), ``event`` (``alert.created``,
    ``alert.escalated`` …) and ``data`` (JSON). Roles: duty officer, analyst."""
    resume = last_event_id if last_event_id is not None else (str(after) if after else None)
    agency, start = await run_in_threadpool(open_stream, store, actor, resume)
    body = event_stream(store, alerts.notifier, agency, start, limit=limit, wait=wait)
    return StreamingResponse(body, media_type="text/event-stream", headers=SSE_HEADERS)


@router.get("/alerts")
def get_alerts(
    actor: CurrentActor,
    store: StoreDep,
    page: PageDep,
    status: Annotated[StatusWord | None, Query()] = None,
    overdue: bool = False,
) -> dict[str, Any]:
    """The agency's alerts; ``status`` filters, ``overdue=true`` keeps unacknowledged late ones."""
    items, next_cursor = list_alerts(store, actor, status, overdue, page.after, page.limit)
    return {"items": items, "next": next_cursor}


@router.get("/alerts/{reference}")
def get_one_alert(reference: Reference, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """One alert with its movement and its event log (lifecycle notes, outcome)."""
    return get_alert(store, actor, reference)


def _step(step: str) -> Any:
    def handler(
        reference: Reference, body: NoteIn, actor: CurrentActor, alerts: AlertsDep
    ) -> dict[str, Any]:
        return alerts.step_alert(actor, reference, step, body.note)

    handler.__doc__ = f"Lifecycle step '{step}' with a note (duty officers of the owner)."
    handler.__name__ = f"alert_{step.replace('-', '_')}"
    return handler


for _name in ("acknowledge", "action", "false-match", "close"):
    router.post(f"/alerts/{{reference}}/{_name}")(_step(_name))


@router.post("/alerts/{reference}/outcome")
def post_outcome(
    reference: Reference, body: OutcomeIn, actor: CurrentActor, alerts: AlertsDep
) -> dict[str, Any]:
    """The reporting agency's outcome: located, detained, not-found, refused-entry, other."""
    return alerts.report_outcome(actor, reference, body.outcome, body.note)
