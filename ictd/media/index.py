"""Near neighbours of PDQ hashes in Hamming space, by multi-index hashing (compiled).

The 256 bits are cut into ``m`` contiguous chunks of about log2(n) bits (11 chunks of 23 or
24 bits for 10 million hashes). For each chunk the index keeps the rows sorted by the
chunk's value (a counting sort) and an offset table over every value. Give chunk ``i`` a
threshold ``t_i`` with the thresholds summing to ``radius - m + 1``: a hash within
``radius`` of the query is within ``t_i`` bits of it on some chunk ``i`` (were every chunk
at least ``t_i + 1`` apart, the whole would be more than ``radius`` apart). So a query
probes every value within ``t_i`` bits of its own chunk in table ``i``, and the rows found
are verified with the full distance (popcount of XOR over four ``uint64`` words). The answer
is exact: every hash within ``radius`` is found, no other. Probing and verifying run in C
(``ictd/media/_mih.c``) with the reads prefetched a batch ahead.

Small indexes (under ``SCAN_BELOW`` hashes), rows added since the tables were built, and
radii so large that probing would touch more than an eighth of the rows are compared with
every row instead (also in C). ``add`` appends hashes without rebuilding; the tables are
rebuilt once the appended rows exceed an eighth of the indexed ones (at least
``SCAN_BELOW``), so an index that follows a store costs amortised O(1) per added hash.

Memory per hash: 32 bytes of hash, 8 of id and 4 per chunk for the sorted rows, plus the
offset tables (4 bytes per chunk value, about 4 × 2^23 × m bytes at 10 million hashes).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from math import comb

import numpy as np

from ictd.media import _mih
from ictd.media.pdq import hex_to_words

__all__ = ["MAX_DISTANCE", "SCAN_BELOW", "PdqIndex", "layout_for", "thresholds_for"]

MAX_DISTANCE = 63
SCAN_BELOW = 32_768


def _lens(m: int) -> list[int]:
    return [256 // m + (1 if i < 256 % m else 0) for i in range(m)]


def layout_for(n: int, radius: int = 31) -> tuple[np.ndarray, np.ndarray]:
    """The chunks (starts and lengths, in bits) of an index of ``n`` hashes: the number of
    chunks that needs the fewest memory reads per query at ``radius``, among those whose
    offset tables take at most 48 bytes per hash (and at most 32 chunks of 8 bits or more);
    longer chunks first."""
    best: tuple[float, int] | None = None
    for m in range(10, 33):
        lens = _lens(m)
        table_bytes = 4 * sum((1 << x) + 1 for x in lens)
        if table_bytes > 48 * max(n, SCAN_BELOW):
            continue
        cost = _cost(lens, n, radius)
        if best is None or cost < best[0]:
            best = (cost, m)
    lens = _lens(best[1] if best is not None else 32)
    starts = np.cumsum([0, *lens[:-1]]).astype(np.int64)
    return starts, np.array(lens, dtype=np.int64)


def thresholds_for(m: int, radius: int) -> np.ndarray:
    """Per chunk, the bits a probe may differ by: summing to ``radius - m + 1`` (a chunk
    with -1 is not probed), the larger ones on the first (longer) chunks."""
    total = radius - m + 1
    base, extra = divmod(total, m)
    return np.array([base + (1 if i < extra else 0) for i in range(m)], dtype=np.int64)


def _cost(lens: Sequence[int], rows: int, radius: int) -> float:
    """Expected memory reads of one query at ``radius``: two per probe (its offsets and its
    rows) and one per candidate row (its hash)."""
    out = 0.0
    for length, t in zip(lens, thresholds_for(len(lens), radius), strict=True):
        probes = sum(comb(int(length), k) for k in range(0, min(int(t), int(length)) + 1))
        out += probes * (2 + rows / 2 ** int(length))
    return out


@dataclass(frozen=True, slots=True)
class _Tables:
    """The sorted chunk tables over the first ``rows`` hashes."""

    rows: int
    starts: np.ndarray
    lens: np.ndarray
    offsets: np.ndarray
    positions: np.ndarray
    plans: dict[int, tuple[float, np.ndarray]]  # radius -> (cost, thresholds)

    def plan(self, radius: int) -> tuple[float, np.ndarray]:
        """The expected cost and the thresholds of a query at ``radius``."""
        found = self.plans.get(radius)
        if found is None:
            lens = [int(x) for x in self.lens]
            found = (_cost(lens, self.rows, radius), thresholds_for(len(lens), radius))
            self.plans[radius] = found
        return found


def _build(words: np.ndarray, scan_below: int) -> _Tables | None:
    n = len(words)
    if n < max(scan_below, 1):
        return None
    starts, lens = layout_for(n)
    offsets = np.empty(int(sum((1 << int(x)) + 1 for x in lens)), dtype=np.uint32)
    positions = np.empty(len(lens) * n, dtype=np.uint32)
    _mih.build(words, starts, lens, offsets, positions)
    return _Tables(n, starts, lens, offsets, positions, {})


class PdqIndex:
    """PDQ hashes with integer ids (one id may have several hashes, e.g. a video's frames)."""

    __slots__ = ("_lock", "_scan_below", "_state")

    def __init__(self, words: np.ndarray, ids: np.ndarray, scan_below: int = SCAN_BELOW) -> None:
        """``scan_below``: with fewer hashes, no tables are built and queries compare with
        every hash. 0 (for tests): tables always, and always used."""
        if words.ndim != 2 or words.shape[1] != 4 or len(ids) != len(words):
            raise ValueError("give an (n, 4) uint64 array of hashes and n ids")
        held = np.ascontiguousarray(words, dtype=np.uint64)
        self._lock = threading.Lock()
        self._scan_below = scan_below
        self._state = (held, np.asarray(ids, dtype=np.int64), _build(held, scan_below))

    @classmethod
    def from_hex(cls, hashes: Sequence[str], ids: Sequence[int]) -> PdqIndex:
        words = hex_to_words(list(hashes)) if hashes else np.zeros((0, 4), dtype=np.uint64)
        return cls(words, np.asarray(ids, dtype=np.int64))

    def __len__(self) -> int:
        return len(self._state[1])

    @property
    def words(self) -> np.ndarray:
        return self._state[0]

    @property
    def ids(self) -> np.ndarray:
        return self._state[1]

    @property
    def indexed(self) -> int:
        """How many of the hashes the chunk tables cover (the rest are scanned)."""
        tables = self._state[2]
        return tables.rows if tables is not None else 0

    @property
    def nbytes(self) -> int:
        """Memory held by the index's arrays."""
        words, ids, tables = self._state
        extra = tables.offsets.nbytes + tables.positions.nbytes if tables is not None else 0
        return words.nbytes + ids.nbytes + extra

    def add(self, words: np.ndarray, ids: Sequence[int] | np.ndarray) -> None:
        """Append hashes; the tables are rebuilt only when the appended rows outgrow them."""
        if words.ndim != 2 or words.shape[1] != 4 or len(ids) != len(words):
            raise ValueError("give an (n, 4) uint64 array of hashes and n ids")
        if not len(ids):
            return
        with self._lock:
            old_words, old_ids, tables = self._state
            all_words = np.concatenate([old_words, np.asarray(words, dtype=np.uint64)])
            all_ids = np.concatenate([old_ids, np.asarray(ids, dtype=np.int64)])
            covered = tables.rows if tables is not None else 0
            if len(all_ids) - covered > max(self._scan_below, covered // 8):
                tables = _build(all_words, self._scan_below)
            self._state = (all_words, all_ids, tables)

    def add_hex(self, hashes: Sequence[str], ids: Sequence[int]) -> None:
        if hashes:
            self.add(hex_to_words(list(hashes)), np.asarray(ids, dtype=np.int64))

    def search_rows(self, query: np.ndarray, radius: int) -> list[tuple[int, int]]:
        """``(row, distance)`` of every hash within ``radius`` of ``query`` (4 ``uint64``)."""
        if not 0 <= radius <= MAX_DISTANCE:
            raise ValueError(f"the distance must be 0 to {MAX_DISTANCE}")
        words, _, tables = self._state
        q = np.ascontiguousarray(query, dtype=np.uint64).reshape(4)
        if tables is None:
            return _mih.scan(words, q, radius)
        cost, thresholds = tables.plan(radius)
        if self._scan_below and cost > tables.rows / 8:
            return _mih.scan(words, q, radius)
        try:
            found = _mih.search(
                words[: tables.rows] if len(words) > tables.rows else words,
                tables.starts,
                tables.lens,
                thresholds,
                tables.offsets,
                tables.positions,
                q,
                radius,
            )
        except OverflowError:  # one chunk value shared by 2^24 rows: compare with all
            return _mih.scan(words, q, radius)
        if len(words) > tables.rows:
            rest = _mih.scan(words[tables.rows :], q, radius)
            found += [(tables.rows + row, d) for row, d in rest]
        return found

    def search_words(self, query: np.ndarray, radius: int) -> list[tuple[int, int]]:
        """``(id, distance)`` of every hash within ``radius`` of ``query`` (4 ``uint64``),
        nearest first, one entry per id (its nearest hash)."""
        ids = self._state[1]
        return _best(ids, self.search_rows(query, radius))

    def search(self, hex_hash: str, radius: int) -> list[tuple[int, int]]:
        return self.search_words(hex_to_words([hex_hash])[0], radius)

    def brute_force(self, hex_hash: str, radius: int) -> list[tuple[int, int]]:
        """The same answer as ``search`` by comparing with every hash in numpy (for tests)."""
        words, ids, _ = self._state
        q = hex_to_words([hex_hash])
        distance = np.bitwise_count(words ^ q).sum(axis=1)
        near = np.flatnonzero(distance <= radius)
        return _best(ids, [(int(r), int(distance[r])) for r in near])


def _best(ids: np.ndarray, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    best: dict[int, int] = {}
    for row, distance in found:
        key = int(ids[row])
        if key not in best or distance < best[key]:
            best[key] = distance
    return sorted(best.items(), key=lambda pair: (pair[1], pair[0]))
