"""The analysts' review queue of resolution proposals (judge same / not-same / unsure, undo),
and the exposure paths of a subject (shortest paths to listed subjects, with provenance)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from starlette.datastructures import FormData

from ictd.edge import Cursor, Id
from ictd.exc import InvalidInput
from ictd.graph import exposure
from ictd.graph.query import MAX_DEPTH
from ictd.resolve import DECISIONS, judge, review_queue, undo_judgement
from ictd.security.policy import Permission, require
from ictd.web.deps import Form, StoreDep, User
from ictd.web.forms import field_errors, number, text
from ictd.web.render import add_nav, page, redirect
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)
add_nav("/review", "Review", Permission.WRITE_RECORDS)
PAGE_SIZE = 50


def _queue_page(
    request: Request, user: User, store: StoreDep, after: int, status: int = 200, **extra: Any
) -> Response:
    # The queue is work for those who may judge (analysts), as the judging service requires.
    require(user.actor, Permission.WRITE_RECORDS)
    items, cursor = review_queue(store, user.actor, after, PAGE_SIZE)
    context: dict[str, Any] = {"errors": {}, "failed": None, "values": {}, "judged": None}
    context.update(extra)
    return page(
        request,
        "review.html",
        status=status,
        proposals=items,
        after=after,
        cursor=cursor,
        decisions=DECISIONS,
        **context,
    )


@router.get("/review")
def queue(
    request: Request,
    user: User,
    store: StoreDep,
    after: Annotated[Cursor, Query()] = 0,
    judged: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    # ``judged``: the judgement just recorded, offered for undo (a decided pair leaves the queue)
    return _queue_page(request, user, store, after, judged=judged)


def _after(form: FormData) -> int:
    """The queue position a form was posted from, to come back to it (0: the start)."""
    try:
        return number(form, "after", 0) or 0
    except InvalidInput:
        return 0


def _subject_id(form: FormData, name: str) -> int:
    found = number(form, name, field="subjects")
    if found is None:
        raise InvalidInput.field("subjects", "must be a subject id")
    return found


@router.post("/review/judge")
def record_judgement(request: Request, user: User, store: StoreDep, form: Form) -> Response:
    proposal = text(form, "proposal") or ""
    values = {"decision": text(form, "decision") or "", "reason": text(form, "reason", 4000) or ""}
    after = _after(form)
    try:
        a = _subject_id(form, "subject_a")
        b = _subject_id(form, "subject_b")
        row = judge(store, user.actor, a, b, values["decision"], values["reason"])
    except InvalidInput as err:
        return _queue_page(
            request,
            user,
            store,
            after,
            422,
            errors=field_errors(err),
            failed=proposal,
            values=values,
        )
    return redirect(request, f"/review?after={after}&judged={row.id}")


@router.post("/review/judgements/{judgement_id}/undo")
def undo(request: Request, user: User, store: StoreDep, form: Form, judgement_id: Id) -> Response:
    undo_judgement(store, user.actor, judgement_id)
    return redirect(request, f"/review?after={_after(form)}")


@router.get("/subjects/{subject_id}/exposure")
def exposure_page(
    request: Request,
    user: User,
    store: StoreDep,
    subject_id: Id,
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH)] = 3,
) -> Response:
    found = exposure(store, user.actor, subject_id, depth=depth, limit=10)
    labels = {n["id"]: n["label"] for n in found["graph"]["nodes"]}
    return page(
        request,
        "exposure.html",
        subject_id=subject_id,
        depth=depth,
        max_depth=MAX_DEPTH,
        truncated=found["truncated"],
        paths=found["paths"],
        labels=labels,
    )
