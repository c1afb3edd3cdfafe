"""Index snapshot and distributed screening benchmarks (``ictd bench index``, ``ictd bench
cluster``).

Subjects come from the deterministic generator (``ictd.demo.generate``, ids by position, as
``ictd bench screen`` makes them). Each build process generates and indexes its own runs of
generator blocks, so the records never cross a process boundary; the blocks are merged and
written as a snapshot. Load is timed in fresh processes (``spawn``), two at once, each
mapping the file, running queries and reporting its memory from ``/proc/self/status``
(resident anonymous memory: its own; resident file pages: the mapped arrays, shared) and
``/proc/self/smaps_rollup`` (PSS: shared pages divided among the processes that map them).

The cluster benchmark screens generated queries against the snapshot on a local Dask cluster
of 1 and then 2 worker processes, timing the matching (from the first partition sent to the
last result back, each worker having mapped the index before), not the rendering under the
access policy, which stays next to the store. The queries are written as JSON lines to a
file beside the snapshot; each task is a byte range of it (``cluster.Span``), parsed on the
worker, and its matches come back encoded (``cluster.encode_matches``). Besides the wall
time it reports the CPU time of the workers and of this process (the client, with the local
cluster's scheduler and nannies), which a loaded machine does not inflate as it does the
wall time.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ictd.bench.screening import make_queries
from ictd.demo.generator import BLOCK_SIZE
from ictd.demo.generator import _block as generator_block
from ictd.demo.listings import DEMO_AGENCIES
from ictd.matching import DEFAULT_THRESHOLD, IndexRecord, Query, record_from_subject
from ictd.matching.segment import Segment
from ictd.matching.snapshot import Arrays, encode_segment
from ictd.screening import cluster
from ictd.screening import snapshot as snap

__all__ = [
    "ClusterBench",
    "IndexBench",
    "bench_cluster",
    "bench_index",
    "format_cluster_table",
    "format_index_table",
]

CHUNK = BLOCK_SIZE * 500  # 25,000 subjects a build task


def generated(seed: int, start: int, stop: int) -> list[IndexRecord]:
    """The index records of generated subjects ``start`` … ``stop - 1`` (ids from 1), as
    ``ictd.bench.screening.records`` makes them; ``start`` on a generator block."""
    out: list[IndexRecord] = []
    for at in range(start, stop, BLOCK_SIZE):
        block = generator_block(seed, at, min(BLOCK_SIZE, stop - at), DEMO_AGENCIES)
        out.extend(
            record_from_subject(replace(s.subject, id=at + k + 1)) for k, s in enumerate(block)
        )
    return out


def _generated_block(seed: int, start: int, stop: int) -> Arrays:
    return encode_segment(Segment.build(generated(seed, start, stop)))


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def build_generated(size: int, seed: int, workers: int, path: Path) -> tuple[float, float]:
    """Write the snapshot of ``size`` generated subjects to ``path``; the build's seconds
    and its CPU seconds (this process and the build processes, counted once they end)."""
    started, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    tasks = [(seed, at, min(size, at + CHUNK)) for at in range(0, size, CHUNK)]
    arrays = snap.build_arrays(tasks, _generated_block, workers)
    took = time.perf_counter() - started
    used = time.process_time() - cpu + _children_cpu() - children
    snap.write(path, arrays, 0, [], "generated")
    return took, used


def _status() -> dict[str, float]:
    """This process's memory in MiB: RssAnon, RssFile (Linux ``/proc/self/status``), Pss."""
    out: dict[str, float] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                key, _, value = line.partition(":")
                if key in ("RssAnon", "RssFile", "VmRSS"):
                    out[key] = int(value.split()[0]) / 1024
        with open("/proc/self/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    out["Pss"] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return out


def _mapped(path: str) -> tuple[float, float]:
    """Resident and proportional (PSS) MiB of this process's mappings of ``path``."""
    rss = pss = 0
    inside = False
    try:
        with open("/proc/self/smaps", encoding="utf-8", errors="replace") as handle:
            for line in handle:
                first = line.split(maxsplit=1)[0]
                if "-" in first and not first.endswith(":"):
                    inside = line.rstrip().endswith(path)
                elif inside and first == "Rss:":
                    rss += int(line.split()[1])
                elif inside and first == "Pss:":
                    pss += int(line.split()[1])
    except OSError:
        pass
    return rss / 1024, pss / 1024


def _load_and_query(path: str, queries: list[Query]) -> dict[str, float]:
    """In a fresh process: map the snapshot, time it, run ``queries``, report memory."""
    before = _status()
    started = time.perf_counter()
    index, _ = snap.load(Path(path))
    load_s = time.perf_counter() - started
    loaded = _status()
    times = []
    for query in queries:
        at = time.perf_counter()
        index.search(query, limit=10, threshold=DEFAULT_THRESHOLD)
        times.append(time.perf_counter() - at)
    after = _status()
    mapped_rss, mapped_pss = _mapped(str(Path(path).resolve()))
    return {
        "load_s": load_s,
        "p50_ms": statistics.median(times) * 1000 if times else 0.0,
        "base_mb": before.get("VmRSS", 0.0),
        "loaded_anon_mb": loaded.get("RssAnon", 0.0) - before.get("RssAnon", 0.0),
        "anon_mb": after.get("RssAnon", 0.0) - before.get("RssAnon", 0.0),
        "file_mb": mapped_rss,
        "pss_mb": after.get("Pss", 0.0) - before.get("Pss", 0.0),
        "mapped_pss_mb": mapped_pss,
    }


@dataclass(frozen=True, slots=True)
class IndexBench:
    size: int
    workers: int
    build_s: float
    build_cpu_s: float  # this process and the build processes
    file_mb: float
    load_s: float  # the slower of the two processes
    p50_ms: float
    anon_mb: float  # per process, after the queries
    mapped_mb: float  # per process: resident pages of the mapped snapshot (shared)
    mapped_pss_mb: float  # the same divided among the processes that map them
    pss_mb: float  # per process, all its growth, with the other one mapping the same file


def _sample_queries(size: int, seed: int, count: int) -> list[Query]:
    recs = generated(seed, 0, min(size, CHUNK))
    return [q for q, _ in make_queries(recs, {}, count, seed)]


def bench_index(size: int, workers: int, seed: int, folder: Path, queries: int = 300) -> IndexBench:
    """Build, write and load (in two processes at once) the snapshot of ``size`` subjects."""
    path = folder / f"bench-{size}.snap"
    build_s, build_cpu_s = build_generated(size, seed, workers, path)
    sample = _sample_queries(size, seed, queries)
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        found = pool.starmap(_load_and_query, [(str(path), sample), (str(path), sample)])
    result = IndexBench(
        size=size,
        workers=workers,
        build_s=build_s,
        build_cpu_s=build_cpu_s,
        file_mb=path.stat().st_size / 2**20,
        load_s=max(f["load_s"] for f in found),
        p50_ms=statistics.mean(f["p50_ms"] for f in found),
        anon_mb=statistics.mean(f["anon_mb"] for f in found),
        mapped_mb=statistics.mean(f["file_mb"] for f in found),
        mapped_pss_mb=statistics.mean(f["mapped_pss_mb"] for f in found),
        pss_mb=statistics.mean(f["pss_mb"] for f in found),
    )
    path.unlink()
    return result


def format_index_table(results: Sequence[IndexBench], command: str) -> str:
    lines = [
        f"`{command}`",
        "",
        "| subjects | build processes | build (s) | build CPU (s) | file (MiB) | load (s) "
        "| p50 (ms) | own memory per worker (MiB) | snapshot resident (MiB) "
        "| its PSS per worker (MiB) | PSS growth per worker (MiB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.size:,} | {r.workers} | {r.build_s:.1f} | {r.build_cpu_s:.1f} "
            f"| {r.file_mb:.0f} | {r.load_s:.2f} | {r.p50_ms:.2f} | {r.anon_mb:.0f} "
            f"| {r.mapped_mb:.0f} | {r.mapped_pss_mb:.0f} | {r.pss_mb:.0f} |"
        )
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class ClusterBench:
    subjects: int
    queries: int
    workers: int
    seconds: float
    worker_cpu: float  # seconds, all workers
    client_cpu: float  # seconds, this process: client, scheduler and nannies
    matches: int

    @property
    def qps(self) -> float:
        return self.queries / self.seconds

    @property
    def cpu_per_query_ms(self) -> float:
        return (self.worker_cpu + self.client_cpu) / self.queries * 1000


def _queries(size: int, seed: int, count: int) -> list[Query]:
    recs = generated(seed, 0, min(size, CHUNK))
    return [q for q, _ in make_queries(recs, {}, count, seed + 1)]


def write_queries(queries: list[Query], path: Path) -> list[cluster.Span]:
    """Write ``queries`` as JSON lines to ``path``; the spans of ``cluster.PARTITION``."""
    spans: list[cluster.Span] = []
    with path.open("wb") as out:
        for at in range(0, len(queries), cluster.PARTITION):
            start = out.tell()
            for q in queries[at : at + cluster.PARTITION]:
                row = {"id": q.id, "names": list(q.names), "schema": q.schema}
                if q.birth_date:
                    row["birth_date"] = q.birth_date
                out.write(json.dumps(row, ensure_ascii=False).encode() + b"\n")
            spans.append(cluster.Span("jsonl", path=str(path), start=start, stop=out.tell()))
    return spans


def _timed_run(
    client: Any, ref: cluster.IndexRef, spans: list[cluster.Span], workers: int
) -> tuple[float, float, float, int]:
    """Wall seconds, worker and client CPU seconds, and the matches found."""
    client.run(cluster.search_partition, ref, [], 10, DEFAULT_THRESHOLD)  # map it
    window = 2 * workers + 2
    before = client.run(time.process_time)
    cpu = time.process_time()
    started = time.perf_counter()
    pending: list[Any] = []
    matches = 0
    for span in spans:
        pending.append(
            client.submit(cluster.search_partition, ref, span, 10, DEFAULT_THRESHOLD, pure=False)
        )
        if len(pending) >= window:
            matches += len(pending.pop(0).result()["subjects"])
    for future in pending:
        matches += len(future.result()["subjects"])
    seconds = time.perf_counter() - started
    client_cpu = time.process_time() - cpu
    after = client.run(time.process_time)
    worker_cpu = sum(after[w] - before[w] for w in after)
    return seconds, worker_cpu, client_cpu, matches


def bench_cluster(
    subjects: int, queries: int, workers: Sequence[int], seed: int, folder: Path
) -> list[ClusterBench]:
    """Screen ``queries`` against ``subjects`` on local clusters of each worker count."""
    path = folder / f"bench-cluster-{subjects}.snap"
    build_generated(subjects, seed, os.cpu_count() or 1, path)
    info = snap.read_info(path)
    work = _queries(subjects, seed, queries)
    spans = write_queries(work, folder / "queries.jsonl")
    out: list[ClusterBench] = []
    try:
        for count in workers:
            client, close = cluster.open_client(f"local:{count}")
            try:
                ref = cluster.ship(client, info, shared=True)
                seconds, worker_cpu, client_cpu, found = _timed_run(client, ref, spans, count)
            finally:
                close()
            out.append(
                ClusterBench(subjects, len(work), count, seconds, worker_cpu, client_cpu, found)
            )
    finally:
        path.unlink()
    return out


def format_cluster_table(results: Sequence[ClusterBench], command: str) -> str:
    lines = [
        f"`{command}`",
        "",
        "| subjects | queries | workers | seconds | queries/s | scaling | worker CPU (s) "
        "| client CPU (s) | CPU per query (ms) | CPU scaling | matches |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    base = results[0] if results else None
    for r in results:
        # what N workers on N free cores would give, from CPU time: one worker runs at
        # 1 / (its CPU per query) with the client on a spare core; N workers and the
        # client share N cores: N / (all CPU per query)
        one = base.worker_cpu / base.queries * 1000 if base else 1.0
        cpu = r.workers * one / r.cpu_per_query_ms
        lines.append(
            f"| {r.subjects:,} | {r.queries:,} | {r.workers} | {r.seconds:.1f} | {r.qps:.0f} "
            f"| {r.qps / base.qps if base else 1.0:.2f}× | {r.worker_cpu:.1f} "
            f"| {r.client_cpu:.1f} | {r.cpu_per_query_ms:.2f} | {cpu:.2f}× | {r.matches:,} |"
        )
    return "\n".join(lines)
