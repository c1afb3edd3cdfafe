"""The route class of every page: errors become HTML pages, not JSON.

A missing session redirects to the sign-in form; a refusal renders a 403 page (and is
audited, as the API does); a record the actor may not see is a 404 page; bad input that a
page did not handle itself is a 422 page listing each field at fault.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

from ictd import exc
from ictd.edge import status_of
from ictd.edge.deps import get_store
from ictd.registry.audit import record_denial
from ictd.web.deps import SignInRequired
from ictd.web.render import page, redirect

__all__ = ["WebRoute"]

log = logging.getLogger("ictd.web")

TITLES = {
    401: "Please sign in",
    403: "Refused",
    404: "Not found",
    409: "Conflict",
    422: "Invalid input",
    429: "Too many attempts",
    502: "Source unavailable",
    503: "Database unavailable",
}


def sign_in_redirect(request: Request) -> Response:
    target = request.url.path
    if request.url.query:
        target += "?" + request.url.query
    if request.method != "GET":
        target = "/"
    return redirect(request, f"/login?next={quote(target, safe='/')}")


def error_page(request: Request, err: exc.IctdError) -> Response:
    status = status_of(err)
    if status == 403:
        _audit_denial(request, err)
    fields = err.errors if isinstance(err, exc.InvalidInput) else []
    response = page(
        request,
        "error.html",
        status=status,
        title=TITLES.get(status, "Error"),
        message=err.message,
        fields=fields,
    )
    if isinstance(err, exc.Throttled):
        response.headers["Retry-After"] = str(err.retry_after)
    return response


def _audit_denial(request: Request, err: exc.IctdError) -> None:
    actor = getattr(request.state, "actor", None)
    store = get_store(request)
    record_denial(store, actor, request.url.path, request.method, err.message, edge="web")


class WebRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except SignInRequired:
                return sign_in_redirect(request)
            except exc.IctdError as err:
                return error_page(request, err)
            except RequestValidationError:
                return error_page(request, exc.NotFound("there is no such page"))

        return guarded
