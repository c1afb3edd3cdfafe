"""Passenger manifests (PAXLST, PNRGOV) and machine-readable zones.

``POST /manifests`` takes the raw UN/EDIFACT interchange as the body
(``Content-Type: application/edifact`` or ``text/plain``) and answers per traveller hit /
no-hit with the requested action, as ``POST /movements`` does.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import Field

from ictd.api.deps import CurrentActor
from ictd.api.schemas import Strict
from ictd.edge import AlertsDep, Cursor, Id, StoreDep
from ictd.exc import InvalidInput
from ictd.manifests import (
    MAX_MESSAGE_BYTES,
    get_manifest,
    list_manifests,
    read_document,
    submit_manifest,
)
from ictd.manifests.read import MAX_MRZ, MAX_PAGE
from ictd.model.country import is_country_code

router = APIRouter(tags=["manifests"])

MEDIA_TYPES = ("application/edifact", "text/plain")
_RAW_BODY = {
    "requestBody": {
        "required": True,
        "description": "One UN/EDIFACT interchange (UNA/UNB … UNZ) of PAXLST and/or PNRGOV "
        f"messages, at most {MAX_MESSAGE_BYTES} bytes, in the character set its UNB names.",
        "content": {
            media: {"schema": {"type": "string", "maxLength": MAX_MESSAGE_BYTES}}
            for media in MEDIA_TYPES
        },
    }
}


@router.post("/manifests", openapi_extra=_RAW_BODY, response_model=dict[str, Any])
async def post_manifest(
    request: Request,
    actor: CurrentActor,
    alerts: AlertsDep,
    state: Annotated[
        str | None,
        Query(
            min_length=2,
            max_length=2,
            description="The receiving state (ISO alpha-2): a flight leaving it is an exit.",
        ),
    ] = None,
) -> JSONResponse:
    """Submit one interchange of airline passenger messages. Each traveller becomes a
    movement, screened at once; answers per traveller ``no-hit`` or ``hit`` with the
    requested action (subject details only inside the listing's sharing scope). A message
    with any fault is refused (422 naming segment, position and fault) and nothing is
    stored. The same interchange again (sender and control reference) answers the original
    result with ``replayed: true``."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in MEDIA_TYPES:
        raise InvalidInput.field(
            "content-type", "send the interchange as application/edifact or text/plain"
        )
    if state is not None and not is_country_code(state.upper()):
        raise InvalidInput.field("state", "an ISO 3166-1 alpha-2 country code")
    body = await request.body()
    if not body.strip():
        raise InvalidInput.field("message", "the body is empty: send the interchange")
    result = await run_in_threadpool(
        submit_manifest,
        alerts.store,
        alerts.live,
        actor,
        body,
        alerts.config,
        state.upper() if state else None,
    )
    alerts.committed(result.events)
    # the answer is JSON data already (it is stored as such): rendered as it is, not walked
    # through FastAPI's encoder first, which costs more than the rest of the answer
    return JSONResponse(result.answer)


@router.get("/manifests")
def get_manifests(
    store: StoreDep,
    actor: CurrentActor,
    before: Annotated[
        Cursor, Query(description="Older than this id (the `next` of the previous page).")
    ] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Items per page.")] = 50,
) -> dict[str, Any]:
    """Manifests your agency submitted, newest first."""
    return list_manifests(store, actor, before or None, limit)


@router.get("/manifests/{manifest_id}")
def get_one_manifest(manifest_id: Id, store: StoreDep, actor: CurrentActor) -> dict[str, Any]:
    """A manifest your agency submitted, with the answer given per traveller."""
    return get_manifest(store, actor, manifest_id)


class DocumentIn(Strict):
    mrz: Annotated[
        str,
        Field(
            min_length=1,
            max_length=MAX_MRZ,
            description="The machine-readable zone as a document reader gives it: its 2 or "
            "3 lines (TD1, TD2, TD3, visas), or them joined on one line.",
        ),
    ]


@router.post("/documents/read")
def post_document_read(body: DocumentIn, actor: CurrentActor) -> dict[str, Any]:
    """Read a machine-readable zone: document, names, birth date, sex, nationality, expiry,
    and which check digits fail. Text that is no MRZ is refused (422 naming line and
    column)."""
    del actor  # any valid key may read a zone: nothing is looked up or stored
    return read_document(body.mrz)
