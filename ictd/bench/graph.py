"""Graph benchmark: neighbourhood and exposure latency on a large synthetic graph; xref rate.

The graph is written with bulk inserts into a fresh store (a temporary SQLite file, or a
throw-away PostgreSQL database given by URL): ``size`` subjects (40 % owned by AAA, 30 % by
BBB and not shared, 30 % fed by a source), ``5 × size`` relations between random subjects,
each stated by the owner of its source end, a phone number shared by groups of three subjects
for one subject in ten, and a listing in force (shared with all) on one subject in a hundred.
Queries run as an AAA analyst from readable start subjects: each is timed alone (p50/p99).
The same starts are also walked over relations only, hop by hop as the service does and by the
recursive-SQL walk (listed subjects within 3 hops, no paths), for comparison.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ictd.graph import exposure, neighbourhood, shortest_paths
from ictd.graph.walk import Walker
from ictd.model import Agency, Role
from ictd.resolve import xref
from ictd.security.actor import Actor
from ictd.store import Store

__all__ = ["GraphBench", "bench_graph", "build_graph", "format_graph_table"]

NOW = datetime(2026, 11, 28, tzinfo=UTC)
CHUNK = 50_000
_KINDS = ("member-of", "owns", "director-of", "associate", "paid", "family", "supplied")


@dataclass(frozen=True, slots=True)
class GraphBench:
    backend: str
    subjects: int
    relations: int
    load_s: float
    timings: dict[str, tuple[float, float]]  # case -> (p50 ms, p99 ms)
    xref_per_s: float
    xref_subjects: int


def _owner(i: int) -> tuple[str | None, str | None]:
    bucket = i % 10
    return ("AAA", None) if bucket < 4 else ("BBB", None) if bucket < 7 else (None, "bench")


def build_graph(store: Store, size: int, seed: int = 7) -> int:
    """Write the synthetic graph (see the module docstring); return the relation count."""
    rng = random.Random(seed)  # noqa: S311 (seeded benchmark data)
    with store.begin() as session:
        for code in ("AAA", "BBB"):
            session.insert_agency(Agency(code=code, name=code, created_at=NOW))
    base = {"first_seen": NOW, "last_seen": NOW, "qualifier": None, "lang": None}
    for start in range(1, size + 1, CHUNK):
        ids = range(start, min(size, start + CHUNK - 1) + 1)
        subjects, statements, listings = [], [], []
        for i in ids:
            agency, source = _owner(i)
            schema = "Person" if i % 3 == 0 else "Company"
            subjects.append(
                {
                    "id": i,
                    "schema": schema,
                    "agency": agency,
                    "source": source,
                    "created_at": NOW,
                    "updated_at": NOW,
                }
            )
            own = {"agency": agency, "source": source, "subject_id": i, **base}
            statements.append(
                {**own, "prop": "name", "value": f"{schema} {i}", "norm": f"{schema.lower()} {i}"}
            )
            if i % 10 == 0:
                phone = f"+1555{i // 30:07d}"
                statements.append({**own, "prop": "phone", "value": phone, "norm": phone})
            if i % 100 == 0:
                listings.append(
                    {
                        "subject_id": i,
                        "agency": agency,
                        "source": source,
                        "category": "financier",
                        "actions": "freeze-assets",
                        "reliability": "B",
                        "accuracy": 2,
                        "sharing": "all",
                        "shared_with": "",
                        "handling": "H1",
                        "status": "active",
                        "created_at": NOW,
                        "updated_at": NOW,
                    }
                )
        with store.begin() as session:
            session.bulk_insert("subjects", subjects)
            session.bulk_insert("statements", statements)
            session.bulk_insert("listings", listings)
    total = 5 * size
    for start in range(0, total, CHUNK):
        rows = []
        for _ in range(min(CHUNK, total - start)):
            a, b = rng.randint(1, size), rng.randint(1, size)
            if a == b:
                b = a % size + 1
            rows.append(
                {
                    "source_id": a,
                    "target_id": b,
                    "type": rng.choice(_KINDS),
                    "agency": _owner(a)[0],
                    "source": _owner(a)[1],
                    "created_at": NOW,
                }
            )
        with store.begin() as session:
            session.bulk_insert("relations", rows)
    with store.begin() as session:
        session.reset_sequences()
    return total


def _percentiles(fn: Callable[[int], Any], starts: list[int]) -> tuple[float, float]:
    times = []
    for sid in starts:
        began = time.perf_counter()
        fn(sid)
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def _measure(store: Store, size: int, queries: int, seed: int) -> dict[str, tuple[float, float]]:
    analyst = Actor(name="bench", agency="AAA", roles=frozenset({Role.ANALYST}))
    rng = random.Random(seed)  # noqa: S311 (seeded benchmark data)
    starts = [i for i in rng.sample(range(1, size + 1), queries * 3) if _owner(i)[0] != "BBB"]
    starts = starts[:queries]
    today = NOW.date()

    def hop_walk(sid: int) -> None:
        with store.read() as session:
            walker = Walker(session, analyst, today, shared=False)
            walker.admit([sid])
            shortest_paths(walker, sid, 3, 100)

    def sql_walk(sid: int) -> None:
        with store.read() as session:
            session.listed_within_sql(sid, 3, "AAA", today)

    _percentiles(lambda s: exposure(store, analyst, s, 3, today=today), starts[:10])  # warm up
    return {
        "neighbourhood, depth 2": _percentiles(
            lambda s: neighbourhood(store, analyst, s, 2, today=today), starts
        ),
        "exposure, 3 hops": _percentiles(
            lambda s: exposure(store, analyst, s, 3, today=today), starts
        ),
        "walk 3 hops, set-based hops (relations only)": _percentiles(hop_walk, starts),
        "walk 3 hops, recursive SQL (relations only)": _percentiles(sql_walk, starts),
    }


def bench_graph(
    size: int, queries: int = 200, xref_size: int = 5_000, database_url: str | None = None
) -> GraphBench:
    """Build the graph in a fresh store, time the queries, then time xref on ``xref_size``."""
    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'graph.db'}"
        store = Store(url)
        try:
            store.init()
            began = time.perf_counter()
            relations = build_graph(store, size)
            load_s = time.perf_counter() - began
            timings = _measure(store, size, queries, seed=11)
            store.truncate_all()
            build_graph(store, xref_size)
            began = time.perf_counter()
            xref(store, Actor.system("bench"), threshold=0.7)
            rate = xref_size / (time.perf_counter() - began)
            if database_url:
                store.truncate_all()
        finally:
            store.dispose()
    return GraphBench(store.dialect, size, relations, load_s, timings, rate, xref_size)


def format_graph_table(result: GraphBench, command: str) -> str:
    lines = [
        f"`{command}` — {result.backend}, {result.subjects:,} subjects, "
        f"{result.relations:,} relations (bulk load {result.load_s:.0f} s)",
        "",
        "| query | p50 ms | p99 ms |",
        "|---|---:|---:|",
    ]
    lines += [f"| {k} | {p50:.1f} | {p99:.1f} |" for k, (p50, p99) in result.timings.items()]
    lines += ["", f"xref: {result.xref_per_s:,.0f} subjects/s on {result.xref_subjects:,} subjects"]
    return "\n".join(lines)
