"""Request dependencies: the store, the settings and the authenticated actor."""

from __future__ import annotations

import contextlib
import re
from typing import Annotated

from fastapi import Depends, Query, Request

from ictd.api.worker import run_in_worker
from ictd.edge import (
    Cursor,
    SettingsDep,
    StoreDep,
    get_server,
    is_plain_json,
    json_strings,
    parameter_strings,
    refuse_control_characters,
)
from ictd.exc import InvalidInput, Unauthenticated
from ictd.model.text import text_problem
from ictd.security.actor import Actor

__all__ = ["CurrentActor", "Page", "SettingsDep", "StoreDep", "refuse_control_text"]

MAX_PURPOSE = 500
# RFC 6750 2.1: the scheme word, exactly one space, the token (b64token), nothing else.
# One form only: no other letter case, no extra or trailing white space.
_BEARER = re.compile(r"Bearer ([A-Za-z0-9._~+/-]+=*)")
MAX_LIMIT = 10_000  # the largest ICTD_MAX_PAGE_SIZE


async def get_actor(request: Request) -> Actor:
    """The actor behind ``Authorization: Bearer <key>``; ``X-Purpose`` goes into the audit.

    The two headers are read from the request here, not declared as ``Header()``
    parameters (FastAPI's validation of them cost every request more than the key check):
    the API document lists them on every operation that takes a key
    (``ictd.api.openapi.KEY_HEADERS``)."""
    headers = request.headers
    return await authenticate(request, headers.get("authorization"), headers.get("x-purpose"))


async def authenticate(
    request: Request, authorization: str | None, x_purpose: str | None = None
) -> Actor:
    """The actor of ``authorization`` (``Bearer <key>``) with ``x_purpose``.

    Exactly that form is accepted: ``Bearer``, one space, the key, nothing else. A key
    checked against the store lately is checked against what was read then
    (``KeyCache``, at most ``key_cache_seconds`` old); only a store visit goes to a thread.
    """
    if not authorization:
        raise Unauthenticated("send an API key as 'Authorization: Bearer <key>'")
    found = _BEARER.fullmatch(authorization)
    if found is None:
        raise Unauthenticated("the Authorization header must read 'Bearer <key>'")
    token = found.group(1)
    if x_purpose is not None and len(x_purpose) > MAX_PURPOSE:
        raise InvalidInput.field("X-Purpose", f"at most {MAX_PURPOSE} characters")
    if x_purpose is not None and text_problem(x_purpose):
        raise InvalidInput.field("X-Purpose", str(text_problem(x_purpose)))
    server = get_server(request)
    keys, touch = server.keys, server.settings.key_touch_seconds
    actor = keys.cached(token, touch_seconds=touch)
    if actor is None:
        actor = await run_in_worker(keys.authenticate, server.store, token, None, touch)
    actor = actor.with_purpose(x_purpose.strip() if x_purpose else None)
    request.state.actor = actor
    return actor


CurrentActor = Annotated[Actor, Depends(get_actor)]


async def refuse_control_text(request: Request) -> None:
    """Every route's guard against control characters (``ictd.edge.text``): in path and
    query parameters and in every string of a JSON body, before any service runs. A body
    whose text holds neither such a character nor an escape (``is_plain_json``: most) is
    not walked string by string; FastAPI has parsed it already, and ``request.json()``
    hands back that parse."""
    items = list(parameter_strings(request))
    if request.headers.get("content-type", "").startswith("application/json"):
        with contextlib.suppress(ValueError, RecursionError):  # FastAPI answers for bad JSON
            if not is_plain_json(await request.body()):
                items.extend(json_strings(await request.json()))
    refuse_control_characters(items)


class Page:
    """Cursor paging parameters shared by list endpoints."""

    def __init__(
        self,
        settings: SettingsDep,
        after: Annotated[Cursor, Query(description="Start after this cursor (`next`).")] = 0,
        limit: Annotated[
            int,
            Query(
                ge=1,
                le=MAX_LIMIT,
                description="Items per page, at most the server's `ICTD_MAX_PAGE_SIZE`.",
            ),
        ] = 100,
    ) -> None:
        if not 1 <= limit <= settings.max_page_size:
            raise InvalidInput.field("limit", f"must be between 1 and {settings.max_page_size}")
        self.after = after
        self.limit = limit
