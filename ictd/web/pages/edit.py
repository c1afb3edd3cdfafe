"""Creating and editing subjects (statements) and listings, with messages next to fields."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.datastructures import FormData

from ictd.edge import Id
from ictd.exc import InvalidInput
from ictd.model import PROPERTIES, Schema
from ictd.registry import subjects
from ictd.registry.subjects import StatementInput
from ictd.security.policy import Permission, require, require_write_owned
from ictd.web.deps import Form, StoreDep, User
from ictd.web.forms import FieldErrors, field_errors, text
from ictd.web.render import page, redirect
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)

ROWS = 8
DEFAULT_PROPS = [
    "name",
    "originalScriptName",
    "alias",
    "birthDate",
    "nationality",
    "gender",
    "passportNumber",
    "notes",
]


def _blank_rows() -> list[dict[str, str]]:
    return [{"prop": p, "value": "", "qualifier": "", "lang": ""} for p in DEFAULT_PROPS[:ROWS]]


def read_rows(form: FormData) -> tuple[list[dict[str, str]], list[StatementInput], list[int]]:
    """The statement rows as typed, the filled ones as inputs, and each input's row number."""
    rows, inputs, where = [], [], []
    for i in range(ROWS):
        row = {
            k: text(form, f"{k}_{i}", 2000) or "" for k in ("prop", "value", "qualifier", "lang")
        }
        rows.append(row)
        if row["value"]:
            inputs.append(
                StatementInput(
                    row["prop"], row["value"], row["qualifier"] or None, row["lang"] or None
                )
            )
            where.append(i)
    return rows, inputs, where


def row_errors(err: InvalidInput, where: list[int]) -> FieldErrors:
    """``statements.2.value`` → ``rows.<form row of input 2>.value``."""
    rename = {f"statements.{k}": f"rows.{row}" for k, row in enumerate(where)}
    errors = field_errors(err, rename)
    if "statements" in errors:
        errors["rows"] = errors.pop("statements")
    return errors


def _form_context(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "schemas": [s.value for s in Schema],
        "properties": list(PROPERTIES.values()),
        "errors": {},
        "schema": "Person",
        "external_ids": "",
    }
    base.update(extra)
    return base


@router.get("/subjects/new")
def new_subject(request: Request, user: User) -> Response:
    require_write_owned(user.actor, user.actor.agency)
    return page(request, "subject_new.html", **_form_context(rows=_blank_rows()))


@router.post("/subjects/new")
def create_subject(request: Request, user: User, store: StoreDep, form: Form) -> Response:
    schema = text(form, "schema") or ""
    rows, inputs, where = read_rows(form)
    external = [e.strip() for e in (text(form, "external_ids") or "").split(",") if e.strip()]
    try:
        record = subjects.create_subject(store, user.actor, schema, inputs, external)
    except InvalidInput as err:
        errors = row_errors(err, where)
        return page(
            request,
            "subject_new.html",
            status=422,
            **_form_context(
                rows=rows,
                errors=errors,
                schema=schema,
                external_ids=text(form, "external_ids") or "",
            ),
        )
    return redirect(request, f"/subjects/{record.subject.id}")


@router.get("/subjects/{subject_id}/edit")
def edit_subject(request: Request, user: User, store: StoreDep, subject_id: Id) -> Response:
    require(user.actor, Permission.WRITE_RECORDS)
    record = subjects.get_subject(store, user.actor, subject_id)
    require_write_owned(user.actor, record.subject.agency)
    rows = [{"prop": "", "value": "", "qualifier": "", "lang": ""} for _ in range(ROWS)]
    return page(request, "subject_edit.html", **_form_context(record=record, rows=rows))


@router.post("/subjects/{subject_id}/statements")
def add_statements(
    request: Request, user: User, store: StoreDep, form: Form, subject_id: Id
) -> Response:
    rows, inputs, where = read_rows(form)
    try:
        subjects.add_statements(store, user.actor, subject_id, inputs)
    except InvalidInput as err:
        record = subjects.get_subject(store, user.actor, subject_id)
        errors = row_errors(err, where)
        return page(
            request,
            "subject_edit.html",
            status=422,
            **_form_context(record=record, rows=rows, errors=errors),
        )
    return redirect(request, f"/subjects/{subject_id}/edit")


@router.post("/subjects/{subject_id}/statements/{statement_id}/retract")
def retract(
    request: Request, user: User, store: StoreDep, _form: Form, subject_id: Id, statement_id: Id
) -> Response:
    subjects.retract_statement(store, user.actor, subject_id, statement_id)
    return redirect(request, f"/subjects/{subject_id}/edit")
