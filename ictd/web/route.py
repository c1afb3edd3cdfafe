"""The route class of every page: errors become HTML pages, not JSON.

A missing session redirects to the sign-in form; a refusal renders a 403 page (and is
audited, as the API does); a record the actor may not see is a 404 page; bad input that a
page did not handle itself is a 422 page listing each field at fault. A path parameter
that cannot name a record (``/subjects/abc``, an id beyond 64 bits) is a 404 page; a query
parameter out of its range (``?after=-1``) or holding a control character is a 422 page.
``status_page`` renders the same page for errors outside any page (an unknown path).
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
from ictd.edge import parameter_strings, refuse_control_characters, status_of
from ictd.edge.deps import get_store
from ictd.registry.audit import record_denial
from ictd.web.deps import SignInRequired
from ictd.web.render import page, redirect

__all__ = ["WebRoute", "status_page"]

log = logging.getLogger("ictd.web")

TITLES = {
    401: "Please sign in",
    403: "Refused",
    404: "Not found",
    409: "Conflict",
    422: "Invalid input",
    429: "Too many attempts",
    500: "Something went wrong",
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


def status_page(request: Request, status: int, message: str) -> Response:
    """The console's error page for a bare status (no route handled the request)."""
    return page(
        request,
        "error.html",
        status=status,
        title=TITLES.get(status, "Error"),
        message=message,
        fields=[],
    )


def validation_error(err: RequestValidationError) -> exc.IctdError:
    """A path that names no record is a page that does not exist; bad query or form
    parameters are invalid input, field by field."""
    errors = err.errors()
    if any(tuple(e.get("loc", ()))[:1] == ("path",) for e in errors):
        return exc.NotFound("there is no such page")
    fields = [
        exc.FieldError(".".join(str(p) for p in tuple(e.get("loc", ()))[1:]), str(e.get("msg")))
        for e in errors
    ]
    first = fields[0] if fields else exc.FieldError("", "invalid request")
    return exc.InvalidInput(f"{first.field}: {first.message}", fields)


def _audit_denial(request: Request, err: exc.IctdError) -> None:
    actor = getattr(request.state, "actor", None)
    store = get_store(request)
    record_denial(store, actor, request.url.path, request.method, err.message, edge="web")


class WebRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                refuse_control_characters(parameter_strings(request))
                return await handler(request)
            except SignInRequired:
                return sign_in_redirect(request)
            except exc.IctdError as err:
                return error_page(request, err)
            except RequestValidationError as err:
                return error_page(request, validation_error(err))

        return guarded
