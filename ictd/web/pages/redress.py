"""Redress in the console: the officer's queue of requests with the form to register one,
the requester's evidence and the disclosure view; an agency's inbox of requests forwarded
to it with the answer and decision forms."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from ictd.exc import Forbidden, InvalidInput
from ictd.model import Role
from ictd.model.redress import DECISIONS, DISCLOSURES, REDRESS_KINDS, REDRESS_STATUSES
from ictd.redress import (
    RedressConfig,
    RedressInput,
    acts_as_officer,
    answer_request,
    decide_request,
    disclosure,
    get_evidence,
    get_request,
    list_requests,
    register_request,
)
from ictd.redress.access import handles_referrals
from ictd.security.actor import Actor
from ictd.store import Store
from ictd.web.deps import AlertsDep, Form, StoreDep, User, WebSettings
from ictd.web.forms import field_errors, number, text
from ictd.web.render import add_nav, page, redirect
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)
NEW_FIELDS = ("subject_id", "kind", "summary", "requester", "evidence", "contact")


def reads_redress(actor: Actor, at_operator: bool) -> bool:
    """The link shows for the operator's redress officers and for the analysts and auditors
    who handle requests forwarded to their agency (the service decides the rest)."""
    return (at_operator and actor.has_role(Role.REDRESS_OFFICER)) or handles_referrals(actor)


add_nav("/redress", "Redress", reads_redress)


@router.get("/redress")
def queue(
    request: Request,
    user: User,
    store: StoreDep,
    status: Annotated[str, Query(max_length=16)] = "",
) -> Response:
    items, _next = list_requests(store, user.actor, status or None, 0, 200)
    return page(
        request,
        "redress_list.html",
        items=items,
        statuses=REDRESS_STATUSES,
        status_filter=status,
        officer=acts_as_officer(store, user.actor),
    )


def _new_form(
    request: Request, values: dict[str, str], errors: dict[str, list[str]], status: int = 200
) -> Response:
    return page(
        request,
        "redress_new.html",
        status=status,
        values=values,
        errors=errors,
        kinds=REDRESS_KINDS,
    )


@router.get("/redress/new")
def new_form(request: Request, user: User, store: StoreDep) -> Response:
    if not acts_as_officer(store, user.actor):
        raise Forbidden("redress requests are registered by the operator's redress officers")
    return _new_form(request, dict.fromkeys(NEW_FIELDS, ""), {})


@router.post("/redress/new")
def register(
    request: Request,
    user: User,
    store: StoreDep,
    alerts: AlertsDep,
    settings: WebSettings,
    form: Form,
) -> Response:
    values = {name: text(form, name) or "" for name in NEW_FIELDS}
    try:
        subject_id = number(form, "subject_id")
        if subject_id is None:
            raise InvalidInput.field("subject_id", "is required")
        data = RedressInput(
            subject_id,
            values["kind"],
            values["summary"],
            values["requester"],
            values["evidence"],
            values["contact"] or None,
        )
        config = RedressConfig.from_settings(settings)
        created = register_request(store, user.actor, data, config)
    except InvalidInput as err:
        return _new_form(request, values, field_errors(err), status=422)
    alerts.committed(len(created["referrals"]))
    return redirect(request, f"/redress/{created['reference']}")


def _detail(
    request: Request,
    store: Store,
    actor: Actor,
    reference: str,
    errors: dict[str, list[str]] | None = None,
    values: dict[str, str] | None = None,
    status: int = 200,
    evidence: dict[str, Any] | None = None,
) -> Response:
    item = get_request(store, actor, reference)
    officer = acts_as_officer(store, actor)
    told = disclosure(store, actor, reference) if officer else None
    return page(
        request,
        "redress.html",
        status=status,
        item=item,
        officer=officer,
        told=told,
        evidence=evidence,
        errors=errors or {},
        values=values or {},
        decisions=DECISIONS,
        disclosures=DISCLOSURES,
    )


@router.get("/redress/{reference}")
def detail(request: Request, user: User, store: StoreDep, reference: str) -> Response:
    return _detail(request, store, user.actor, reference)


@router.post("/redress/{reference}/evidence")
def show_evidence(request: Request, user: User, store: StoreDep, reference: str) -> Response:
    """The evidence is shown on an explicit request (a POST: each look is audited)."""
    evidence = get_evidence(store, user.actor, reference)
    return _detail(request, store, user.actor, reference, evidence=evidence)


@router.post("/redress/{reference}/answer")
def answer(request: Request, user: User, store: StoreDep, form: Form, reference: str) -> Response:
    try:
        answer_request(store, user.actor, reference, text(form, "answer", 5000))
    except InvalidInput as err:
        values = {"answer": text(form, "answer") or ""}
        return _detail(request, store, user.actor, reference, field_errors(err), values, 422)
    return redirect(request, f"/redress/{reference}")


@router.post("/redress/{reference}/decide")
def decide(request: Request, user: User, store: StoreDep, form: Form, reference: str) -> Response:
    fields = ("decision", "reasons", "disclose", "disclosure_note")
    values = {name: text(form, name) or "" for name in fields}
    try:
        decide_request(
            store,
            user.actor,
            reference,
            values["decision"] or None,
            values["reasons"],
            values["disclose"] or None,
            values["disclosure_note"] or None,
            text(form, "h3_consent") == "yes",
        )
    except InvalidInput as err:
        return _detail(request, store, user.actor, reference, field_errors(err), values, 422)
    return redirect(request, f"/redress/{reference}")
