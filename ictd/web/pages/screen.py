"""Screening: the query form, ranked matches with explanations, dispositions."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.datastructures import FormData

from ictd.exc import InvalidInput
from ictd.model import Schema
from ictd.registry.labels import subject_labels
from ictd.screening import QueryInput, QueryResult
from ictd.screening.disposition import DECISIONS, record_disposition
from ictd.security.policy import Permission, require
from ictd.web.deps import AlertsDep, Form, StoreDep, User
from ictd.web.forms import field_errors, number, split, text
from ictd.web.render import is_htmx, page
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)

EMPTY = {
    "names": "",
    "schema": "",
    "birth_date": "",
    "nationalities": "",
    "gender": "",
    "identifiers": "",
}


def query_from_form(form: FormData) -> QueryInput:
    """Names one per line; nationalities comma-separated; identifiers ``VALUE@CC`` per line."""
    identifiers = []
    for item in split(text(form, "identifiers"), "\n;"):
        value, _, country = item.partition("@")
        identifiers.append({"value": value.strip(), "country": country.strip().upper() or None})
    return QueryInput(
        id="web",
        names=split(text(form, "names"), "\n"),
        schema=text(form, "schema"),
        birth_date=text(form, "birth_date"),
        nationalities=[n.upper() for n in split(text(form, "nationalities"))],
        gender=text(form, "gender"),
        identifiers=identifiers,
    )


def _context(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "values": EMPTY,
        "errors": {},
        "result": None,
        "labels": {},
        "query_json": "",
        "schemas": [s.value for s in Schema],
        "decisions": DECISIONS,
    }
    base.update(extra)
    return base


@router.get("/screen")
def screen_form(request: Request, user: User) -> Response:
    require(user.actor, Permission.SCREEN)
    return page(request, "screen.html", **_context())


@router.post("/screen")
def screen_query(
    request: Request, user: User, store: StoreDep, alerts: AlertsDep, form: Form
) -> Response:
    values: dict[str, Any] = {name: text(form, name) or "" for name in EMPTY}
    query = query_from_form(form)
    template = "partials/results.html" if is_htmx(request) else "screen.html"
    try:
        (result,) = alerts.screen(user.actor, [query], limit=10)
    except InvalidInput as err:
        errors = field_errors(err, {"queries.0": "query"})
        flat = {k.removeprefix("query."): v for k, v in errors.items()}
        status = 422
        return page(request, template, status=status, **_context(values=values, errors=flat))
    labels = _labels(store, user, result)
    return page(
        request,
        template,
        **_context(
            values=values, result=result, labels=labels, query_json=json.dumps(asdict(query))
        ),
    )


def _labels(store: StoreDep, user: User, result: QueryResult) -> dict[int, Any]:
    visible = [m.subject_id for m in result.matches if m.subject_id is not None]
    return subject_labels(store, user.actor, visible, reason="screening") if visible else {}


@router.post("/screen/disposition")
def disposition(request: Request, user: User, store: StoreDep, form: Form) -> Response:
    try:
        data = json.loads(text(form, "query", 20_000) or "{}")
        query = QueryInput(**data)
        subject_id = number(form, "subject_id") or 0
    except (ValueError, TypeError, InvalidInput):
        raise InvalidInput.field("query", "the screening query was not sent back intact") from None
    decision, reason = text(form, "decision") or "", text(form, "reason", 2000) or ""
    context: dict[str, Any] = {
        "subject_id": subject_id,
        "query_json": json.dumps(data),
        "decisions": DECISIONS,
    }
    try:
        row = record_disposition(store, user.actor, query, subject_id, decision, reason)
    except InvalidInput as err:
        return page(
            request,
            "partials/disposition.html",
            status=422,
            errors=field_errors(err),
            recorded=None,
            **context,
        )
    return page(request, "partials/disposition.html", errors={}, recorded=row, **context)
