"""Compliance review in the console: the operator's queue of listings waiting for review,
each with its automated checks, the listing and its subject, and the decision form (a
neutrality statement, reasons); bad input answers 422 with the message beside the field."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from ictd.edge import Id
from ictd.exc import InvalidInput
from ictd.lifecycle import compliance
from ictd.model import Role
from ictd.model.compliance import NEUTRALITY_GROUNDS
from ictd.security.actor import Actor
from ictd.web.deps import AlertsDep, Form, StoreDep, User, WebSettings
from ictd.web.forms import field_errors, text
from ictd.web.render import add_nav, page, redirect
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)
PAGE_SIZE = 50


def reviews_compliance(actor: Actor, at_operator: bool) -> bool:
    """The link shows for the operator's compliance reviewers, whom the service admits."""
    return at_operator and actor.has_role(Role.COMPLIANCE_REVIEWER)


add_nav("/compliance", "Compliance review", reviews_compliance)


def _queue(
    request: Request,
    user: User,
    store: StoreDep,
    after: int = 0,
    status: int = 200,
    **extra: Any,
) -> Response:
    views, cursor = compliance.compliance_queue(store, user.actor, after, PAGE_SIZE)
    context: dict[str, Any] = {"errors": {}, "failed": None, "values": {}, "decided": None}
    context.update(extra)
    return page(
        request,
        "compliance.html",
        status=status,
        views=views,
        cursor=cursor,
        grounds=NEUTRALITY_GROUNDS,
        **context,
    )


@router.get("/compliance")
def queue(
    request: Request,
    user: User,
    store: StoreDep,
    after: Annotated[int, Query(ge=0, lt=2**63)] = 0,
    decided: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    return _queue(request, user, store, after, decided=decided)


@router.post("/compliance/{review_id}/decision")
def decide(
    request: Request,
    user: User,
    store: StoreDep,
    settings: WebSettings,
    alerts: AlertsDep,
    form: Form,
    review_id: Id,
) -> Response:
    values = {
        "decision": text(form, "decision", 16) or "",
        "neutrality": text(form, "neutrality", compliance.MAX_TEXT) or "",
        "reasons": text(form, "reasons", compliance.MAX_TEXT) or "",
    }
    config = compliance.ComplianceConfig.from_settings(settings, alerts.config)
    try:
        review, _listing = compliance.decide_review(
            store,
            user.actor,
            review_id,
            values["decision"],
            values["neutrality"],
            values["reasons"],
            config,
        )
    except InvalidInput as err:
        return _queue(
            request,
            user,
            store,
            status=422,
            errors=field_errors(err),
            failed=review_id,
            values=values,
        )
    return redirect(request, f"/compliance?decided={review.id}-{review.status}")
