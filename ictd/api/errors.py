"""The one JSON error shape (the exception-to-status table is ``ictd.edge.status``).

Every error of the API answers ``{"error": {"code", "message", "details"}}``: bad input,
a body that is not JSON or not UTF-8 among it, is 422 ``invalid_input`` with ``details``
naming each field (``body`` for the body as a whole). Errors outside ``/api/`` (an unknown
console page, a console failure) answer with the console's HTML error page instead.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ictd import exc
from ictd.edge import STATUS, status_of
from ictd.edge.deps import get_store
from ictd.registry.audit import record_denial
from ictd.web import status_page

__all__ = ["STATUS", "error_body", "install_error_handlers"]

log = logging.getLogger("ictd.api")


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}


def _field_path(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:] or parts
    return ".".join(parts)


async def _on_ictd_error(request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, exc.IctdError)
    status = status_of(err)
    if status == 403:
        _audit_denial(request, err)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if isinstance(err, exc.Throttled):
        headers = {"Retry-After": str(err.retry_after)}
    body = error_body(err.code, err.message, err.details)
    return JSONResponse(body, status_code=status, headers=headers)


def _audit_denial(request: Request, err: exc.IctdError) -> None:
    actor = getattr(request.state, "actor", None)
    store = get_store(request)
    record_denial(store, actor, request.url.path, request.method, err.message)


async def _on_validation_error(request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, RequestValidationError)
    details = [
        {
            "field": "body" if e.get("type") == "json_invalid" else _field_path(tuple(e["loc"])),
            "message": e.get("msg", "invalid"),
        }
        for e in err.errors()
    ]
    first = details[0] if details else {"field": "", "message": "invalid request"}
    message = f"invalid request: {first['field']}: {first['message']}"
    return JSONResponse(error_body("invalid_input", message, details), status_code=422)


def is_console(request: Request) -> bool:
    """True for the web console's paths: everything outside the API and its documents."""
    path = request.url.path
    return not (path.startswith("/api/") or path in ("/openapi.json", "/docs", "/redoc"))


def _unreadable_body(err: StarletteHTTPException) -> str:
    """Why a body could not be parsed (FastAPI answers 400 for what is not JSON in UTF-8)."""
    cause = err.__cause__
    if isinstance(cause, UnicodeDecodeError):
        return "is not valid UTF-8"
    if isinstance(cause, RecursionError):
        return "is nested too deeply"
    return "is not valid JSON"


async def _on_http_error(request: Request, err: Exception) -> Response:
    assert isinstance(err, StarletteHTTPException)
    if is_console(request):
        return status_page(request, err.status_code, str(err.detail))
    if err.status_code == 400:  # the body could not be parsed: bad input like any other
        message = _unreadable_body(err)
        details = [{"field": "body", "message": message}]
        body = error_body("invalid_input", f"invalid request: body: {message}", details)
        return JSONResponse(body, status_code=422)
    codes = {404: "not_found", 405: "method_not_allowed", 413: "too_large", 401: "unauthenticated"}
    code = codes.get(err.status_code, "http_error")
    return JSONResponse(
        error_body(code, str(err.detail)),
        status_code=err.status_code,
        headers=getattr(err, "headers", None),
    )


async def _on_unexpected(request: Request, err: Exception) -> Response:
    # The outermost edge: log the failure class (no request data: it may be personal) and
    # answer 500 in the one error shape (or the console's error page).
    log.error(
        "unexpected %s on %s %s", type(err).__name__, request.method, request.url.path, exc_info=err
    )
    if is_console(request):
        return status_page(request, 500, "internal error")
    return JSONResponse(error_body("internal", "internal error"), status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(exc.IctdError, _on_ictd_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(Exception, _on_unexpected)
