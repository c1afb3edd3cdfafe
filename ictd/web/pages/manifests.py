"""Submit a passenger manifest (upload or paste) and see each traveller's answer; the list
of the agency's recent manifests."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ictd.edge import Id
from ictd.exc import InvalidInput
from ictd.manifests import MAX_MESSAGE_BYTES, get_manifest, list_manifests, submit_manifest
from ictd.model.country import is_country_code
from ictd.security.policy import Permission, require
from ictd.web.deps import AlertsDep, Form, StoreDep, User
from ictd.web.forms import field_errors, text
from ictd.web.render import add_nav, page
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)
add_nav("/manifests", "Manifests", Permission.REPORT_MOVEMENTS)


def _list(request: Request, store: Any, user: User, status: int = 200, **extra: Any) -> Response:
    items = list_manifests(store, user.actor, limit=50)["items"]
    context: dict[str, Any] = {"errors": {}, "pasted": "", "state": ""}
    context.update(extra)
    return page(request, "manifests.html", status=status, items=items, **context)


@router.get("/manifests")
def manifests_page(request: Request, user: User, store: StoreDep) -> Response:
    require(user.actor, Permission.REPORT_MOVEMENTS)
    return _list(request, store, user)


@router.post("/manifests")
async def submit(
    request: Request, user: User, alerts: AlertsDep, store: StoreDep, form: Form
) -> Response:
    require(user.actor, Permission.REPORT_MOVEMENTS)
    pasted = text(form, "message", MAX_MESSAGE_BYTES + 1) or ""
    state = (text(form, "state", 10) or "").upper()
    upload = form.get("file")
    try:
        if state and not is_country_code(state):
            raise InvalidInput.field("state", "an ISO 3166-1 alpha-2 country code")
        if isinstance(upload, UploadFile) and upload.filename:
            raw: str | bytes = await upload.read(MAX_MESSAGE_BYTES + 1)
        elif pasted:
            raw = pasted
        else:
            raise InvalidInput.field("file", "choose a message file or paste the message")
        result = await run_in_threadpool(
            submit_manifest, alerts.store, alerts.live, user.actor, raw, alerts.config,
            state or None,
        )  # fmt: skip
    except InvalidInput as err:
        errors = field_errors(err)
        return _list(request, store, user, 422, errors=errors, pasted=pasted, state=state)
    alerts.committed(result.events)
    return page(request, "manifest.html", answer=result.answer)


@router.get("/manifests/{manifest_id}")
def manifest_page(request: Request, user: User, store: StoreDep, manifest_id: Id) -> Response:
    found = get_manifest(store, user.actor, manifest_id)
    return page(request, "manifest.html", answer=dict(found["answer"], replayed=False))
