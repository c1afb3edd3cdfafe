"""Request dependencies of the pages: the store, the signed-in user, a CSRF-checked form."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData

from ictd.edge import AlertsDep, LiveIndexDep, StoreDep, refuse_control_characters
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
MULTILINE_FIELDS = frozenset(
    {"names", "identifiers", "legal_basis", "note", "notes", "message", "mrz"}
    | {"companions", "items", "summary", "evidence", "answer", "reasons", "disclosure_note"}
)
"""Form fields (text areas) whose text may span lines; statement rows' ``value_N`` too,
since their property decides (the service checks it)."""


def _may_span_lines(name: str) -> bool:
    return name in MULTILINE_FIELDS or name.startswith("value_")


def refuse_control_text(form: FormData) -> None:
    """Refuse control characters in every text field of a posted form (``ictd.edge.text``)."""
    refuse_control_characters(
        (name, value, _may_span_lines(name))
        for name, value in form.multi_items()
        if isinstance(value, str)
    )


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
        refuse_control_text(form)
        yield form
    finally:
        await form.close()


Form = Annotated[FormData, Depends(get_form)]
