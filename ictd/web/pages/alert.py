"""The alerts inbox of the duty officer: live updates (SSE), filters, lifecycle steps."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from ictd.alerts import (
    STEPS,
    find_hit_report,
    get_alert,
    list_alerts,
    open_stream,
)
from ictd.alerts.access import require_alert_reader
from ictd.alerts.lifecycle import STATUSES
from ictd.edge import SSE_HEADERS, event_stream
from ictd.exc import Forbidden, InvalidInput
from ictd.model.alert import AlertEvent
from ictd.registry.labels import subject_labels
from ictd.security.actor import Actor
from ictd.store import Store
from ictd.web.auth import WebUser
from ictd.web.deps import AlertsDep, Form, StoreDep, User
from ictd.web.forms import field_errors, text
from ictd.web.render import add_nav, is_htmx, page, redirect
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)


def reads_alerts(actor: Actor, at_operator: bool = False) -> bool:
    """Whether the inbox opens for ``actor``: the test the alerts service applies (duty
    officers and analysts of an agency)."""
    try:
        require_alert_reader(actor)
    except Forbidden:
        return False
    return True


add_nav("/alerts", "Alerts", reads_alerts)
NEXT_STEPS = {
    status: [s for s, (_, sources) in STEPS.items() if status in sources] for status in STATUSES
}


def _inbox(
    request: Request, user: User, store: Store, status: str, overdue: bool
) -> dict[str, Any]:
    items, _next = list_alerts(store, user.actor, status or None, overdue, 0, 200)
    items.reverse()  # newest first
    ids = sorted({a["subject_id"] for a in items if a["subject_id"] is not None})
    labels = subject_labels(store, user.actor, ids, reason="alerts") if ids else {}
    return {
        "alerts": items,
        "labels": labels,
        "status_filter": status,
        "overdue": overdue,
        "statuses": STATUSES,
        "next_steps": NEXT_STEPS,
    }


@router.get("/alerts")
def inbox(
    request: Request,
    user: User,
    store: StoreDep,
    status: Annotated[str, Query(max_length=16)] = "",
    overdue: bool = False,
) -> Response:
    context = _inbox(request, user, store, status, overdue)
    template = "partials/alert_list.html" if is_htmx(request) else "alerts.html"
    return page(request, template, **context)


@router.get("/alerts/stream")
async def stream(
    user: User,
    store: StoreDep,
    alerts: AlertsDep,
    last_event_id: Annotated[str | None, Header()] = None,
) -> StreamingResponse:
    """Server-Sent Events of the agency's alert events, for the open inbox."""
    agency, after = await run_in_threadpool(open_stream, store, user.actor, last_event_id)
    body = event_stream(store, alerts.notifier, agency, after, format=_message)
    return StreamingResponse(body, media_type="text/event-stream", headers=SSE_HEADERS)


def _message(event: AlertEvent) -> str:
    """One SSE message of type ``alert`` (the API's stream names each event type instead)."""
    data = json.dumps(event.to_dict(), ensure_ascii=False)
    return f"id: {event.seq}\nevent: alert\ndata: {data}\n\n"


@router.get("/alerts/{reference}")
def alert_page(request: Request, user: User, store: StoreDep, reference: str) -> Response:
    alert = get_alert(store, user.actor, reference)
    return page(
        request,
        "alert.html",
        alert=alert,
        label=_label(store, user, alert),
        next_steps=NEXT_STEPS.get(alert["status"], []),
        errors={},
        **_hit_report(store, user, reference),
    )


@router.post("/alerts/{reference}/step")
def take_step(
    request: Request, user: User, store: StoreDep, alerts: AlertsDep, form: Form, reference: str
) -> Response:
    step = text(form, "step") or ""
    try:
        alerts.step_alert(user.actor, reference, step, text(form, "note", 4000))
    except InvalidInput as err:
        alert = get_alert(store, user.actor, reference)
        return page(
            request,
            "alert.html",
            status=422,
            alert=alert,
            label=_label(store, user, alert),
            next_steps=NEXT_STEPS.get(alert["status"], []),
            errors=field_errors(err),
            **_hit_report(store, user, reference),
        )
    return redirect(request, f"/alerts/{reference}")


def _hit_report(store: Store, user: WebUser, reference: str) -> dict[str, Any]:
    """The alert's hit report, and whether the user may file one (an own movement's hit)."""
    report, may_file = find_hit_report(store, user.actor, reference)
    return {"report": report, "may_file": may_file}


def _label(store: Store, user: WebUser, alert: dict[str, Any]) -> Any:
    """The caption of the alert's subject, if it has one the user may read."""
    if alert["subject_id"] is None:
        return None
    labels = subject_labels(store, user.actor, [alert["subject_id"]], reason="alert")
    return labels.get(alert["subject_id"])
