"""Bulk screening on a Dask distributed cluster: the matching runs on the workers, the access
policy, owners' notices and the audit event here, next to the store.

The index travels as a snapshot file (``ictd.screening.snapshot``): every worker maps it
once and keeps it for the job — from a path all of them can read (a local cluster, a shared
disk), or, for workers on other machines, as the file's bytes scattered to each worker once
and written to its local disk. The queries go out in partitions (``PARTITION`` each, at
most ``2 × workers + 2`` in flight) and their raw matches come back; results are rendered and
handed on in input order. The job is audited as one ``screen.job`` event: counts, the
thresholds, and the SHA-256 digest of the input.

What crosses the wire is kept compact, so that the client (and the scheduler beside it)
spends little CPU per query while the workers match: a partition goes out as parsed queries
or as a ``Span`` (its raw input records, or a byte range of a file every worker can read,
parsed on the worker), and comes back as a few flat arrays (``encode_matches``), not as one
Python object per match; the client turns them back into matches only to render them.

Dask is imported only here and only when a cluster is asked for (the optional extra
``ictd[cluster]``).
"""

from __future__ import annotations

import hashlib
import importlib
import io
import os
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ictd.exc import InvalidInput
from ictd.matching import DEFAULT_THRESHOLD, Feature, Match, MatchIndex, Query
from ictd.outbox import AlertConfig, AlertWriter
from ictd.screening import snapshot as snap
from ictd.screening.batchfile import read_queries
from ictd.screening.query import QueryInput
from ictd.screening.result import QueryResult
from ictd.screening.service import check_options, hit_threshold, parse_queries, render
from ictd.security.actor import Actor
from ictd.security.policy import Permission, require
from ictd.store import Store

__all__ = [
    "ClusterJob",
    "IndexRef",
    "Span",
    "decode_matches",
    "encode_matches",
    "open_client",
    "screen_on_cluster",
]

PARTITION = 1000
"""Queries per task: the most one screening call takes, and enough to hide a round trip."""

_INDEXES: dict[str, MatchIndex] = {}
_WRITTEN: list[Path] = []  # snapshot files this worker wrote from sent bytes
_LOCK = threading.Lock()

Arrays = dict[str, npt.NDArray[Any]]

LOCAL_CONFIG = {
    # the statistical profiler samples the busy thread every 10 ms, holding the GIL
    "distributed.worker.profile.enabled": False,
    # periodic checks, in the client's process for the scheduler and nannies of a local
    # cluster: every 20 to 500 ms by default, a steady share of a core while idle
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.tick.interval": "500ms",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.deploy.cluster-repr-interval": "5s",
    # a worker process that starts slowly on a loaded machine is waited for
    "distributed.comm.timeouts.connect": "120s",
    "distributed.comm.timeouts.tcp": "120s",
}
"""Dask settings of a local cluster (set them in the workers' configuration of a remote one:
see docs/deployment.md)."""


@dataclass(frozen=True, slots=True)
class Span:
    """A partition of an input file as its raw records (CSV with ``header``, or JSON
    lines): ``body``, or (``body`` None) bytes ``start`` to ``stop`` of the file at ``path``,
    which every worker can read. Parsed on the worker, at most ``PARTITION`` queries."""

    fmt: str
    header: bytes = b""
    body: bytes | None = None
    path: str | None = None
    start: int = 0
    stop: int = 0

    def queries(self) -> list[Query]:
        raw = self.body
        if raw is None:
            assert self.path is not None
            with open(self.path, "rb") as handle:
                handle.seek(self.start)
                raw = handle.read(self.stop - self.start)
        text = io.StringIO((self.header + raw).decode("utf-8"), newline="")
        return parse_queries([q for _, q in read_queries(text, self.fmt)])


def encode_matches(raw: list[list[Match]]) -> Arrays:
    """The matches of each query of a partition as flat arrays: per query its number of
    matches; per match subject, score, literal words and number of features; per feature
    its name (a number into ``names``), value and detail (UTF-8 with offsets)."""
    flat = [m for matches in raw for m in matches]
    feats = [f for m in flat for f in m.explanation]
    vocab: dict[str, int] = {}
    codes = [vocab.setdefault(f.feature, len(vocab)) for f in feats]
    details = [f.detail.encode() for f in feats]
    names = [n.encode() for n in vocab]
    out: Arrays = {
        "counts": np.array([len(m) for m in raw], dtype=np.int32),
        "subjects": np.array([m.subject_id for m in flat], dtype=np.int64),
        "scores": np.array([m.score for m in flat], dtype=np.float64),
        "literal": np.array([m.literal for m in flat], dtype=np.int32),
        "features": np.array([len(m.explanation) for m in flat], dtype=np.int32),
        "codes": np.array(codes, dtype=np.int32),
        "values": np.array([f.value for f in feats], dtype=np.float64),
    }
    out["details"], out["details_at"] = _texts(details)
    out["names"], out["names_at"] = _texts(names)
    return out


def decode_matches(arrays: Arrays) -> list[list[Match]]:
    """The matches ``encode_matches`` encoded, per query, equal to the ones it was given."""
    names = _strings(arrays["names"], arrays["names_at"])
    details = _strings(arrays["details"], arrays["details_at"])
    codes = arrays["codes"].tolist()
    values = arrays["values"].tolist()
    subjects = arrays["subjects"].tolist()
    scores = arrays["scores"].tolist()
    literal = arrays["literal"].tolist()
    counts = arrays["features"].tolist()
    matches: list[Match] = []
    at = 0
    for k, n in enumerate(counts):
        explanation = tuple(
            Feature(names[codes[i]], values[i], details[i]) for i in range(at, at + n)
        )
        matches.append(Match(subjects[k], scores[k], explanation, literal[k]))
        at += n
    out: list[list[Match]] = []
    at = 0
    for n in arrays["counts"].tolist():
        out.append(matches[at : at + n])
        at += n
    return out


def _texts(items: list[bytes]) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64]]:
    at = np.zeros(len(items) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in items], out=at[1:])
    return np.frombuffer(b"".join(items), dtype=np.uint8).copy(), at


def _strings(blob: npt.NDArray[np.uint8], at: npt.NDArray[np.int64]) -> list[str]:
    text = blob.tobytes()
    bounds = at.tolist()
    return [text[bounds[i] : bounds[i + 1]].decode() for i in range(len(bounds) - 1)]


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
    ref: IndexRef,
    part: list[Query] | Span,
    limit: int,
    floor: float,
    data: bytes | None = None,
) -> Arrays:
    """A task on a worker: the raw matches of each query of one partition (parsed queries,
    or a ``Span`` of the input parsed here), encoded (``encode_matches``)."""
    index = _index(ref, data)
    queries = part.queries() if isinstance(part, Span) else part
    return encode_matches([index.search(q, limit=limit, threshold=floor) for q in queries])


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
        config: Any = importlib.import_module("dask.config")
        with config.set(LOCAL_CONFIG):  # the nannies hand it to the worker processes
            cluster = dask.LocalCluster(
                n_workers=int(count),
                threads_per_worker=1,
                processes=True,
                dashboard_address="127.0.0.1:0",  # no fixed port: clusters side by side
                silence_logs=40,
            )
            client = dask.Client(cluster)
            try:  # every worker registered before the job counts them
                client.wait_for_workers(int(count), timeout=300)
            except BaseException:
                client.close()
                cluster.close()
                raise

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
        raw = decode_matches(future.result())
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
