"""Risk rules in the console: the agency's rules, a form to write a draft, its preview over
the last 30 days, activation and switching off."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from ictd.edge import Id
from ictd.exc import InvalidInput
from ictd.security.policy import Permission
from ictd.targeting import (
    PREVIEW_DAYS,
    activate_rule,
    create_rule,
    deactivate_rule,
    list_rules,
    preview_rule,
)
from ictd.web.deps import Form, StoreDep, User
from ictd.web.forms import field_errors, text
from ictd.web.render import add_nav, page, redirect
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)
add_nav("/rules", "Rules", Permission.WRITE_RECORDS)


def _page(
    request: Request, user: User, store: StoreDep, status: int = 200, **extra: Any
) -> Response:
    context: dict[str, Any] = {
        "errors": {},
        "values": {"name": "", "source": "", "description": ""},
        "preview": None,
    }
    context.update(extra)
    rules = list_rules(store, user.actor)
    return page(request, "rules.html", status=status, rules=rules, days=PREVIEW_DAYS, **context)


@router.get("/rules")
def rules_page(request: Request, user: User, store: StoreDep) -> Response:
    return _page(request, user, store)


@router.post("/rules")
def write_rule(request: Request, user: User, store: StoreDep, form: Form) -> Response:
    """Preview the draft (``action=preview``) or save it as a new rule (a draft)."""
    values = {
        "name": text(form, "name", 300) or "",
        "source": text(form, "source", 5000) or "",
        "description": text(form, "description", 2000) or "",
    }
    try:
        if text(form, "action") == "preview":
            preview = preview_rule(store, user.actor, source=values["source"])
            return _page(request, user, store, values=values, preview=preview)
        create_rule(
            store,
            user.actor,
            {
                "name": values["name"],
                "source": values["source"],
                "description": values["description"] or None,
            },
        )
    except InvalidInput as err:
        return _page(request, user, store, 422, errors=field_errors(err), values=values)
    return redirect(request, "/rules")


@router.post("/rules/{rule_id}")
def switch_rule(request: Request, user: User, store: StoreDep, form: Form, rule_id: Id) -> Response:
    action = text(form, "action")
    if action == "activate":
        activate_rule(store, user.actor, rule_id)
    elif action == "deactivate":
        deactivate_rule(store, user.actor, rule_id)
    else:
        raise InvalidInput.field("action", "activate or deactivate")
    return redirect(request, "/rules")
