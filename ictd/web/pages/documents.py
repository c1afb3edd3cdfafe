"""The travel-document register in the console: the agency's reports, a form to record one,
and withdrawal."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from ictd.documents import list_reports, record_report, withdraw_report
from ictd.edge import Id
from ictd.exc import InvalidInput
from ictd.model import Sharing
from ictd.model.travel_document import DOCUMENT_TYPES, DocumentStatus
from ictd.security.policy import Permission
from ictd.web.deps import Form, StoreDep, User
from ictd.web.forms import field_errors, split, text
from ictd.web.render import add_nav, page, redirect
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)
add_nav("/documents", "Documents", Permission.READ_RECORDS)

FIELDS = (
    "type",
    "number",
    "issuing_state",
    "status",
    "reported_on",
    "reason",
    "sharing",
    "shared_with",
)


def _page(
    request: Request, user: User, store: StoreDep, status: int = 200, **extra: Any
) -> Response:
    reports = list_reports(store, user.actor, 0, 500, shared=True)
    context: dict[str, Any] = {
        "errors": {},
        "values": {**dict.fromkeys(FIELDS, ""), "type": "P", "sharing": "own", "status": "lost"},
    }
    context.update(extra)
    return page(
        request,
        "documents.html",
        status=status,
        reports=reports,
        types=DOCUMENT_TYPES,
        statuses=[s.value for s in DocumentStatus],
        sharings=[s.value for s in Sharing],
        **context,
    )


@router.get("/documents")
def documents_page(request: Request, user: User, store: StoreDep) -> Response:
    return _page(request, user, store)


@router.post("/documents")
def record_document(request: Request, user: User, store: StoreDep, form: Form) -> Response:
    values = {name: text(form, name, 2000) or "" for name in FIELDS}
    data: dict[str, Any] = {
        "document": {
            "type": values["type"],
            "number": values["number"],
            "issuing_state": values["issuing_state"],
        },
        "status": values["status"],
        "reported_on": values["reported_on"],
        "reason": values["reason"] or None,
        "sharing": values["sharing"] or "own",
        "shared_with": split(values["shared_with"]),
    }
    try:
        record_report(store, user.actor, data)
    except InvalidInput as err:
        errors = field_errors(
            err, {f"document.{n}": n for n in ("type", "number", "issuing_state")}
        )
        return _page(request, user, store, 422, errors=errors, values=values)
    return redirect(request, "/documents")


@router.post("/documents/{report_id}/withdraw")
def withdraw_document(request: Request, user: User, store: StoreDep, report_id: Id) -> Response:
    withdraw_report(store, user.actor, report_id)
    return redirect(request, "/documents")
