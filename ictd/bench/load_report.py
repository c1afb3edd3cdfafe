"""The figures of a load test: per route counts and latency, and the Markdown report.

Latency runs from the moment a request was *due* on the schedule to its answer, so time
spent waiting for a free client or behind a slow generator counts (no coordinated
omission); ``late_s`` is how long after its due time a request was actually sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ictd.bench.load_plan import ROUTES
from ictd.bench.reconcile import Reconciliation

__all__ = ["LoadResult", "Outcome", "RouteStats", "format_load_report", "percentile",
           "route_stats"]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Outcome:
    """One request: ``status`` None when no answer came (a transport error)."""

    route: str
    status: int | None
    latency_ms: float
    late_s: float


@dataclass(frozen=True, slots=True)
class RouteStats:
    route: str
    count: int
    ok: int  # 2xx
    client_errors: int  # 4xx
    server_errors: int  # 5xx
    transport_errors: int
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float


@dataclass(frozen=True, slots=True)
class LoadResult:
    backend: str
    workers: int
    listed: int
    clients: int
    mix: str
    target_rate: float
    duration: float
    achieved_rate: float  # answers (or failures) per second, from the first due time
    late: int  # requests sent more than 1 s after their due time
    max_late_s: float
    generator_lag_s: float  # the most the generator itself fell behind the schedule
    generator_cpu: float  # share of one core used by the generating process
    server_cpu: tuple[float, ...]  # share of one core, per worker (empty when unknown)
    load_start: tuple[float, float, float]
    load_end: tuple[float, float, float]
    routes: tuple[RouteStats, ...]
    reconciliation: Reconciliation

    @property
    def errors(self) -> int:
        return sum(r.server_errors + r.transport_errors for r in self.routes)


def percentile(values: Sequence[float], share: float) -> float:
    """The measured value at ``share`` of the sorted values (nearest rank), NaN if none."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def route_stats(outcomes: Sequence[Outcome]) -> tuple[RouteStats, ...]:
    """One row per route of ``ROUTES`` that was sent at all, in that order."""
    rows = []
    for route in ROUTES:
        mine = [o for o in outcomes if o.route == route]
        if not mine:
            continue
        statuses = [o.status for o in mine]
        times = [o.latency_ms for o in mine]
        rows.append(
            RouteStats(
                route=route,
                count=len(mine),
                ok=sum(1 for s in statuses if s is not None and 200 <= s < 300),
                client_errors=sum(1 for s in statuses if s is not None and 400 <= s < 500),
                server_errors=sum(1 for s in statuses if s is not None and s >= 500),
                transport_errors=sum(1 for s in statuses if s is None),
                p50_ms=percentile(times, 0.50),
                p90_ms=percentile(times, 0.90),
                p99_ms=percentile(times, 0.99),
                max_ms=max(times),
            )
        )
    return tuple(rows)


def _load(values: tuple[float, float, float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def format_load_report(result: LoadResult, command: str) -> str:
    r, rec = result, result.reconciliation
    lines = [
        f"`{command}`",
        "",
        "| route | requests | 2xx | 4xx | 5xx | transport errors | p50 (ms) | p90 (ms) "
        "| p99 (ms) | max (ms) |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for s in r.routes:
        lines.append(
            f"| {s.route} | {s.count:,} | {s.ok:,} | {s.client_errors} | {s.server_errors} "
            f"| {s.transport_errors} | {s.p50_ms:.1f} | {s.p90_ms:.1f} | {s.p99_ms:.1f} "
            f"| {s.max_ms:.1f} |"
        )
    servers = ", ".join(f"{c:.0%}" for c in r.server_cpu) or "unknown"
    lines += [
        "",
        f"- {r.backend}, {r.workers} worker(s), {r.listed:,} listed subjects, mix {r.mix} "
        f"(screen/movement/read), at most {r.clients} requests in flight",
        f"- rate: {r.target_rate:g}/s asked for {r.duration:g} s, {r.achieved_rate:.1f}/s "
        f"achieved; sent more than 1 s late: {r.late} (latest {r.max_late_s:.2f} s; the "
        f"generator itself fell behind by {r.generator_lag_s * 1000:.0f} ms at most, the rest "
        "is waiting for one of the clients)",
        f"- CPU (share of one core): generator {r.generator_cpu:.0%}; server workers {servers}",
        f"- load average (1/5/15 min): {_load(r.load_start)} at start, {_load(r.load_end)} at end",
        f"- movements: {rec.sent:,} sent, {rec.accepted:,} accepted (2xx), {rec.found_once:,} "
        f"stored once; lost {rec.lost}, duplicated {rec.duplicated}, stored otherwise than "
        f"answered {rec.mismatched}, stored without a 2xx answer {rec.stored_unanswered}, "
        f"stored but never sent {rec.unknown}",
    ]
    return "\n".join(lines)
