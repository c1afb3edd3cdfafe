"""Request dependencies: the store, the settings and the authenticated actor."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Depends, Header, Request

from ictd.edge import SettingsDep, StoreDep
from ictd.exc import InvalidInput, Unauthenticated
from ictd.registry.accounts import authenticate_token
from ictd.security.actor import Actor

__all__ = ["CurrentActor", "Page", "SettingsDep", "StoreDep"]

MAX_PURPOSE = 500
# RFC 6750 2.1: the scheme word, exactly one space, the token (b64token), nothing else.
# One form only: no other letter case, no extra or trailing white space.
_BEARER = re.compile(r"Bearer ([A-Za-z0-9._~+/-]+=*)")


def get_actor(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    authorization: Annotated[str | None, Header()] = None,
    x_purpose: Annotated[str | None, Header()] = None,
) -> Actor:
    """The actor behind ``Authorization: Bearer <key>``; ``X-Purpose`` goes into the audit.

    Exactly that form is accepted: ``Bearer``, one space, the key, nothing else.
    """
    if not authorization:
        raise Unauthenticated("send an API key as 'Authorization: Bearer <key>'")
    found = _BEARER.fullmatch(authorization)
    if found is None:
        raise Unauthenticated("the Authorization header must read 'Bearer <key>'")
    token = found.group(1)
    if x_purpose is not None and len(x_purpose) > MAX_PURPOSE:
        raise InvalidInput.field("X-Purpose", f"at most {MAX_PURPOSE} characters")
    actor = authenticate_token(store, token, touch_seconds=settings.key_touch_seconds)
    actor = actor.with_purpose(x_purpose.strip() if x_purpose else None)
    request.state.actor = actor
    return actor


CurrentActor = Annotated[Actor, Depends(get_actor)]


class Page:
    """Cursor paging parameters shared by list endpoints."""

    def __init__(self, settings: SettingsDep, after: int = 0, limit: int = 100) -> None:
        if after < 0:
            raise InvalidInput.field("after", "must be 0 or more")
        if not 1 <= limit <= settings.max_page_size:
            raise InvalidInput.field("limit", f"must be between 1 and {settings.max_page_size}")
        self.after = after
        self.limit = limit
