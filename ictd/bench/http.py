"""HTTP benchmark: the cost of single requests through a real server.

A throw-away store (SQLite, and PostgreSQL when a server URL is given: a database created
for the run on that server and dropped afterwards, ``ictd.store.scratch``) gets
``listed`` listed synthetic subjects (``ictd.demo.generate``), owned by agency AAA; agency
BBB's screener sends the requests. ``ictd serve`` runs as a child process on a free port.

For each route, ``clients`` threads, each with its own keep-alive connection, send
``requests`` requests in all, one query or one movement per request (one in ten names a
listed person); a short warm-up comes first and is not counted. Latency is per request, from
just before it is sent to the parsed answer (p50, p99); requests per second is over the
whole run. Any answer other than 2xx counts as an error.

With one server worker on Linux, the server's CPU time over the run (user and system, from
``/proc``) divided by the requests is reported too: on a machine shared with other work,
latency and requests/s move with the load, the CPU a request costs the server much less.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from ictd.bench.alerts_setup import Server, load_store
from ictd.store import Store
from ictd.store.scratch import scratch_database

__all__ = ["ROUTES", "HttpBenchResult", "bench_http", "format_http_table"]

API = "/api/v1"
ROUTES = ("screen", "movement")
_FIRST = ("Pierre", "Anna", "Lukas", "Maria", "Jonas", "Elena", "Tomasz", "Ingrid", "Paolo")
_LAST = ("Lindqvist", "Moreau", "Kowalczyk", "Brennan", "Vasquez", "Holmberg", "Okafor")


@dataclass(frozen=True, slots=True)
class HttpBenchResult:
    backend: str
    route: str
    listed: int
    requests: int
    clients: int
    workers: int
    per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    cpu_ms: float | None = None  # server CPU per request (one worker, Linux), else None


def _names(rng: random.Random, listed: list[list[str]]) -> list[str]:
    if rng.random() < 0.1:
        return rng.choice(listed)
    return [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"]


def _screen_call(rng: random.Random, listed: list[list[str]], n: int) -> tuple[str, Any]:
    return f"{API}/screen", {"queries": [{"id": f"q{n}", "names": _names(rng, listed)}]}


def _movement_call(rng: random.Random, listed: list[list[str]], n: int) -> tuple[str, Any]:
    when = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    body = {"idempotency_key": f"http-{n}-{rng.getrandbits(48):x}", "kind": "border-entry",
            "time": when, "traveller": {"names": _names(rng, listed)}}  # fmt: skip
    return f"{API}/movements", {"movements": [body]}


_CALLS: dict[str, Callable[[random.Random, list[list[str]], int], tuple[str, Any]]] = {
    "screen": _screen_call,
    "movement": _movement_call,
}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time of process ``pid`` so far (Linux ``/proc``), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _run_route(base: str, token: str, listed: list[list[str]], route: str, total: int,
               clients: int, cpu: Callable[[], float | None],
               ) -> tuple[float, list[float], int, float | None]:  # fmt: skip
    """``total`` requests from ``clients`` threads: (requests/s, latencies in ms, errors,
    server CPU ms per request)."""
    make = _CALLS[route]
    rng = random.Random(13)  # noqa: S311 - reproducible test data
    calls = [make(rng, listed, n) for n in range(total)]
    headers = {"Authorization": f"Bearer {token}"}

    def run(part: list[tuple[str, Any]]) -> tuple[list[float], int]:
        times: list[float] = []
        errors = 0
        with httpx.Client(base_url=base, timeout=60, headers=headers) as http:
            for path, body in part:
                started = time.perf_counter()
                answer = http.post(path, json=body)
                if answer.is_success:
                    answer.json()
                else:
                    errors += 1
                times.append((time.perf_counter() - started) * 1000)
        return times, errors

    warm = random.Random(3)  # noqa: S311 - reproducible test data
    run([make(warm, listed, -1 - n) for n in range(min(50, total))])
    cpu_before, started = cpu(), time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        parts = list(pool.map(run, [calls[i::clients] for i in range(clients)]))
    seconds, cpu_after = time.perf_counter() - started, cpu()
    latencies = [t for times, _ in parts for t in times]
    cpu_ms = None
    if cpu_before is not None and cpu_after is not None:
        cpu_ms = (cpu_after - cpu_before) * 1000 / total
    return total / seconds, latencies, sum(e for _, e in parts), cpu_ms


def _bench_store(backend: str, url: str, listed: int, routes: tuple[str, ...], requests: int,
                 clients: int, workers: int) -> list[HttpBenchResult]:  # fmt: skip
    store = Store(url)
    store.init()
    try:
        tokens, names = load_store(store, listed)
    finally:
        store.dispose()
    server = Server(url, workers=workers)
    server.start()
    results = []
    pid = server.proc.pid if server.proc is not None and workers == 1 else None

    def cpu() -> float | None:  # with several workers the CPU is theirs, not the parent's
        return cpu_seconds(pid) if pid is not None else None

    try:
        for route in routes:
            rate, latencies, errors, cpu_ms = _run_route(
                server.base, tokens["BBB:screener"], names, route, requests, clients, cpu
            )
            results.append(
                HttpBenchResult(
                    backend=backend,
                    route=route,
                    listed=listed,
                    requests=requests,
                    clients=clients,
                    workers=workers,
                    per_second=rate,
                    p50_ms=statistics.median(latencies),
                    p99_ms=_percentile(latencies, 0.99),
                    errors=errors,
                    cpu_ms=cpu_ms,
                )
            )
    finally:
        server.stop()
    return results


def bench_http(listed: int = 10_000, requests: int = 2_000, clients: int = 4,
               routes: tuple[str, ...] = ROUTES, pg_url: str | None = None,
               workers: int = 1) -> list[HttpBenchResult]:  # fmt: skip
    """Measure each route on SQLite, then, when ``pg_url`` names a PostgreSQL server, on a
    database created for it there (``ictd.store.scratch``, dropped afterwards)."""
    results = []
    with ExitStack() as stack:
        # first: a server that cannot be reached is reported before the SQLite run
        scratch = stack.enter_context(scratch_database(pg_url)) if pg_url else None
        with tempfile.TemporaryDirectory(prefix="ictd-bench-") as tmp:
            url = f"sqlite:///{Path(tmp) / 'bench.db'}"
            results += _bench_store("SQLite", url, listed, routes, requests, clients, workers)
        if scratch:
            results += _bench_store("PostgreSQL", scratch, listed, routes, requests, clients,
                                    workers)  # fmt: skip
    return results


def format_http_table(results: list[HttpBenchResult], command: str) -> str:
    lines = [
        f"`{command}`",
        "",
        "| store | route | listed | requests | clients | workers | requests/s | p50 (ms) "
        "| p99 (ms) | errors | server CPU (ms/request) |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        cpu = "—" if r.cpu_ms is None else f"{r.cpu_ms:.2f}"
        lines.append(
            f"| {r.backend} | {r.route} | {r.listed:,} | {r.requests:,} | {r.clients} "
            f"| {r.workers} | {r.per_second:,.0f} | {r.p50_ms:.2f} | {r.p99_ms:.2f} "
            f"| {r.errors} | {cpu} |"
        )
    return "\n".join(lines)
