"""Near neighbours of PDQ hashes in Hamming space, by multi-index hashing.

The 256 bits are cut into ``CHUNKS`` chunks of 16 bits. Two hashes within distance ``r``
agree on some chunk to within ``r // CHUNKS`` bits (pigeonhole: were every chunk further
apart, the whole would be further than ``r``). So for each chunk the index keeps the rows
sorted by that chunk's value with an offset table over all 65,536 values; a query probes
every value within ``r // CHUNKS`` bits of its own chunk in each table, gathers the rows
found, and keeps those whose full distance (popcount of XOR over four ``uint64`` words) is at
most ``r``. The answer is exact: every hash within ``r`` is found, no other.

Memory per hash: 32 bytes of hash, 8 of id and 4 per chunk (64) for the sorted positions;
the offset tables are fixed (16 × 65,537 × 8 bytes).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np

from ictd.media.pdq import hex_to_words

__all__ = ["CHUNKS", "MAX_DISTANCE", "PdqIndex"]

CHUNKS = 16
CHUNK_BITS = 16
MAX_DISTANCE = 63  # r // 16 ≤ 3: at most 697 probes per chunk


def _masks(flips: int) -> np.ndarray:
    """Every 16-bit mask with at most ``flips`` bits set."""
    masks = [0]
    for count in range(1, flips + 1):
        for bits in combinations(range(CHUNK_BITS), count):
            masks.append(sum(1 << b for b in bits))
    return np.array(masks, dtype=np.int64)


_MASKS = {flips: _masks(flips) for flips in range(MAX_DISTANCE // CHUNKS + 1)}


def _chunks(words: np.ndarray) -> np.ndarray:
    """The 16 chunk values of each hash: ``(n, 16)`` ``int64``."""
    parts = [(words >> np.uint64(shift)) & np.uint64(0xFFFF) for shift in (48, 32, 16, 0)]
    return np.stack(parts, axis=2).reshape(len(words), CHUNKS).astype(np.int64)


class PdqIndex:
    """An immutable index of PDQ hashes with integer ids (one id may have several hashes)."""

    __slots__ = ("ids", "offsets", "positions", "words")

    def __init__(self, words: np.ndarray, ids: np.ndarray) -> None:
        if words.ndim != 2 or words.shape[1] != 4 or len(ids) != len(words):
            raise ValueError("give an (n, 4) uint64 array of hashes and n ids")
        self.words = np.ascontiguousarray(words, dtype=np.uint64)
        self.ids = np.asarray(ids, dtype=np.int64)
        n = len(self.words)
        chunks = _chunks(self.words) if n else np.zeros((0, CHUNKS), dtype=np.int64)
        size = 1 << CHUNK_BITS
        self.offsets = np.zeros((CHUNKS, size + 1), dtype=np.int64)
        self.positions = np.zeros(CHUNKS * n, dtype=np.uint32)
        for j in range(CHUNKS):
            column = chunks[:, j].astype(np.uint16)
            order = np.argsort(column, kind="stable")
            self.positions[j * n : (j + 1) * n] = order
            counts = np.bincount(column, minlength=size)
            self.offsets[j, 1:] = np.cumsum(counts) + j * n
            self.offsets[j, 0] = j * n

    @classmethod
    def from_hex(cls, hashes: Sequence[str], ids: Sequence[int]) -> PdqIndex:
        words = hex_to_words(list(hashes)) if hashes else np.zeros((0, 4), dtype=np.uint64)
        return cls(words, np.asarray(ids, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def nbytes(self) -> int:
        """Memory held by the index's arrays."""
        return self.words.nbytes + self.ids.nbytes + self.offsets.nbytes + self.positions.nbytes

    def search_words(self, query: np.ndarray, radius: int) -> list[tuple[int, int]]:
        """``(id, distance)`` of every hash within ``radius`` of ``query`` (4 ``uint64``),
        nearest first, one entry per id (its nearest hash)."""
        if not 0 <= radius <= MAX_DISTANCE:
            raise ValueError(f"the distance must be 0 to {MAX_DISTANCE}")
        if not len(self.ids):
            return []
        q = np.asarray(query, dtype=np.uint64).reshape(1, 4)
        keys = _chunks(q)[0][:, None] ^ _MASKS[radius // CHUNKS][None, :]
        rows = np.arange(CHUNKS)[:, None]
        starts = self.offsets[rows, keys].ravel()
        lengths = self.offsets[rows, keys + 1].ravel() - starts
        total = int(lengths.sum())
        if not total:
            return []
        shift = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        found = self.positions[shift + np.arange(total)]
        distance = np.bitwise_count(self.words[found] ^ q).sum(axis=1)
        near = distance <= radius
        return self._best(found[near], distance[near])

    def _best(self, rows: np.ndarray, distance: np.ndarray) -> list[tuple[int, int]]:
        order = np.lexsort((self.ids[rows], distance))
        best: dict[int, int] = {}
        for i in order:
            best.setdefault(int(self.ids[rows[i]]), int(distance[i]))
        return sorted(best.items(), key=lambda pair: (pair[1], pair[0]))

    def search(self, hex_hash: str, radius: int) -> list[tuple[int, int]]:
        return self.search_words(hex_to_words([hex_hash])[0], radius)

    def brute_force(self, hex_hash: str, radius: int) -> list[tuple[int, int]]:
        """The same answer as ``search`` by comparing with every hash (for tests)."""
        q = hex_to_words([hex_hash])
        distance = np.bitwise_count(self.words ^ q).sum(axis=1)
        near = np.flatnonzero(distance <= radius)
        return self._best(near, distance[near])
