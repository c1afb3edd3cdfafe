"""Listing lifecycle benchmark: the scheduled jobs that warn owners ahead of review dates
and let unextended listings expire, on many listings.

Each run bulk-loads ``size`` agency listings (active, shared with all, owned by AAA or BBB)
into a fresh store through the product's schema, with review dates spread evenly from 30
days before ``NOW`` to 60 months after it: about 1.6 % have come (they expire) and about
8 % are within four months (their owners are warned). It then times, with the clock at
``NOW``: the warning job's first run (one notice per listing due), its second run (nothing
new: idempotent), the expiry job's first run and its second run.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ictd.lifecycle.review import expire_listings, send_review_warnings
from ictd.model import Agency
from ictd.model.listing import new_contact_ref
from ictd.settings import Settings
from ictd.store import Store

__all__ = ["LifecycleBench", "bench_lifecycle", "format_lifecycle_table"]

NOW = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)
SPAN_DAYS = 30 + 60 * 30  # review dates from 30 days ago to about 60 months ahead
STEPS = ("warn (first run)", "warn (again)", "expire (first run)", "expire (again)")
LISTING_COLUMNS = (
    "subject_id",
    "agency",
    "category",
    "actions",
    "reliability",
    "accuracy",
    "review_date",
    "sharing",
    "shared_with",
    "handling",
    "status",
    "created_at",
    "updated_at",
    "contact_ref",
)


@dataclass(frozen=True, slots=True)
class LifecycleBench:
    backend: str
    listings: int
    runs: int
    seconds: dict[str, float]  # step -> median seconds
    counts: dict[str, int]  # step -> what the step did (warned / expired)


def _listing_rows(size: int) -> Iterator[tuple[Any, ...]]:
    first = NOW.date() - timedelta(days=30)
    for i in range(1, size + 1):
        review = first + timedelta(days=(i * 7919) % SPAN_DAYS)
        agency = "AAA" if i % 2 else "BBB"
        facts = ("terrorist", "arrest", "B", 2, review, "all", "", "H1", "active", NOW, NOW)
        yield (i, agency, *facts, new_contact_ref())


def _load(store: Store, size: int) -> None:
    with store.begin() as session:
        for code in ("AAA", "BBB"):
            session.accounts.insert_agency(Agency(code=code, name=code, created_at=NOW))
    with store.begin() as session:
        owners = ("AAA" if i % 2 else "BBB" for i in range(1, size + 1))
        subjects = ((i, "Person", a, None, NOW, NOW) for i, a in enumerate(owners, 1))
        columns = ("id", "schema", "agency", "source", "created_at", "updated_at")
        session.bulk.load_rows("subjects", columns, subjects)
        session.bulk.load_rows("listings", LISTING_COLUMNS, _listing_rows(size))
        session.bulk.reset_sequences()


def _one_run(url: str, size: int) -> tuple[dict[str, float], dict[str, int]]:
    store = Store(url)
    try:
        store.init()
        _load(store, size)
        settings = Settings(database_url=url, environment="test")
        seconds: dict[str, float] = {}
        counts: dict[str, int] = {}
        jobs = (send_review_warnings, send_review_warnings, expire_listings, expire_listings)
        for step, job in zip(STEPS, jobs, strict=True):
            began = time.perf_counter()
            result = job(store, settings, NOW)
            seconds[step] = time.perf_counter() - began
            counts[step] = sum(result.values())
    finally:
        store.dispose()
    return seconds, counts


def bench_lifecycle(size: int, runs: int, database_url: str | None = None) -> LifecycleBench:
    """Time the two lifecycle jobs ``runs`` times on fresh stores (temporary SQLite files,
    or the EMPTY throw-away PostgreSQL database ``database_url``, emptied between runs)."""
    timings: dict[str, list[float]] = {step: [] for step in STEPS}
    counts: dict[str, int] = {}
    backend = "sqlite"
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            url = database_url or f"sqlite:///{Path(tmp) / f'lifecycle-{run}.db'}"
            if database_url and run:
                emptied = Store(database_url)
                emptied.truncate_all()
                emptied.dispose()
            seconds, counts = _one_run(url, size)
            backend = "postgresql" if url.startswith("postgresql") else "sqlite"
            for step, value in seconds.items():
                timings[step].append(value)
    medians = {step: statistics.median(values) for step, values in timings.items()}
    return LifecycleBench(backend, size, runs, medians, counts)


def format_lifecycle_table(result: LifecycleBench, command: str) -> str:
    lines = [
        f"`{command}` — {result.backend}, {result.listings:,} active listings, median of "
        f"{result.runs} runs",
        "",
        "| job run | listings acted on | seconds | per listing acted on (ms) |",
        "|---|---:|---:|---:|",
    ]
    for step in STEPS:
        done, took = result.counts.get(step, 0), result.seconds[step]
        each = f"{1000 * took / done:.2f}" if done else "—"
        lines.append(f"| {step} | {done:,} | {took:.2f} | {each} |")
    return "\n".join(lines)
