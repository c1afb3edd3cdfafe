"""Operations endpoints: liveness, readiness and Prometheus metrics.

- ``GET /health/live``: the process answers (no key, no database).
- ``GET /health/ready``: 200 once the database schema is current and the screening index
  is built and caught up with the change feed, else 503: a load balancer sends traffic
  to a worker only then.
- ``GET /metrics``: Prometheus text format. Request latency per route template, queries
  screened and their hits, movements reported and their hits (counted over every worker
  of ``ictd serve --workers N``); the webhook outbox (depth, dead letters, delivery lag)
  and the answering worker's index (subjects, age, feed position), read when scraped.
  It needs an API key of the operator agency, unless ``ICTD_METRICS_PUBLIC`` is set (for
  a scraper on a private network).

With several workers, counters and histograms live in files under
``PROMETHEUS_MULTIPROC_DIR`` (``ictd serve`` sets it) and every scrape adds them up.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ictd.api.deps import authenticate
from ictd.edge import ServerDep, get_server
from ictd.edge.server import Server
from ictd.operations import outbox_state, require_operator

__all__ = ["RequestTimer", "count_movements", "count_screening", "install_operations"]

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
_OWN = CollectorRegistry()
_BUCKETS = (0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
REQUESTS = Histogram(
    "ictd_http_request_duration_seconds",
    "Time from request to response, by method, route template and status.",
    ["method", "route", "status"],
    buckets=_BUCKETS,
    registry=_OWN,
)
QUERIES = Counter("ictd_screening_queries", "Queries screened.", registry=_OWN)
QUERY_HITS = Counter(
    "ictd_screening_hits", "Hits among screened queries (shown or withheld).", registry=_OWN
)
MOVEMENTS = Counter("ictd_movements", "Movements reported.", registry=_OWN)
MOVEMENT_HITS = Counter("ictd_movement_hits", "Movements reported that hit.", registry=_OWN)


def count_screening(queries: int, hits: int) -> None:
    QUERIES.inc(queries)
    QUERY_HITS.inc(hits)


def count_movements(movements: int, hits: int) -> None:
    MOVEMENTS.inc(movements)
    MOVEMENT_HITS.inc(hits)


class RequestTimer:
    """Times every HTTP request into ``REQUESTS``, labelled by its route template (the
    path with ``{parameters}``; ``unmatched`` when no route took it)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = _template(scope)
            REQUESTS.labels(scope.get("method", ""), route, str(status)).observe(
                time.perf_counter() - started
            )


def _template(scope: Scope) -> str:
    """The matched route's path template with the prefix it was included under (some
    FastAPI versions keep the prefix out of ``route.path``): ``/api/v1/subjects/{id}``."""
    route = scope.get("route")
    template, pattern = getattr(route, "path", None), getattr(route, "path_regex", None)
    if not isinstance(template, str) or pattern is None:
        return "unmatched"
    path = str(scope.get("path", ""))
    if "{" not in template and path.endswith(template):
        return path  # no parameters: the path is its own template, prefix included
    for cut in (i for i, char in enumerate(path) if char == "/"):
        if pattern.match(path[cut:]):
            return f"{path[:cut]}{template}"
    return template


class _StateCollector(Collector):
    """Gauges read when scraped: the outbox from the store, the index of this worker."""

    def __init__(self, server: Server) -> None:
        self.server = server

    def collect(self) -> Iterator[Metric]:
        now = datetime.now(UTC)
        outbox = outbox_state(self.server.store)
        yield _gauge("ictd_outbox_pending", "Webhook deliveries waiting.", outbox.pending)
        yield _gauge("ictd_outbox_dead", "Webhook deliveries given up (dead letters).", outbox.dead)
        yield _gauge(
            "ictd_alert_delivery_lag_seconds",
            "How long the oldest waiting webhook delivery has waited.",
            outbox.lag_seconds(now),
        )
        live = self.server.live
        yield _gauge("ictd_index_loaded", "1 once this worker's index is built.", live.loaded)
        if live.loaded:
            yield _gauge("ictd_index_subjects", "Subjects in this worker's index.", len(live.index))
            yield _gauge(
                "ictd_index_feed_position",
                "The change-feed entry this worker's index reflects.",
                live.position,
            )
        if live.built_at is not None:
            yield _gauge(
                "ictd_index_age_seconds",
                "Seconds since this worker's index was last built in full.",
                time.time() - live.built_at,
            )


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=float(value))


def render_metrics(server: Server) -> bytes:
    """The Prometheus text of this server: counters of all workers, state of this one."""
    if os.environ.get(MULTIPROC_ENV):
        counted = CollectorRegistry()
        multiprocess.MultiProcessCollector(counted)  # type: ignore[no-untyped-call]
    else:
        counted = _OWN
    state = CollectorRegistry()
    state.register(_StateCollector(server))
    return generate_latest(counted) + generate_latest(state)


async def _metrics_reader(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> None:
    """The operator agency's key, unless metrics are public on this server."""
    server = get_server(request)
    if server.settings.metrics_public:
        return
    actor = await authenticate(request, authorization)
    await run_in_threadpool(require_operator, server.store, actor)


# operational endpoints, for proxies and scrapers: not part of the API document
router = APIRouter(tags=["operations"], include_in_schema=False)


@router.get("/health/live")
async def live() -> dict[str, Any]:
    """The process is up and answering; needs no key and no database."""
    return {"status": "live"}


@router.get("/health/ready", responses={503: {"description": "Not ready yet."}})
def ready(server: ServerDep) -> Response:
    """Ready for traffic: the schema is current and the screening index is built and
    caught up with the change feed. 503 until then; needs no key."""
    store_ready = server.store.is_ready()
    index_ready = store_ready and server.live.caught_up()
    body = {"ready": index_ready, "database": store_ready, "index": index_ready}
    return JSONResponse(body, status_code=200 if index_ready else 503)


@router.get(
    "/metrics",
    dependencies=[Depends(_metrics_reader)],
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {}}}},
)
def metrics(server: ServerDep) -> Response:
    """Prometheus metrics (text format); an operator agency's API key unless public."""
    return Response(render_metrics(server), media_type=CONTENT_TYPE_LATEST)


def install_operations(app: FastAPI) -> None:
    app.include_router(router)
    app.add_middleware(RequestTimer)
