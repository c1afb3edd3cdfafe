"""Rendering: the Jinja2 environment, its filters, pages, redirects and error pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

import ictd
from ictd.security.actor import Actor
from ictd.security.policy import Permission, can

__all__ = ["EXTRA_NAV", "SECURITY_HEADERS", "add_nav", "is_htmx", "page", "redirect"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def _moment(value: datetime | str | None) -> str:
    """A time for humans, in UTC to the minute."""
    if value is None or value == "":
        return "—"
    moment = value
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
    assert isinstance(moment, datetime)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def _signed(value: float) -> str:
    return f"{value:+.2f}"


env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
env.filters["moment"] = _moment
env.filters["percent"] = _percent
env.filters["signed"] = _signed
env.globals["version"] = ictd.__version__
# Pages of optional capabilities (alerts, review) add their links (``add_nav``):
# {"href", "label", "shown": a test of the signed-in actor and whether their agency is the
# operator}
EXTRA_NAV: list[dict[str, Any]] = []
env.globals["extra_nav"] = EXTRA_NAV


NavTest = Callable[[Actor, bool], bool]


def add_nav(href: str, label: str, shown: Permission | NavTest) -> None:
    """Link a page in the header (``/admin/…`` pages: among the admin links) for the users
    ``shown`` lets in: those with a permission, or those a test accepts of the actor and of
    whether their agency is the operator (the test the page's service applies, so the link
    shows exactly where the page opens)."""
    if isinstance(shown, Permission):
        permission = shown

        def test(actor: Actor, at_operator: bool) -> bool:
            return can(actor, permission)

        EXTRA_NAV.append({"href": href, "label": label, "shown": test})
    else:
        EXTRA_NAV.append({"href": href, "label": label, "shown": shown})


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with the signed-in user (if any) and ``context``."""
    user = getattr(request.state, "web_user", None)
    actor = user.actor if user else None

    def allowed(permission: str) -> bool:
        return actor is not None and can(actor, Permission(permission))

    html = env.get_template(template).render(
        request=request,
        user=user,
        csrf=user.csrf if user else "",
        allowed=allowed,
        path=request.url.path,
        **context,
    )
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def redirect(request: Request, url: str) -> Response:
    """See-other to ``url``; HTMX requests are told to navigate the whole page."""
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": url, **SECURITY_HEADERS})
    return RedirectResponse(url, status_code=303, headers=SECURITY_HEADERS)
