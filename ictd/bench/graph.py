"""Graph benchmark: neighbourhood and exposure latency on a large synthetic graph; xref rate.

The graph is bulk-loaded through the product's schema into a fresh store (a temporary SQLite
file, or a throw-away PostgreSQL database given by URL): ``size`` subjects (40 % owned by AAA,
30 % by BBB and not shared, 30 % fed by a source), ``5 × size`` relations between random
subjects, each of a random type among those that link the two ends' kinds
(``RELATION_ENDS``) and stated by the owner of its source end, a phone number shared by groups of
three subjects for one subject in ten, and a listing in force (shared with all) on one subject
in a hundred. Queries run as an AAA analyst from readable start subjects: each is timed alone
(p50/p99). The same starts are also walked over relations only, hop by hop as the service does
and by the recursive-SQL walk (listed subjects within 3 hops, no paths), for comparison.
"""

from __future__ import annotations

import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ictd.exc import StoreError
from ictd.graph import exposure, neighbourhood, shortest_paths
from ictd.graph.walk import Walker
from ictd.model import Agency, RelationType, Role, Schema, relation_misfit
from ictd.model.listing import new_contact_ref
from ictd.resolve import xref
from ictd.security.actor import Actor
from ictd.store import Store
from ictd.store.bulk import vacuum_analyze

__all__ = ["GraphBench", "bench_graph", "build_graph", "format_graph_table"]

NOW = datetime(2026, 11, 28, tzinfo=UTC)
_KINDS = ("member-of", "owns", "director-of", "associate", "paid", "family", "supplied")


@dataclass(frozen=True, slots=True)
class GraphBench:
    backend: str
    subjects: int
    relations: int
    load_s: float  # writing the rows
    index_s: float  # then the indexes (PostgreSQL: and foreign keys, VACUUM ANALYZE)
    timings: dict[str, tuple[float, float]]  # case -> (p50 ms, p99 ms)
    xref_per_s: float
    xref_subjects: int
    peak_rss_mb: float


def _owner(i: int) -> tuple[str | None, str | None]:
    bucket = i % 10
    return ("AAA", None) if bucket < 4 else ("BBB", None) if bucket < 7 else (None, "bench")


SUBJECT_COLUMNS = ("id", "schema", "agency", "source", "created_at", "updated_at")
STATEMENT_COLUMNS = (
    "subject_id",
    "prop",
    "value",
    "norm",
    "agency",
    "source",
    "first_seen",
    "last_seen",
)
LISTING_COLUMNS = (
    "subject_id",
    "agency",
    "source",
    "category",
    "actions",
    "reliability",
    "accuracy",
    "sharing",
    "shared_with",
    "handling",
    "status",
    "created_at",
    "updated_at",
    "contact_ref",
)
RELATION_COLUMNS = ("source_id", "target_id", "type", "agency", "source", "created_at")
TABLES = ("subjects", "statements", "listings", "relations")


def _schema(i: int) -> str:
    return "Person" if i % 3 == 0 else "Company"


def _subject_rows(size: int) -> Iterator[tuple[Any, ...]]:
    for i in range(1, size + 1):
        yield (i, _schema(i), *_owner(i), NOW, NOW)


def _statement_rows(size: int) -> Iterator[tuple[Any, ...]]:
    for i in range(1, size + 1):
        schema, (agency, source) = _schema(i), _owner(i)
        yield (i, "name", f"{schema} {i}", f"{schema.lower()} {i}", agency, source, NOW, NOW)
        if i % 10 == 0:
            phone = f"+1555{i // 30:07d}"
            yield (i, "phone", phone, phone, agency, source, NOW, NOW)


def _listing_rows(size: int) -> Iterator[tuple[Any, ...]]:
    for i in range(100, size + 1, 100):
        agency, source = _owner(i)
        facts = ("financier", "freeze-assets", "B", 2, "all", "", "H1", "active", NOW, NOW)
        yield (i, agency, source, *facts, new_contact_ref())


def _fitting_kinds() -> dict[tuple[str, str], tuple[str, ...]]:
    """For each (source schema, target schema): the relation types of ``_KINDS`` that link
    them (every pair has at least one: ``associate``, ``paid``)."""
    schemas = ("Person", "Company")
    return {
        (a, b): tuple(
            k for k in _KINDS if relation_misfit(RelationType(k), Schema(a), Schema(b)) is None
        )
        for a in schemas
        for b in schemas
    }


def _relation_rows(size: int, seed: int) -> Iterator[tuple[Any, ...]]:
    rng = random.Random(seed)  # noqa: S311 (seeded benchmark data)
    kinds = _fitting_kinds()
    for _ in range(5 * size):
        a, b = rng.randint(1, size), rng.randint(1, size)
        if a == b:
            b = a % size + 1
        yield (a, b, rng.choice(kinds[_schema(a), _schema(b)]), *_owner(a), NOW)


@dataclass(frozen=True, slots=True)
class Load:
    relations: int
    rows_s: float  # writing the rows
    index_s: float  # then the indexes (PostgreSQL: and foreign keys, VACUUM ANALYZE)


def build_graph(store: Store, size: int, seed: int = 7) -> Load:
    """Write the synthetic graph (see the module docstring) through the product's schema.

    One transaction: the secondary indexes of the four tables are dropped, the rows streamed
    in (``executemany`` of one INSERT on SQLite, ``COPY`` on PostgreSQL), then the indexes
    (and foreign keys) are built again from their own definitions and checked to be the same.
    On PostgreSQL the tables are then vacuumed and analysed (counted in the index time).
    """
    with store.begin() as session:
        for code in ("AAA", "BBB"):
            session.accounts.insert_agency(Agency(code=code, name=code, created_at=NOW))
    with store.begin() as session:
        before = session.bulk.index_ddl(TABLES)
        session.bulk.cache(256)
        began = time.perf_counter()
        deferred = session.bulk.defer_indexes(TABLES)
        session.bulk.load_rows("subjects", SUBJECT_COLUMNS, _subject_rows(size))
        session.bulk.load_rows("statements", STATEMENT_COLUMNS, _statement_rows(size))
        session.bulk.load_rows("listings", LISTING_COLUMNS, _listing_rows(size))
        total = session.bulk.load_rows("relations", RELATION_COLUMNS, _relation_rows(size, seed))
        loaded = time.perf_counter()
        session.bulk.restore_indexes(deferred)
        session.bulk.reset_sequences()
        session.bulk.cache(0)
        if session.bulk.index_ddl(TABLES) != before:
            raise StoreError("the bulk load did not restore the schema's indexes")
    vacuum_analyze(store.engine, TABLES)  # PostgreSQL: the state autovacuum would soon reach
    return Load(total, loaded - began, time.perf_counter() - loaded)


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
            session.graph.listed_within_sql(sid, 3, "AAA", today)

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


def _peak_rss_mb() -> float:
    """This process's peak resident set so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_graph(
    size: int, queries: int = 200, xref_size: int = 5_000, database_url: str | None = None
) -> GraphBench:
    """Time xref on ``xref_size`` subjects, then build the large graph in the emptied store
    and time the queries on it. SQLite runs on temporary files; a PostgreSQL database is left
    holding the graph (emptying it would cost more than dropping it)."""
    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'xref.db'}"
        store = Store(url)
        try:
            store.init()
            build_graph(store, xref_size)
            began = time.perf_counter()
            xref(store, Actor.system("bench"), threshold=0.7)
            rate = xref_size / (time.perf_counter() - began)
            if database_url:
                store.truncate_all()
            else:
                store.dispose()
                store = Store(f"sqlite:///{Path(tmp) / 'graph.db'}")
                store.init()
            load = build_graph(store, size)
            timings = _measure(store, size, queries, seed=11)
        finally:
            store.dispose()
    return GraphBench(
        backend=store.dialect,
        subjects=size,
        relations=load.relations,
        load_s=load.rows_s,
        index_s=load.index_s,
        timings=timings,
        xref_per_s=rate,
        xref_subjects=xref_size,
        peak_rss_mb=_peak_rss_mb(),
    )


def format_graph_table(result: GraphBench, command: str) -> str:
    lines = [
        f"`{command}` — {result.backend}, {result.subjects:,} subjects, "
        f"{result.relations:,} relations (rows loaded in {result.load_s:.0f} s, then indexes"
        f"{' and foreign keys, VACUUM ANALYZE' if result.backend == 'postgresql' else ''} in "
        f"{result.index_s:.0f} s; peak RSS of the bench process {result.peak_rss_mb:,.0f} MB)",
        "",
        "| query | p50 ms | p99 ms |",
        "|---|---:|---:|",
    ]
    lines += [f"| {k} | {p50:.1f} | {p99:.1f} |" for k, (p50, p99) in result.timings.items()]
    lines += ["", f"xref: {result.xref_per_s:,.0f} subjects/s on {result.xref_subjects:,} subjects"]
    return "\n".join(lines)
