"""The application factory: ``create_app(settings)`` builds the ASGI app."""

from __future__ import annotations

import inspect
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import ictd
from ictd.api.deps import refuse_control_text
from ictd.api.errors import error_body, install_error_handlers
from ictd.api.openapi import install_openapi
from ictd.api.operations import install_operations
from ictd.api.routers import accounts, audit, movements, screening, sources, subjects, webhooks
from ictd.api.routers import alerts as alert_routes
from ictd.api.routers import areas as area_routes
from ictd.api.routers import compliance as compliance_routes
from ictd.api.routers import exposure as exposure_routes
from ictd.api.routers import graph as graph_routes
from ictd.api.routers import hit_reports as hit_report_routes
from ictd.api.routers import lifecycle as lifecycle_routes
from ictd.api.routers import manifests as manifest_routes
from ictd.api.routers import media as media_routes
from ictd.api.routers import redress as redress_routes
from ictd.api.routers import resolve as resolve_routes
from ictd.api.routers import rules as rule_routes
from ictd.api.routers import trade as trade_routes
from ictd.api.routers import travel_documents as travel_document_routes
from ictd.edge import Server
from ictd.settings import Settings
from ictd.store import Store
from ictd.web import install_web

__all__ = ["create_app"]

API_PREFIX = "/api/v1"

# FastAPI's own OpenTelemetry hooks (newer releases): off. ICTD reports its requests as
# Prometheus metrics (``ictd.api.operations``); with the hooks on, every request asks
# OpenTelemetry for its three global providers (about 9 µs) only to find none configured.
_NO_TELEMETRY: dict[str, Any] = (
    {"telemetry": {"tracing": False, "metrics": False, "logs": False}}
    if "telemetry" in inspect.signature(FastAPI).parameters
    else {}
)


class BodyLimit:
    """Refuse request bodies larger than ``limit`` bytes with 413, before any handler runs."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(send, self.limit)
            return
        if declared is None and scope.get("method") in ("POST", "PUT", "PATCH"):
            # no declared length (chunked): read the body first, so that an oversized one
            # is answered 413 before any handler sees it
            buffered = await _read_body(receive, self.limit)
            if buffered is None:
                await _too_large(send, self.limit)
                return
            await self.app(scope, _replay(buffered, receive), send)
            return
        await self.app(scope, receive, send)


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    chunks, size = [], 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: wait for the disconnect

    return replay


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps(
        error_body(
            "too_large",
            f"request body is larger than {limit} bytes",
            {"field": "body", "limit": limit},
        )
    ).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """Build the API for ``settings``; the store must have been initialised (``ictd init``)."""
    settings = settings or Settings()
    store = store or Store(settings.database_url)
    server = Server(settings, store)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        server.start()
        try:
            yield
        finally:
            server.stop()

    app = FastAPI(
        lifespan=lifespan,
        title="ICTD API",
        version=ictd.__version__,
        description="International Counter-Terrorism Database: registry, screening, alerts.",
        openapi_url="/openapi.json",
        **_NO_TELEMETRY,
    )
    app.state.server = server
    install_error_handlers(app)
    for router in (
        # first: a request is matched against the routes in order, and these two take the
        # single requests of border posts and payment systems (their paths are their own)
        screening.router,
        movements.router,
        accounts.router,
        lifecycle_routes.router,  # before subjects: /listings/due is not /listings/{id}
        subjects.router,
        sources.router,
        audit.router,
        alert_routes.router,
        webhooks.router,
        graph_routes.router,
        resolve_routes.router,
        exposure_routes.router,
        manifest_routes.router,
        travel_document_routes.router,
        rule_routes.router,
        hit_report_routes.router,
        redress_routes.router,
        area_routes.router,
        trade_routes.router,
        media_routes.router,
        compliance_routes.router,
    ):
        app.include_router(router, prefix=API_PREFIX, dependencies=[Depends(refuse_control_text)])

    @app.get(f"{API_PREFIX}/health", tags=["health"])
    def health() -> dict[str, Any]:
        """Liveness and store readiness; needs no key."""
        return {
            "status": "ok",
            "version": ictd.__version__,
            "database": store.dialect,
            "ready": store.is_ready(),
        }

    install_operations(app)  # /health/live, /health/ready, /metrics
    install_web(app)  # the web console at /
    install_openapi(app)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    return app
