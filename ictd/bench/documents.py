"""The travel-document register: the in-memory index at ten million reports, the indexed
store look-up that movement intake uses, and the bulk import rate.

- **Index**: ``DocumentIndex.build`` over ``size`` synthetic keys (numbers of nine letters
  and digits, a third of them without a state); build time, the arrays' bytes and the
  process's resident memory before and after; then the median and p99 of single look-ups,
  half of documents on the register and half not.
- **Import**: ``record_reports`` (the service, with its policy check and audit) of
  ``import_size`` reports into a new SQLite file (and, with a URL, a throw-away PostgreSQL
  database, emptied first), in chunks of ``chunk`` a transaction; rows per second.
- **Store look-up**: ``document_hits`` on that store, one movement per call and a batch of
  100 per call, the median time per movement.
- **Rules**: the facts of a synthetic movement and 20 compiled rules evaluated on it (with
  the explanation of each hit), the median per movement.
"""

from __future__ import annotations

import gc
import random
import resource
import statistics
import string
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ictd.border.document_key import DocumentIndex, DocumentKey
from ictd.border.rules import compile_rule
from ictd.documents import document_hits, record_reports
from ictd.model.movement import Movement
from ictd.model.travel_document import DocumentReport, DocumentStatus, TravelDocument
from ictd.registry import accounts
from ictd.security.actor import Actor
from ictd.store import Store
from ictd.targeting import movement_facts

__all__ = ["DocumentBench", "bench_documents", "format_document_table"]

_ALNUM = string.ascii_uppercase + string.digits
_STATES = ("DE", "FR", "IT", "ES", "NL", "BE", "PL", "AT", "SE", "GR")
_TODAY = date(2026, 12, 1)


@dataclass
class DocumentBench:
    size: int
    build_seconds: float = 0.0
    index_mib: float = 0.0
    rss_before_mib: float = 0.0
    rss_after_mib: float = 0.0
    lookup_median_us: float = 0.0
    lookup_p99_us: float = 0.0
    lookups: int = 0
    imports: list[dict[str, Any]] = field(default_factory=list)
    rules: int = 0
    rule_movements: int = 0
    rule_median_us: float = 0.0
    rule_hits: int = 0


def _rss_mib() -> float:
    """The resident memory now (Linux: ``/proc/self/statm``), else the peak so far."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * resource.getpagesize() / 2**20
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _number(rng: random.Random) -> str:
    return "".join(rng.choices(_ALNUM, k=9))


def _key(rng: random.Random) -> DocumentKey:
    state = rng.choice(_STATES) if rng.random() < 0.67 else None
    return DocumentKey("P" if rng.random() < 0.8 else "I", _number(rng), state)


def _bench_index(size: int, lookups: int, seed: int, out: DocumentBench) -> None:
    rng = random.Random(seed)  # noqa: S311 (reproducible test data)
    gc.collect()
    out.rss_before_mib = _rss_mib()
    sample: list[DocumentKey] = []
    every = max(1, size // lookups)

    def entries() -> Any:
        for i in range(size):
            key = _key(rng)
            if i % every == 0 and len(sample) < lookups // 2:
                sample.append(key)
            yield key, i + 1

    started = time.perf_counter()
    index = DocumentIndex.build(entries())
    out.build_seconds = time.perf_counter() - started
    out.index_mib = index.nbytes / 2**20
    out.rss_after_mib = _rss_mib()
    probe = random.Random(seed + 1)  # noqa: S311
    absent = [DocumentKey("P", _number(probe), "DE") for _ in range(lookups - len(sample))]
    keys = sample + absent
    probe.shuffle(keys)
    found, times = 0, []
    for key in keys:
        t0 = time.perf_counter_ns()
        hit = index.lookup(key)
        times.append((time.perf_counter_ns() - t0) / 1000)
        found += bool(hit)
    assert found >= len(sample), "a document put in the index was not found"
    times.sort()
    out.lookups = len(times)
    out.lookup_median_us = statistics.median(times)
    out.lookup_p99_us = times[int(len(times) * 0.99) - 1]


def _reports(count: int, seed: int) -> list[DocumentReport]:
    rng = random.Random(seed)  # noqa: S311 (reproducible test data)
    statuses = list(DocumentStatus)
    return [
        DocumentReport(
            document=TravelDocument("P", _number(rng), "DE"),
            status=rng.choice(statuses),
            reported_on=date(2026, 1, 1),
            agency="BENCH",
        )
        for _ in range(count)
    ]


def _bench_store(
    url: str, backend: str, size: int, chunk: int, seed: int, empty: bool
) -> dict[str, Any]:
    store = Store(url)
    try:
        if empty:
            store.init()
            store.truncate_all()
        store.init()
        system = Actor.system("benchmark")
        accounts.create_agency(store, system, "BENCH", "Benchmark agency")
        accounts.set_country(store, system, "BENCH", "DE")
        user = accounts.create_user(store, system, "bench@bench.example", "BENCH", ["analyst"])
        actor = Actor.from_user(user)
        reports = _reports(size, seed)
        started = time.perf_counter()
        for start in range(0, size, chunk):
            record_reports(store, actor, reports[start : start + chunk])
        seconds = time.perf_counter() - started
        rng = random.Random(seed + 2)  # noqa: S311
        picks = [rng.choice(reports).document.number for _ in range(200)]
        moves = [
            {"document_type": "passport", "document_number": n, "document_country": "DE"}
            for n in picks
        ]
        single: list[float] = []
        for move in moves:
            t0 = time.perf_counter_ns()
            with store.read() as session:
                hits = document_hits(session, [move], _TODAY)
            single.append((time.perf_counter_ns() - t0) / 1000)
            assert hits[0], "a recorded document was not found"
        batched: list[float] = []
        for start in range(0, len(moves), 100):
            t0 = time.perf_counter_ns()
            with store.read() as session:
                document_hits(session, moves[start : start + 100], _TODAY)
            batched.append((time.perf_counter_ns() - t0) / 1000 / 100)
        return {
            "backend": backend,
            "reports": size,
            "seconds": seconds,
            "rows_per_second": size / seconds if seconds else 0.0,
            "single_us": statistics.median(single),
            "batched_us": statistics.median(batched),
        }
    finally:
        if empty:
            store.truncate_all()
        store.dispose()


RULES = (
    'nationality in ["SY", "IQ", "AF"] and age between 18 and 35',
    'destination.country == "{c}" and gender == "male"',
    'document.country == "{c}" and not document_hit',
    'origin.country == "{c}" or transit.country contains "{c}"',
    'carrier == "AF" and flight == "AF1{n}"',
)


def _movements(count: int, seed: int) -> list[Movement]:
    rng = random.Random(seed)  # noqa: S311
    kinds = ("border-entry", "border-exit", "transit")
    out = []
    for i in range(count):
        out.append(
            Movement(
                id=i + 1,
                agency="BENCH",
                idempotency_key=f"m-{i}",
                digest="",
                kind=rng.choice(kinds),
                occurred_at=datetime(2026, 11, 1, tzinfo=UTC),
                names=("Jean Dupont",),
                country=rng.choice(_STATES),
                point_of_entry="CDG",
                carrier="AF",
                flight=f"AF1{rng.randrange(100):02d}",
                document_type="passport",
                document_number=_number(rng),
                document_country=rng.choice(_STATES),
                birth_date=date(rng.randrange(1950, 2008), rng.randrange(1, 13), 15).isoformat(),
                nationalities=(rng.choice(("SY", "IQ", "FR", "DE")),),
                gender=rng.choice(("male", "female")),
            )
        )
    return out


def _bench_rules(rules: int, count: int, seed: int, out: DocumentBench) -> None:
    """Facts of a movement and ``rules`` active rules evaluated on it, per movement."""
    programs = [
        compile_rule(RULES[i % len(RULES)].format(c=_STATES[i % len(_STATES)], n=f"{i:02d}"))
        for i in range(rules)
    ]
    times, hits = [], 0
    for movement in _movements(count, seed):
        t0 = time.perf_counter_ns()
        facts = movement_facts(movement, False)
        matched = [p for p in programs if p.matches(facts)]
        for program in matched:
            program.evaluate(facts)
        times.append((time.perf_counter_ns() - t0) / 1000)
        hits += len(matched)
    out.rules, out.rule_movements = rules, count
    out.rule_median_us, out.rule_hits = statistics.median(times), hits


def bench_documents(
    size: int,
    lookups: int,
    import_size: int,
    chunk: int = 10_000,
    database_url: str | None = None,
    seed: int = 13,
) -> DocumentBench:
    out = DocumentBench(size=size)
    _bench_rules(20, 20_000, seed, out)
    _bench_index(size, lookups, seed, out)
    gc.collect()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'documents.db'}"
        out.imports.append(_bench_store(url, "sqlite", import_size, chunk, seed, empty=False))
    if database_url:
        out.imports.append(
            _bench_store(database_url, "postgresql", import_size, chunk, seed, empty=True)
        )
    return out


def format_document_table(result: DocumentBench, command: str) -> str:
    lines = [
        f"Command: `{command}`",
        "",
        "| Index | Documents | Build (s) | Arrays (MiB) | RSS before → after (MiB) "
        "| Look-ups | Median (µs) | p99 (µs) |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
        f"| `DocumentIndex` | {result.size:,} | {result.build_seconds:.1f} "
        f"| {result.index_mib:,.0f} | {result.rss_before_mib:,.0f} → "
        f"{result.rss_after_mib:,.0f} | {result.lookups:,} | {result.lookup_median_us:.1f} "
        f"| {result.lookup_p99_us:.1f} |",
        "",
        "| Store | Reports imported | Import (s) | Rows/s | Look-up, 1 movement a call (µs) "
        "| Look-up, 100 a call (µs per movement) |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for r in result.imports:
        lines.append(
            f"| {r['backend']} | {r['reports']:,} | {r['seconds']:.1f} "
            f"| {r['rows_per_second']:,.0f} | {r['single_us']:,.0f} | {r['batched_us']:,.0f} |"
        )
    lines += [
        "",
        "| Rules | Movements | Median per movement (µs) | Rule hits |",
        "|--:|--:|--:|--:|",
        f"| {result.rules} | {result.rule_movements:,} | {result.rule_median_us:.1f} "
        f"| {result.rule_hits:,} |",
    ]
    return "\n".join(lines)
