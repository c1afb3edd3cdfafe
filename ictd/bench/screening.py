"""Screening benchmark: build, memory, latency and throughput of the match index.

Subjects come from the deterministic generator (``ictd.demo.generate``); each gets the id of
its position. Queries are realistic and reproducible from the seed: about two thirds are
names of indexed subjects — spellings held out of the index (``truth``), typos, reordered or
shortened names, original-script names — a third are non-matching names (parts of different
subjects put together, which share a part with some subject, and unseen words); a birth
date is given on some. Three disjoint query sets are drawn: one warms caches up, one is timed
query by query (p50/p99), one is timed as a whole batch (queries/s, one core).

Records are streamed into the build, as the screening service streams subjects from the
store; an even sample of at most ``SAMPLE`` records is kept aside to draw queries from (all
records at 10k, so small sizes query every subject). Memory is the growth of the process's
resident set (RSS, ``/proc/self/statm``) from before the first record is made to after the
index is built: everything the index keeps alive, the parsing caches it warms, and the
sample.
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from ictd.demo import generate
from ictd.matching import DEFAULT_THRESHOLD, IndexRecord, MatchIndex, Query, record_from_subject

__all__ = ["ScreenResult", "bench_screening", "format_screen_table", "make_queries", "records"]

LIMIT = 10
"""Matches asked for per query, as the screening service asks by default."""
_FILLER = ("Zorvath", "Quilleran", "Branimoor", "Televik", "Oskarune", "Wendrafell", "Pyxor")


@dataclass(frozen=True, slots=True)
class ScreenResult:
    """The measurements at one index size."""

    size: int
    build_s: float
    memory_mb: float
    p50_ms: float
    p99_ms: float
    qps: float
    queries: int
    hit_rate: float  # share of matching queries whose subject is the top result


def rss_mb() -> float:
    """The resident set size of this process in MiB (Linux), 0 elsewhere."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
    except OSError:
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def records(size: int, seed: int) -> Iterator[IndexRecord]:
    """The index records of ``size`` synthetic subjects, ids 1 … ``size``."""
    for i, synthetic in enumerate(generate(size, seed=seed), start=1):
        yield record_from_subject(replace(synthetic.subject, id=i))


def _typo(rng: random.Random, name: str) -> str:
    pos = rng.randrange(len(name))
    if not name[pos].isalpha():
        return name
    kind = rng.randrange(3)
    if kind == 0:
        return name[:pos] + name[pos + 1 :]
    letter = rng.choice("aeiourstnlkmh")
    return name[:pos] + letter + name[pos + (kind == 1) :]


def _perturb(rng: random.Random, names: Sequence[str]) -> str:
    name = rng.choice(list(names))
    words = name.replace(",", " ").split()
    kind = rng.randrange(4)
    if kind == 0 and len(words) > 1:
        return " ".join(words[1:] + words[:1])
    if kind == 1 and len(words) > 2:
        return " ".join(words[:1] + words[2:])
    if kind == 2:
        return _typo(rng, name)
    return name


def make_queries(
    recs: Sequence[IndexRecord], truths: dict[int, tuple[str, ...]], count: int, seed: int
) -> list[tuple[Query, int | None]]:
    """``count`` queries with the subject each should find (None for a non-matching name)."""
    rng = random.Random(seed)  # noqa: S311  # reproducible test data, not secrets
    out: list[tuple[Query, int | None]] = []
    for n in range(count):
        rec = rng.choice(recs)
        dob = rec.birth_dates[0] if rec.birth_dates and rng.random() < 0.4 else None
        if n % 3 == 2:
            other = rng.choice(recs)
            given = rng.choice(rec.names).replace(",", " ").split()[:1]
            family = rng.choice(other.names).replace(",", " ").split()[-1:]
            words = [*given, rng.choice(_FILLER), *family]
            name = " ".join(words if rng.random() < 0.7 else [rng.choice(_FILLER), *family])
            query, target = Query(f"q{n}", names=(name,), schema=rec.schema), None
        else:
            held_out = truths.get(rec.subject_id, ())
            picked = rng.choice(held_out) if held_out and rng.random() < 0.5 else None
            name = picked or _perturb(rng, rec.names)
            query = Query(f"q{n}", names=(name,), schema=rec.schema, birth_date=dob)
            target = rec.subject_id
        out.append((query, target))
    return out


SAMPLE = 20_000
"""Records kept aside to draw queries from (all of them up to this many)."""


class _Sampler:
    """Passes records through to the index build, keeping an even sample and held-out names."""

    def __init__(self, size: int, seed: int) -> None:
        self.size, self.seed = size, seed
        self.step = max(1, size // SAMPLE)
        self.sample: list[IndexRecord] = []
        self.truths: dict[int, tuple[str, ...]] = {}

    def __iter__(self) -> Iterator[IndexRecord]:
        for i, synthetic in enumerate(generate(self.size, seed=self.seed), start=1):
            record = record_from_subject(replace(synthetic.subject, id=i))
            if i % self.step == 0:
                self.sample.append(record)
                if synthetic.truth and i % 7 == 0:
                    self.truths[i] = synthetic.truth
            yield record


def bench_size(size: int, n_queries: int, seed: int) -> ScreenResult:
    """Build an index of ``size`` subjects and measure it."""
    gc.collect()
    before = rss_mb()
    sampler = _Sampler(size, seed)
    start = time.perf_counter()
    index = MatchIndex.build(sampler)  # streamed: the records are not all held at once
    build_s = time.perf_counter() - start
    gc.collect()
    gc.freeze()  # as the screening service does after a build (ictd.screening.live_index)
    memory = rss_mb() - before
    sets = [
        make_queries(sampler.sample, sampler.truths, n_queries, seed * 1000 + k) for k in range(3)
    ]
    del sampler
    for query, _ in sets[0]:
        index.search(query, limit=LIMIT, threshold=DEFAULT_THRESHOLD)
    times: list[float] = []
    hits = wanted = 0
    for query, target in sets[1]:
        start = time.perf_counter()
        found = index.search(query, limit=LIMIT, threshold=DEFAULT_THRESHOLD)
        times.append(time.perf_counter() - start)
        if target is not None:
            wanted += 1
            hits += bool(found) and found[0].subject_id == target
    start = time.perf_counter()
    for query, _ in sets[2]:
        index.search(query, limit=LIMIT, threshold=DEFAULT_THRESHOLD)
    batch_s = time.perf_counter() - start
    gc.unfreeze()
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return ScreenResult(
        size=size,
        build_s=build_s,
        memory_mb=memory,
        p50_ms=statistics.median(times) * 1000,
        p99_ms=cuts[98] * 1000,
        qps=len(sets[2]) / batch_s,
        queries=n_queries,
        hit_rate=hits / max(1, wanted),
    )


def bench_screening(sizes: Sequence[int], n_queries: int, seed: int) -> list[ScreenResult]:
    """Measure every size in turn, in this process (one core)."""
    return [bench_size(size, n_queries, seed) for size in sizes]


def format_screen_table(results: Sequence[ScreenResult], command: str) -> str:
    """A Markdown table of ``results`` headed by the command that produced them."""
    lines = [
        f"`{command}`",
        "",
        "| subjects | build (s) | index memory (MiB, RSS Δ) | p50 (ms) | p99 (ms) "
        "| queries/s (1 core) | top-1 hit rate |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.size:,} | {r.build_s:.1f} | {r.memory_mb:,.0f} | {r.p50_ms:.2f} "
            f"| {r.p99_ms:.2f} | {r.qps:,.0f} | {r.hit_rate:.3f} |"
        )
    lines.append("")
    lines.append(f"{results[0].queries if results else 0} queries per set; RSS Δ on Linux.")
    return "\n".join(lines)
