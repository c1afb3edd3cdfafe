"""The hit report of an alert: the reporting agency's form, and the report as the owner and
the reporting agency read it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.datastructures import FormData

from ictd.alerts import HitReportInput, find_hit_report
from ictd.exc import InvalidInput
from ictd.model.hit_report import ACTIONS_TAKEN, HIT_OUTCOMES, TRANSPORT_MEANS
from ictd.store import Store
from ictd.web.deps import AlertsDep, Form, StoreDep, User
from ictd.web.forms import field_errors, split, text
from ictd.web.render import page, redirect
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)
FIELDS = ("place", "occurred_at", "route", "transport", "transport_details")
CHOICES = ("action_taken", "outcome", "notes", "companions", "items")


def _input(form: FormData) -> HitReportInput:
    moment = text(form, "occurred_at", 40)
    if moment and len(moment) == 16:  # datetime-local gives minutes, no zone: UTC here
        moment += ":00+00:00"
    return HitReportInput(
        place=text(form, "place", 400),
        occurred_at=moment,
        transport=text(form, "transport", 16),
        action_taken=text(form, "action_taken", 32),
        outcome=text(form, "outcome", 20),
        route=text(form, "route", 600),
        transport_details=text(form, "transport_details", 400),
        companions=tuple(split(text(form, "companions"), "\n")),
        items=tuple(split(text(form, "items"), "\n")),
        notes=text(form, "notes", 5000),
    )


def _page(
    request: Request,
    store: Store,
    user: Any,
    reference: str,
    values: dict[str, str],
    errors: dict[str, list[str]],
    status: int = 200,
) -> Response:
    report, may_file = find_hit_report(store, user.actor, reference)
    return page(
        request,
        "hit_report.html",
        status=status,
        reference=reference,
        report=report,
        may_file=may_file,
        values=values,
        errors=errors,
        transports=TRANSPORT_MEANS,
        actions=ACTIONS_TAKEN,
        outcomes=HIT_OUTCOMES,
    )


@router.get("/alerts/{reference}/hit-report")
def hit_report_page(request: Request, user: User, store: StoreDep, reference: str) -> Response:
    blank = dict.fromkeys((*FIELDS, *CHOICES), "")
    return _page(request, store, user, reference, blank, {})


@router.post("/alerts/{reference}/hit-report")
def file_report(
    request: Request, user: User, store: StoreDep, alerts: AlertsDep, form: Form, reference: str
) -> Response:
    try:
        alerts.file_hit_report(user.actor, reference, _input(form))
    except InvalidInput as err:
        values = {name: text(form, name) or "" for name in (*FIELDS, *CHOICES)}
        errors = field_errors(err)
        return _page(request, store, user, reference, values, errors, status=422)
    return redirect(request, f"/alerts/{reference}/hit-report")
