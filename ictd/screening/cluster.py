"""Bulk screening on a Dask distributed cluster: the matching runs on the workers, the access
policy, owners' notices and the audit event here, next to the store.

The index travels as a snapshot file (``ictd.screening.snapshot``): every worker maps it
once and keeps it for the job — from a path all of them can read (a local cluster, a shared
disk), or, for workers on other machines, as the file's bytes scattered to each worker once
and written to its local disk. The queries go out in partitions (``PARTITION`` each, at
most ``2 × workers + 2`` in flight) and their raw matches come back; results are rendered and
handed on in input order. The job is audited as one ``screen.job`` event: counts, the
thresholds, and the SHA-256 digest of the input.

Dask is imported only here and only when a cluster is asked for (the optional extra
``ictd[cluster]``).
"""

from __future__ import annotations

import hashlib
import importlib
import os
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ictd.exc import InvalidInput
from ictd.matching import DEFAULT_THRESHOLD, Match, MatchIndex, Query
from ictd.outbox import AlertConfig, AlertWriter
from ictd.screening import snapshot as snap
from ictd.screening.query import QueryInput
from ictd.screening.result import QueryResult
from ictd.screening.service import check_options, hit_threshold, parse_queries, render
from ictd.security.actor import Actor
from ictd.security.policy import Permission, require
from ictd.store import Store

__all__ = ["ClusterJob", "IndexRef", "open_client", "screen_on_cluster"]

PARTITION = 1000
"""Queries per task: the most one screening call takes, and enough to hide a round trip."""

_INDEXES: dict[str, MatchIndex] = {}
_WRITTEN: list[Path] = []  # snapshot files this worker wrote from sent bytes
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class IndexRef:
    """How a worker finds the job's index: a readable ``path``, or (``path`` None) the
    snapshot's bytes, scattered to every worker and passed beside, to write to its own disk
    first; ``key`` names the snapshot (matcher, position, time), so each worker maps it
    once."""

    key: str
    path: str | None = None
    data: Any = None  # the scattered bytes (a Dask future), passed to tasks beside the ref


@dataclass(frozen=True, slots=True)
class ClusterJob:
    """What a distributed screening did."""

    queries: int
    hits: int
    withheld: int
    partitions: int
    workers: int
    digest: str


def _index(ref: IndexRef, data: bytes | None) -> MatchIndex:
    """The worker's mapped index for ``ref`` (mapped on first use, then kept)."""
    with _LOCK:
        found = _INDEXES.get(ref.key)
        if found is None:
            for old in _WRITTEN:  # the previous job's copy (a mapped file may be unlinked)
                old.unlink(missing_ok=True)
            _WRITTEN.clear()
            path = ref.path
            if path is None:
                assert data is not None
                folder = Path(tempfile.gettempdir()) / "ictd-snapshots"
                folder.mkdir(exist_ok=True)
                target = folder / f"{ref.key}.snap"
                if not target.exists():
                    part = target.with_suffix(f".{os.getpid()}.part")
                    part.write_bytes(data)
                    part.replace(target)
                _WRITTEN.append(target)
                path = str(target)
            found, _ = snap.load(Path(path))
            _INDEXES.clear()  # one job's index at a time per worker
            _INDEXES[ref.key] = found
        return found


def search_partition(
    ref: IndexRef, queries: list[Query], limit: int, floor: float, data: bytes | None = None
) -> list[list[Match]]:
    """A task on a worker: the raw matches of each query of one partition."""
    index = _index(ref, data)
    return [index.search(q, limit=limit, threshold=floor) for q in queries]


def open_client(address: str) -> tuple[Any, Callable[[], None]]:
    """A Dask client for ``local:N`` (a local cluster of N worker processes, one thread
    each) or a scheduler address (``tcp://host:8786``); and how to close what was opened."""
    try:
        dask: Any = importlib.import_module("distributed")  # typed as Any: untyped library
    except ImportError:  # pragma: no cover - the extra is part of the dev install
        raise InvalidInput.field(
            "--cluster", "Dask is not installed: pip install 'ictd[cluster]'"
        ) from None
    if address.startswith("local:"):
        count = address.removeprefix("local:")
        if not count.isdigit() or not 1 <= int(count) <= 256:
            raise InvalidInput.field("--cluster", "local:N with N from 1 to 256")
        cluster = dask.LocalCluster(
            n_workers=int(count),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,
        )
        client = dask.Client(cluster)

        def close_local() -> None:
            client.close()
            cluster.close()

        return client, close_local
    if "://" not in address:
        raise InvalidInput.field("--cluster", "local:N or a scheduler address (tcp://host:port)")
    remote = dask.Client(address, timeout="20s")
    return remote, remote.close


def ship(client: Any, info: snap.SnapshotInfo, shared: bool) -> IndexRef:
    """The ``IndexRef`` of a snapshot: its path when the workers can read it (``shared``),
    else its bytes sent once to every worker."""
    key = f"{info.matcher[:16]}-{info.position}-{int(info.created_at * 1000)}"
    if shared:
        return IndexRef(key, path=str(info.path.resolve()))
    data = client.scatter(info.path.read_bytes(), broadcast=True, hash=False)
    return IndexRef(key, data=data)


def screen_on_cluster(
    store: Store,
    actor: Actor,
    client: Any,
    ref: IndexRef,
    chunks: Iterable[list[QueryInput]],
    digest: str,
    threshold: float | None = None,
    limit: int = 5,
    config: AlertConfig | None = None,
    on_results: Callable[[list[QueryResult]], None] | None = None,
) -> ClusterJob:
    """Screen every chunk of ``chunks`` (at most ``PARTITION`` queries each) on the cluster;
    ``on_results`` gets each chunk's results, in input order. One audit event for the job,
    counting the queries whose results were handed on (``complete`` false when a bad query
    or a failure stopped it: the error is raised on)."""
    require(actor, Permission.SCREEN)
    cut = check_options(threshold, limit)
    with store.read() as session:
        hit_cut = hit_threshold(session, actor)
    floor = min(cut, hit_cut, DEFAULT_THRESHOLD)
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window = 2 * workers + 2
    pending: deque[tuple[list[Query], Any]] = deque()
    counts = {"queries": 0, "withheld": 0, "partitions": 0}
    hits: set[int] = set()
    refs: set[str] = set()
    events = 0

    def collect() -> None:
        nonlocal events
        queries, future = pending.popleft()
        raw = future.result()
        moment = datetime.now(UTC)
        with store.begin() as session:
            writer = AlertWriter(session, config or AlertConfig(), moment)
            told = render(session, writer, actor, queries, raw, (cut, hit_cut), moment)
            events += len(writer.events)
        counts["queries"] += len(queries)
        hits.update(told.hits)
        refs.update(told.references)
        counts["withheld"] += told.withheld
        if on_results:
            on_results(told.results)

    finished = False
    try:
        for chunk in _partitions(chunks):
            queries = parse_queries(chunk)
            plain = IndexRef(ref.key, ref.path)  # the future goes as an argument: Dask resolves it
            future = client.submit(
                search_partition, plain, queries, limit, floor, ref.data, pure=False
            )
            pending.append((queries, future))
            counts["partitions"] += 1
            if len(pending) >= window:
                collect()
        while pending:
            collect()
        finished = True
    finally:
        # audited even when the job stops half-way (a bad line, a lost worker): what was
        # rendered and handed on until then
        with store.begin() as session:
            session.audit.record(
                actor,
                "screen.job",
                [f"subject:{i}" for i in sorted(hits)] + [f"reference:{x}" for x in sorted(refs)],
                queries=counts["queries"],
                hits=len(hits),
                withheld=counts["withheld"] or None,
                partitions=counts["partitions"],
                workers=workers,
                input_sha256=digest,
                threshold=cut,
                hit_threshold=hit_cut,
                complete=finished,
            )
    return ClusterJob(
        counts["queries"], len(hits), counts["withheld"], counts["partitions"], workers, digest
    )


def _partitions(chunks: Iterable[list[QueryInput]]) -> Iterator[list[QueryInput]]:
    for chunk in chunks:
        for at in range(0, len(chunk), PARTITION):
            yield chunk[at : at + PARTITION]


def file_digest(path: Path) -> str:
    """SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
