"""Index snapshots: the built matching index in one file that a worker maps in seconds.

A snapshot file is ``MAGIC``, the length of a JSON header (8 bytes, little-endian), the
header, then the arrays of one encoded index block (``ictd.matching.snapshot``), each at an
offset aligned to ``ALIGN`` bytes. The header says the format, the change-feed position the
index reflects (and the feed entries seen just before it, as ``LiveIndex`` keeps them), when
it was made, how many subjects it holds, the store it was built from (without password), the
digest of the matcher that built it (``matcher_digest``), and where each array lies. No
Python object is pickled.

``load`` maps the file read-only (``numpy.memmap``): the arrays are the operating system's
page cache, shared by every process on the machine that maps the same file; a process holds
only the key dictionary and what its queries decoded. A snapshot made by another matcher
(another format, weights or name rules) is refused with ``SnapshotError``: its keys and
parts would not be what this matcher makes of the same names.

``build`` reads every live subject of a store and indexes it with ``workers`` processes, each
building the block of a run of subject ids from its own connection; the blocks are merged
into the one a single process would build (``merge_encoded``).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

import ictd.matching as matching_package
from ictd.exc import IctdError
from ictd.matching import WEIGHTS, IndexRecord, MatchIndex, record_from_subject
from ictd.matching.index import unread_cuts
from ictd.matching.segment import Segment
from ictd.matching.snapshot import (
    Arrays,
    decode_segment,
    drop_unread,
    encode_segment,
    merge_encoded,
)
from ictd.screening.live_index import BATCH, FULL_REBUILD, OVERLAP, LiveIndex
from ictd.security.actor import Actor
from ictd.store import Store

__all__ = [
    "FORMAT",
    "SnapshotError",
    "SnapshotInfo",
    "build",
    "build_arrays",
    "feed_state",
    "freshness",
    "load",
    "load_into",
    "matcher_digest",
    "read_info",
    "write",
]

MAGIC = b"ICTD-IDX"
FORMAT = 2
"""2: the keys' counts (``key_counts``) beside postings that leave some rows out."""
ALIGN = 64
CHUNK = 25_000
"""Subjects per build task: small enough to spread over the workers, large enough to merge
few blocks."""


class SnapshotError(IctdError):
    """A snapshot file that is missing, damaged, or made by another matcher or store."""


def matcher_digest() -> str:
    """SHA-256 of what decides the index's content: the snapshot format, the matcher's
    weights and the source of every module of ``ictd.matching`` (name rules, keys, tables)."""
    digest = hashlib.sha256(f"format {FORMAT}\n{sorted(WEIGHTS.items())!r}\n".encode())
    folder = Path(matching_package.__file__).parent
    for path in sorted(folder.glob("*.py")) + sorted(folder.glob("*.c")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """What a snapshot's header says, and the file's size."""

    path: Path
    format: int
    matcher: str
    position: int
    seen: tuple[int, ...]
    created_at: float
    subjects: int
    store: str
    size: int
    arrays: dict[str, Any]

    @property
    def age_seconds(self) -> float:
        return max(0.0, time.time() - self.created_at)


def write(
    path: Path, arrays: Arrays, position: int, seen: Sequence[int], store: str
) -> SnapshotInfo:
    """Write a snapshot of ``arrays`` to ``path`` (through a temporary file, then renamed:
    a process mapping the old file keeps reading it)."""
    layout: dict[str, Any] = {}
    offset = 0
    for name, arr in arrays.items():
        layout[name] = {"dtype": arr.dtype.str, "shape": list(arr.shape), "offset": offset}
        offset += -(-arr.nbytes // ALIGN) * ALIGN
    header = {
        "format": FORMAT,
        "matcher": matcher_digest(),
        "position": position,
        "seen": sorted(seen),
        "created_at": time.time(),
        "subjects": len(arrays["subject_ids"]),
        "store": store,
        "arrays": layout,
    }
    head = json.dumps(header, separators=(",", ":")).encode()
    start = -(-(len(MAGIC) + 8 + len(head)) // ALIGN) * ALIGN
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as out:
            out.write(MAGIC + len(head).to_bytes(8, "little") + head)
            out.write(b"\0" * (start - out.tell()))
            for name, arr in arrays.items():
                at = start + layout[name]["offset"]
                out.write(b"\0" * (at - out.tell()))
                out.write(np.ascontiguousarray(arr).tobytes())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return read_info(path)


def read_info(path: Path) -> SnapshotInfo:
    """The header of the snapshot at ``path``; ``SnapshotError`` when it is not one."""
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(MAGIC))
            size = int.from_bytes(handle.read(8), "little")
            raw = handle.read(size) if magic == MAGIC and size < 1 << 26 else b""
        header = json.loads(raw) if raw else None
        total = path.stat().st_size
    except FileNotFoundError:
        raise SnapshotError(
            f"no index snapshot at {path}: make one with `ictd index build`"
        ) from None
    except (OSError, ValueError) as err:
        raise SnapshotError(f"{path} cannot be read as an index snapshot: {err}") from None
    if not isinstance(header, dict):
        raise SnapshotError(f"{path} is not an index snapshot")
    if header.get("format") != FORMAT:
        raise SnapshotError(
            f"{path} is an index snapshot of format {header.get('format')}, this version reads "
            f"format {FORMAT}: rebuild it with `ictd index build`"
        )
    try:
        return SnapshotInfo(
            path=path,
            format=FORMAT,
            matcher=str(header["matcher"]),
            position=int(header["position"]),
            seen=tuple(int(s) for s in header["seen"]),
            created_at=float(header["created_at"]),
            subjects=int(header["subjects"]),
            store=str(header["store"]),
            size=total,
            arrays=dict(header["arrays"]),
        )
    except (KeyError, TypeError, ValueError) as err:
        raise SnapshotError(f"the index snapshot {path} has a damaged header ({err})") from None


def load(path: Path) -> tuple[MatchIndex, SnapshotInfo]:
    """Map the snapshot at ``path`` and make its index; refused (``SnapshotError``) when
    another matcher made it or the file is cut short."""
    info = read_info(path)
    if info.matcher != matcher_digest():
        raise SnapshotError(
            f"the index snapshot {path} was made by another version of the matcher (its "
            "weights, name rules or format differ): rebuild it with `ictd index build`"
        )
    mapped = np.memmap(path, dtype=np.uint8, mode="r")
    start = _data_start(path)
    arrays: Arrays = {}
    for name, spec in info.arrays.items():
        dtype = np.dtype(spec["dtype"])
        count = int(np.prod(spec["shape"], dtype=np.int64))
        lo = start + int(spec["offset"])
        hi = lo + count * dtype.itemsize
        if hi > len(mapped):
            raise SnapshotError(f"the index snapshot {path} is cut short: rebuild it")
        arrays[name] = np.asarray(mapped[lo:hi]).view(dtype).reshape(spec["shape"])
    try:
        segment = decode_segment(arrays)
    except (KeyError, ValueError) as err:
        raise SnapshotError(f"the index snapshot {path} is damaged ({err}): rebuild it") from None
    return MatchIndex(segment, None, frozenset()), info


def _data_start(path: Path) -> int:
    with path.open("rb") as handle:
        handle.read(len(MAGIC))
        size = int.from_bytes(handle.read(8), "little")
    return -(-(len(MAGIC) + 8 + size) // ALIGN) * ALIGN


def freshness(store: Store, info: SnapshotInfo) -> str | None:
    """Why a server would not start from this snapshot, or None when it would: made by this
    matcher, from this store, and behind its change feed by fewer than ``FULL_REBUILD``
    entries (more and a full build is as quick as catching up)."""
    if info.matcher != matcher_digest():
        return "made by another version of the matcher"
    if info.store != store.location:
        return f"made from another store ({info.store})"
    head, behind = feed_state(store, info)
    if info.position > head:
        return f"ahead of the store's change feed ({info.position} > {head}): restored store?"
    if behind >= FULL_REBUILD:
        return f"{behind} changes behind the store (a full build is quicker)"
    return None


def feed_state(store: Store, info: SnapshotInfo) -> tuple[int, int]:
    """The store's change-feed head, and how many changes the snapshot is behind it."""
    with store.read() as session:
        head = session.changes.head()
        behind, _ = session.changes.window(info.position)
    return head, behind


def load_into(live: LiveIndex, store: Store, path: Path) -> SnapshotInfo:
    """Start ``live`` from the snapshot at ``path`` and catch up with the change feed;
    ``SnapshotError`` (saying why) when the snapshot is not fit to start from."""
    info = read_info(path)
    reason = freshness(store, info)
    if reason is not None:
        raise SnapshotError(f"the index snapshot {path} is not used: {reason}")
    index, info = load(path)
    live.install(index, info.position, info.seen, info.created_at)
    live.refresh()
    return info


def _ids(store: Store) -> list[int]:
    ids: list[int] = []
    after = 0
    while True:
        with store.read() as session:
            found = session.subjects.list_ids(None, after, 50_000)
        ids.extend(found)
        if len(found) < 50_000:
            return ids
        after = found[-1]


def _records(store: Store, ids: Sequence[int]) -> Iterator[IndexRecord]:
    for at in range(0, len(ids), BATCH):
        with store.read() as session:
            subjects = session.subjects.get_many(list(ids[at : at + BATCH]))
        for subject in subjects:
            yield record_from_subject(subject)


def _store_block(url: str, ids: Sequence[int]) -> Arrays:
    """One build task in a worker process: the encoded block of subjects ``ids``."""
    store = Store(url)
    try:
        return encode_segment(Segment.build(_records(store, ids)))
    finally:
        store.engine.dispose()


def build_arrays(
    tasks: Sequence[Any],
    block: Callable[..., Arrays],
    workers: int,
    progress: Callable[[int], None] | None = None,
) -> Arrays:
    """Encode ``block(*task)`` for every task, in ``workers`` processes (in this one for 1),
    and merge the blocks in task order into an index's base block (without the postings no
    search reads, ``MatchIndex.build``'s); ``progress`` hears the subjects of each block."""
    blocks: list[Arrays] = []

    def done(found: Arrays) -> None:
        blocks.append(found)
        if progress:
            progress(len(found["subject_ids"]))

    if workers <= 1 or len(tasks) <= 1:
        for task in tasks:
            done(block(*task))
    else:
        context = multiprocessing.get_context("spawn")  # no inherited connections or threads
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            for found in pool.map(block, *zip(*tasks, strict=True)):
                done(found)
    if not blocks:
        return encode_segment(Segment.build(()))
    merged = merge_encoded(blocks)
    return drop_unread(merged, *unread_cuts(len(merged["subject_ids"])))


def build(
    store: Store,
    actor: Actor,
    path: Path,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    chunk: int = CHUNK,
) -> SnapshotInfo:
    """Index every live subject of ``store`` with ``workers`` processes and write the
    snapshot to ``path``. The feed position is taken before the first subject is read, so
    a change made during the build is applied again when a worker catches up."""
    with store.read() as session:
        head = session.changes.head()
        window = session.changes.after(max(0, head - OVERLAP), OVERLAP)
    ids = _ids(store)
    chunks = [ids[at : at + chunk] for at in range(0, len(ids), chunk)]
    indexed = 0

    def step(n: int) -> None:
        nonlocal indexed
        indexed += n
        if progress:
            progress(indexed, len(ids))

    if workers <= 1 or len(chunks) <= 1:
        arrays = build_arrays([(store, c) for c in chunks], _local_block, 1, step)
    else:
        arrays = build_arrays([(store.url, c) for c in chunks], _store_block, workers, step)
    info = write(path, arrays, head, [seq for seq, _ in window], store.location)
    with store.begin() as session:
        session.audit.record(
            actor, "index.snapshot", [], subjects=info.subjects, position=head, size=info.size
        )
    return info


def _local_block(store: Store, ids: Sequence[int]) -> Arrays:
    return encode_segment(Segment.build(_records(store, ids)))
