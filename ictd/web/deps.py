"""Request dependencies of the pages: the store, the signed-in user, a CSRF-checked form."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData

from ictd.edge import AlertsDep, LiveIndexDep, StoreDep
from ictd.edge import SettingsDep as WebSettings
from ictd.exc import Forbidden
from ictd.web.auth import COOKIE, WebUser, csrf_matches, resume

__all__ = [
    "AlertsDep",
    "Form",
    "LiveIndexDep",
    "SignInRequired",
    "StoreDep",
    "User",
    "WebSettings",
]


class SignInRequired(Exception):
    """No live session: the page answers with a redirect to the sign-in form."""


def get_user(request: Request, store: StoreDep, settings: WebSettings) -> WebUser:
    token = request.cookies.get(COOKIE)
    user = resume(store, token, settings.web_idle_minutes) if token else None
    if user is None:
        raise SignInRequired
    request.state.web_user = user
    request.state.actor = user.actor
    return user


User = Annotated[WebUser, Depends(get_user)]


async def get_form(request: Request, user: User) -> AsyncIterator[FormData]:
    """The posted form, after checking its CSRF token against the session's; uploaded
    files are closed when the request is done."""
    form = await request.form()
    try:
        sent = request.headers.get("x-csrf-token") or form.get("csrf_token")
        if not csrf_matches(sent, user.csrf):
            raise Forbidden(
                "the form has expired or did not come from this console: reload the page"
            )
        yield form
    finally:
        await form.close()


Form = Annotated[FormData, Depends(get_form)]
