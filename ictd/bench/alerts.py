"""Alert benchmark: movement intake rate, reporter-to-console latency, and no alert lost or
duplicated across a ``kill -9`` of the server.

A throw-away SQLite store gets ``listed`` listed synthetic subjects (``ictd.demo.generate``),
all owned by agency AAA; agency BBB reports. ``ictd serve`` runs as a child process.

1. Throughput: ``movements`` reports (one in ten names a listed person) in calls of
   ``batch``, from ``clients`` threads; movements per second over the whole run.
2. Latency: an AAA duty officer holds ``GET /alerts/stream``; BBB reports ``samples``
   listed names one at a time; for each report that hits, latency is from just before the
   request is sent to the moment its alert's event is read from the stream (p50, p99).
3. Crash: with a webhook registered, BBB reports hits one at a time while the server is
   killed with SIGKILL and restarted; unanswered reports are retried with the same
   idempotency key. Every alert reference any answer carried must reach the webhook:
   ``lost`` counts those that never do, ``duplicated`` the extra deliveries.
"""

from __future__ import annotations

import contextlib
import json
import random
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from ictd.bench.alerts_setup import Receiver, Server, load_store, receiver
from ictd.store import Store

__all__ = ["AlertBenchResult", "bench_alerts", "format_alert_table"]

API = "/api/v1"


@dataclass(frozen=True, slots=True)
class AlertBenchResult:
    listed: int
    movements: int
    batch: int
    per_second: float
    single_per_second: float
    samples: int
    p50_ms: float
    p99_ms: float
    missed: int  # hits whose alert never reached the stream
    crash_alerts: int
    lost: int
    duplicated: int


def _movement(key: str, names: list[str]) -> dict[str, Any]:
    when = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    return {"idempotency_key": key, "kind": "border-entry", "time": when,
            "traveller": {"names": names}}  # fmt: skip


def _names(rng: random.Random, listed: list[list[str]], hit: bool) -> list[str]:
    if hit:
        return rng.choice(listed)
    return [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"]


_FIRST = ("Pierre", "Anna", "Lukas", "Maria", "Jonas", "Elena", "Tomasz", "Ingrid", "Paolo")
_LAST = ("Lindqvist", "Moreau", "Kowalczyk", "Brennan", "Vasquez", "Holmberg", "Okafor")


def _post(http: httpx.Client, token: str, bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    answer = http.post(
        f"{API}/movements",
        json={"movements": bodies},
        headers={"Authorization": f"Bearer {token}"},
    )
    answer.raise_for_status()
    results: list[dict[str, Any]] = answer.json()["results"]
    return results


def _throughput(base: str, token: str, listed: list[list[str]], total: int, batch: int,
                clients: int, tag: str) -> float:  # fmt: skip
    rng = random.Random(11)  # noqa: S311 - reproducible test data
    calls = [
        [_movement(f"{tag}-{i}-{j}", _names(rng, listed, rng.random() < 0.1)) for j in range(batch)]
        for i in range(max(1, total // batch))
    ]

    def run(part: list[list[dict[str, Any]]]) -> None:
        with httpx.Client(base_url=base, timeout=120) as http:
            for bodies in part:
                _post(http, token, bodies)

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(run, [calls[i::clients] for i in range(clients)]))
    return len(calls) * batch / (time.perf_counter() - started)


def _latency(base: str, tokens: dict[str, str], listed: list[list[str]], samples: int,
             store: Store) -> tuple[list[float], int]:  # fmt: skip
    """One sample per report that hits: from just before the request to the moment the
    event of its (first) alert is read from the stream. Also: how many never came."""
    with store.read() as session:
        head = session.alerts.event_head()
    seen: dict[str, float] = {}
    ready = threading.Event()
    streams: list[httpx.Response] = []

    def listen() -> None:
        headers = {"Authorization": f"Bearer {tokens['AAA:duty-officer']}",
                   "Last-Event-ID": str(head)}  # fmt: skip
        timeout = httpx.Timeout(30.0, read=330.0)
        url = f"{API}/alerts/stream"
        with (
            contextlib.suppress(Exception),  # closed from the other thread when done
            httpx.Client(base_url=base, timeout=timeout) as http,
            http.stream("GET", url, params={"wait": 300}, headers=headers) as stream,
        ):
            streams.append(stream)
            for line in stream.iter_lines():
                ready.set()
                if line.startswith("data: "):
                    seen[json.loads(line[6:])["alert"]["reference"]] = time.perf_counter()

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    ready.wait(30)
    rng = random.Random(5)  # noqa: S311 - reproducible test data
    sent: dict[str, float] = {}
    with httpx.Client(base_url=base, timeout=60) as http:
        for i in range(samples):
            started = time.perf_counter()
            (reply,) = _post(
                http, tokens["BBB:screener"], [_movement(f"lat-{i}", rng.choice(listed))]
            )
            if reply["hits"]:
                sent[reply["hits"][0]["alert"]] = started
            time.sleep(0.02)
    ends = time.monotonic() + 30
    while time.monotonic() < ends and not sent.keys() <= seen.keys():
        time.sleep(0.05)
    for stream in streams:
        with contextlib.suppress(Exception):  # another thread is reading it: just stop it
            stream.close()
    thread.join(5)
    missed = len(sent.keys() - seen.keys())
    return sorted((seen[r] - t) * 1000 for r, t in sent.items() if r in seen), missed


def _crash(server: Server, tokens: dict[str, str], listed: list[list[str]],
           hook: Receiver) -> tuple[int, int, int]:  # fmt: skip
    admin = {"Authorization": f"Bearer {tokens['AAA:agency-admin']}"}
    body = {"url": hook.url, "events": ["alert.created"]}
    httpx.post(f"{server.base}{API}/webhooks", json=body, headers=admin).raise_for_status()
    rng = random.Random(9)  # noqa: S311 - reproducible test data
    pending = [(f"crash-{i}", rng.choice(listed)) for i in range(300)]
    committed: set[str] = set()
    killed = False
    with httpx.Client(base_url=server.base, timeout=10) as http:
        for round_ in range(50):  # bounded retries of unanswered reports
            failed = []
            for n, (key, names) in enumerate(pending):
                if not killed and n == len(pending) // 2:
                    server.kill()  # between commit and delivery of the alerts just made
                    killed = True
                    server.start()
                try:
                    reply = _post(http, tokens["BBB:screener"], [_movement(key, names)])[0]
                    committed.update(h["alert"] for h in reply["hits"] if h["alert"])
                except httpx.HTTPError:
                    failed.append((key, names))
            if not failed:
                break
            pending = failed
            time.sleep(0.5 + round_ * 0.1)
    ends = time.monotonic() + 120
    while time.monotonic() < ends and not committed <= set(hook.references):
        time.sleep(0.2)
    time.sleep(2.0)  # would a second copy arrive?
    received = list(hook.references)
    return len(committed), len(committed - set(received)), len(received) - len(set(received))


def bench_alerts(listed: int = 10_000, movements: int = 5_000, batch: int = 100,
                 samples: int = 200, clients: int = 4) -> AlertBenchResult:  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        store = Store(url)
        store.init()
        tokens, names = load_store(store, listed)
        server = Server(url)
        server.start()
        try:
            with receiver() as hook:
                token = tokens["BBB:screener"]
                _throughput(server.base, token, names, 200, 50, 1, "warm")
                rate = _throughput(server.base, token, names, movements, batch, clients, "t")
                single = _throughput(server.base, token, names, 1000, 1, clients, "s")
                lat, missed = _latency(server.base, tokens, names, samples, store)
                crash = _crash(server, tokens, names, hook)
        finally:
            server.stop()
            store.dispose()
    return AlertBenchResult(
        listed, movements, batch, rate, single, len(lat),
        _pct(lat, 50), _pct(lat, 99), missed, *crash,
    )  # fmt: skip


def _pct(values: list[float], pct: int) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def format_alert_table(result: AlertBenchResult, command: str) -> str:
    r = result
    rows = [
        ("listed subjects", f"{r.listed:,}", ""),
        (f"movements/s, {r.batch} per call", f"{r.per_second:,.0f}", "≥ 500"),
        ("movements/s, 1 per call", f"{r.single_per_second:,.0f}", ""),
        (f"report → SSE latency p50 ({r.samples} hits)", f"{r.p50_ms:.1f} ms", ""),
        ("report → SSE latency p99", f"{r.p99_ms:.1f} ms", "≤ 100 ms"),
        ("hits whose alert never reached the stream", f"{r.missed}", "0"),
        ("alerts committed across kill -9", f"{r.crash_alerts}", ""),
        ("alerts lost / duplicated deliveries", f"{r.lost} / {r.duplicated}", "0 / 0"),
    ]
    lines = [f"`{command}`", "", "| measure | result | target |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)
