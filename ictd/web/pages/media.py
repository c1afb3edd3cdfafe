"""Media signals in the console: share an image, URL or hash; match an image; a signal's
labels, feedback and review; the signals attributed to a listed organisation.

Uploaded files are hashed in memory and discarded; no page ever shows other agencies'
media, only hashes, labels and distances.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from ictd.edge import Id
from ictd.exc import InvalidInput
from ictd.media import LABELS, SIGNAL_KINDS, TAXONOMY_VERSION
from ictd.model.media import FEEDBACK_VERDICTS, TAKEDOWN_STATES
from ictd.security.policy import Permission, can
from ictd.signals import (
    MatchQuery,
    MediaConfig,
    SignalInput,
    get_signal,
    give_feedback,
    hash_upload,
    list_signals,
    match_media,
    review_signal,
    signals_of_organisation,
    submit_signals,
    update_signal,
)
from ictd.web.deps import Form, StoreDep, User, WebSettings
from ictd.web.forms import field_errors, number, split, text
from ictd.web.render import add_nav, page, redirect
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)
add_nav("/media", "Media", Permission.MATCH_MEDIA)
FORM_FIELDS = ("labels", "platform", "kind", "value", "subject_id")


async def _file(form: FormData, name: str, config: MediaConfig) -> bytes | None:
    upload = form.get(name)
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None
    data = await upload.read(config.limits.max_bytes + 1)
    if len(data) > config.limits.max_bytes:
        raise InvalidInput.field(name, f"the file is larger than {config.limits.max_bytes} bytes")
    return data


def _context(user: Any, store: Any, **extra: Any) -> dict[str, Any]:
    mine: list[dict[str, Any]] = []
    if can(user.actor, Permission.SUBMIT_MEDIA):
        mine, _ = list_signals(store, user.actor, 0, 50)
    base = {
        "kinds": SIGNAL_KINDS,
        "labels": sorted(LABELS),
        "taxonomy": TAXONOMY_VERSION,
        "mine": mine,
        "may_submit": can(user.actor, Permission.SUBMIT_MEDIA),
        "values": dict.fromkeys(FORM_FIELDS, ""),
        "errors": {},
        "stored": None,
        "results": None,
    }
    return {**base, **extra}


@router.get("/media")
def media_home(request: Request, user: User, store: StoreDep) -> Response:
    return page(request, "media.html", **_context(user, store))


async def _items(form: FormData, config: MediaConfig) -> list[SignalInput]:
    template = SignalInput(
        kind="",
        value="",
        labels=split(text(form, "labels")),
        platform=text(form, "platform", 100),
        sharing=text(form, "sharing", 8) or "all",
        handling=text(form, "handling", 2) or "H1",
        subject_id=number(form, "subject_id"),
    )
    items: list[SignalInput] = []
    data = await _file(form, "file", config)
    if data is not None:
        items += await run_in_threadpool(hash_upload, data, template, config.limits)
    value = text(form, "value", 4000)
    if value:
        items.append(replace(template, kind=text(form, "kind", 16) or "", value=value))
    if not items:
        raise InvalidInput.field("file", "choose an image or video, or give a hash or URL")
    return items


def _form_errors(err: InvalidInput) -> dict[str, list[str]]:
    """Service field paths (``items.3.url``) as the form's fields (``value``)."""
    out: dict[str, list[str]] = {}
    for key, messages in field_errors(err).items():
        name = re.sub(r"^items\.\d+\.", "", key)
        name = "value" if name in ("url", "items", "quality", "") else name
        out.setdefault(name, []).extend(messages)
    return out


@router.post("/media/submit")
async def media_submit(
    request: Request, user: User, store: StoreDep, settings: WebSettings, form: Form
) -> Response:
    config = MediaConfig.from_settings(settings)
    values = {k: text(form, k) or "" for k in FORM_FIELDS}
    try:
        items = await _items(form, config)
        stored = await run_in_threadpool(submit_signals, store, user.actor, items)
    except InvalidInput as err:
        errors = _form_errors(err)
        context = _context(user, store, values=values, errors=errors)
        return page(request, "media.html", status=422, **context)
    return page(request, "media.html", **_context(user, store, stored=stored))


@router.post("/media/match")
async def media_match(
    request: Request, user: User, store: StoreDep, settings: WebSettings, form: Form
) -> Response:
    config = MediaConfig.from_settings(settings)
    try:
        data = await _file(form, "match_file", config)
        value = text(form, "match_value", 4000)
        if data is not None:
            query = MatchQuery(data=data, name=getattr(form.get("match_file"), "filename", None))
        elif value:
            query = MatchQuery(kind=text(form, "match_kind", 16), value=value, name=value)
        else:
            raise InvalidInput.field(
                "match_file", "choose an image or video, or give a hash or URL"
            )
        results = await run_in_threadpool(match_media, store, user.actor, [query], config)
    except InvalidInput as err:
        errors = field_errors(err, {"items.0.file": "match_file", "items.0.value": "match_value"})
        return page(request, "media.html", status=422, **_context(user, store, errors=errors))
    return page(request, "media.html", **_context(user, store, results=results))


def _signal_page(
    request: Request, user: User, store: StoreDep, signal_id: Id, status: int = 200, **extra: Any
) -> Response:
    signal = get_signal(store, user.actor, signal_id)
    return page(
        request,
        "media_signal.html",
        status=status,
        signal=signal,
        mine=signal["agency"] == user.actor.agency and can(user.actor, Permission.SUBMIT_MEDIA),
        verdicts=FEEDBACK_VERDICTS,
        takedowns=TAKEDOWN_STATES,
        labels=sorted(LABELS),
        taxonomy=TAXONOMY_VERSION,
        errors=extra.get("errors", {}),
    )


@router.get("/media/signals/{signal_id}")
def media_signal(request: Request, user: User, store: StoreDep, signal_id: Id) -> Response:
    return _signal_page(request, user, store, signal_id)


@router.post("/media/signals/{signal_id}/labels")
def media_labels(
    request: Request, user: User, store: StoreDep, signal_id: Id, form: Form
) -> Response:
    try:
        update_signal(store, user.actor, signal_id, labels=split(text(form, "labels")))
    except InvalidInput as err:
        return _signal_page(request, user, store, signal_id, 422, errors=field_errors(err))
    return redirect(request, f"/media/signals/{signal_id}")


@router.post("/media/signals/{signal_id}/feedback")
def media_feedback(
    request: Request,
    user: User,
    store: StoreDep,
    settings: WebSettings,
    signal_id: Id,
    form: Form,
) -> Response:
    try:
        give_feedback(
            store,
            user.actor,
            signal_id,
            verdict=text(form, "verdict", 16),
            takedown=text(form, "takedown", 16),
            note=text(form, "note", 2000),
            config=MediaConfig.from_settings(settings),
        )
    except InvalidInput as err:
        return _signal_page(request, user, store, signal_id, 422, errors=field_errors(err))
    return redirect(request, f"/media/signals/{signal_id}")


@router.post("/media/signals/{signal_id}/review")
def media_review(
    request: Request, user: User, store: StoreDep, signal_id: Id, form: Form
) -> Response:
    review_signal(store, user.actor, signal_id, keep=text(form, "keep") == "yes")
    return redirect(request, f"/media/signals/{signal_id}")


@router.get("/media/organisations/{subject_id}")
def media_organisation(request: Request, user: User, store: StoreDep, subject_id: Id) -> Response:
    view = signals_of_organisation(store, user.actor, subject_id)
    return page(request, "media_organisation.html", view=view)
