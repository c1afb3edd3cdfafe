"""``ictd bench manifests``: a passenger manifest parsed, screened, stored and answered
end to end over HTTP.

A throw-away SQLite store gets ``listed`` listed synthetic subjects (the set-up of the
alert benchmark, ``ictd.bench.alerts_setup``) and is served by ``ictd serve`` in a child
process (one worker). Synthetic PAXLST passenger lists of ``passengers`` travellers
(``ictd.border.generate_flights``, a new interchange reference each) are posted to
``POST /api/v1/manifests`` one at a time: the p50 of ``runs`` posts is the end-to-end
latency, and ``sustained`` posts back to back give the passengers per second one worker
sustains. The parse alone is timed in this process, to tell its share.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from ictd.alerts.retro import CURSOR as RETRO_CURSOR
from ictd.bench.alerts_setup import Server, load_store
from ictd.border import generate_flights, parse_interchange
from ictd.store import Store

__all__ = ["ManifestBenchResult", "bench_manifests", "format_manifest_table"]

API = "/api/v1"


@dataclass(frozen=True, slots=True)
class ManifestBenchResult:
    listed: int
    passengers: int
    runs: int
    p50_ms: float
    p90_ms: float
    parse_ms: float
    sustained_messages: int
    sustained_seconds: float
    hits: int

    @property
    def per_second(self) -> float:
        return self.sustained_messages * self.passengers / self.sustained_seconds


def _messages(count: int, passengers: int, first_seed: int) -> list[str]:
    start = (datetime.now(UTC) - timedelta(days=2)).replace(tzinfo=None, second=0, microsecond=0)
    out = []
    for i in range(count):
        (flight,) = generate_flights(
            first_seed + i, start, flights=1, passengers=passengers, crew=0
        )
        out.append(flight.passenger_list)
    return out


def _post(http: httpx.Client, base: str, token: str, text: str) -> dict[str, object]:
    answer = http.post(
        f"{base}{API}/manifests",
        content=text.encode("utf-8"),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/edifact"},
    )
    if answer.status_code != 200:
        raise RuntimeError(f"manifest refused: {answer.status_code} {answer.text[:300]}")
    body: dict[str, object] = answer.json()
    if body.get("replayed"):
        raise RuntimeError("an interchange was replayed: the benchmark needs new ones")
    return body


def _settled(store: Store, timeout: float = 300.0) -> None:
    """Wait for the server's first pass over the listings (retro-screening, ``ictd.alerts
    .retro``): it sets its cursor past the listings just loaded, which are then not screened
    again against the benchmark's own movements while they are being timed."""
    ends = time.monotonic() + timeout
    while time.monotonic() < ends:
        with store.read() as session:
            if session.alerts.cursor(RETRO_CURSOR) is not None:
                return
        time.sleep(0.2)
    raise RuntimeError("the server did not finish its first pass over the listings")


def bench_manifests(
    listed: int = 10_000, passengers: int = 400, runs: int = 20, sustained: int = 10
) -> ManifestBenchResult:
    messages = _messages(1 + runs + sustained, passengers, 1)
    parse_times = []
    for _ in range(5):
        began = time.perf_counter()
        parse_interchange(messages[0]).raise_if_rejected()
        parse_times.append(time.perf_counter() - began)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        store = Store(url)
        store.init()
        tokens, _names = load_store(store, listed)
        token = tokens["BBB:screener"]
        server = Server(url)
        server.start()
        try:
            _settled(store)
            with httpx.Client(timeout=300) as http:
                _post(http, server.base, token, messages[0])  # warm: the index is built
                times, hits = [], 0
                for text in messages[1 : 1 + runs]:
                    began = time.perf_counter()
                    body = _post(http, server.base, token, text)
                    times.append(time.perf_counter() - began)
                    hits += int(str(body["hits"]))
                began = time.perf_counter()
                for text in messages[1 + runs :]:
                    _post(http, server.base, token, text)
                elapsed = time.perf_counter() - began
        finally:
            server.stop()
            store.dispose()
    deciles = statistics.quantiles(times, n=10, method="inclusive") if len(times) > 1 else times
    return ManifestBenchResult(
        listed=listed,
        passengers=passengers,
        runs=runs,
        p50_ms=statistics.median(times) * 1000,
        p90_ms=deciles[-1] * 1000,
        parse_ms=statistics.median(parse_times) * 1000,
        sustained_messages=sustained,
        sustained_seconds=elapsed,
        hits=hits,
    )


def format_manifest_table(result: ManifestBenchResult, command: str) -> str:
    r = result
    rows = [
        ("listed subjects", f"{r.listed:,}", ""),
        (
            f"{r.passengers}-passenger PAXLST over HTTP, p50 of {r.runs}",
            f"{r.p50_ms:,.0f} ms",
            "≤ 300 ms",
        ),
        (f"… p90 of {r.runs}", f"{r.p90_ms:,.0f} ms", ""),
        ("… of which parsing (median of 5, in process)", f"{r.parse_ms:,.1f} ms", ""),
        (
            f"passengers/s sustained, one worker ({r.sustained_messages} messages back to back)",
            f"{r.per_second:,.0f}",
            "≥ 2,000",
        ),
        (f"travellers that hit (in the {r.runs} timed messages)", f"{r.hits}", ""),
    ]
    lines = [f"`{command}`", "", "| measure | result | target |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)
