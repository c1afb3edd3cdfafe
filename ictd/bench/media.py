"""Benchmarks of media signals: the PDQ index (speed, memory, build time) and the quality of
PDQ matching on generated pictures and their transformed copies."""

from __future__ import annotations

import statistics
import time
from typing import Any

import numpy as np

from ictd.bench.media_images import TRANSFORMS, encode, picture
from ictd.media import PdqIndex, hash_image
from ictd.media.pdq import MIN_QUALITY, hash_pixels

__all__ = ["bench_index", "eval_quality"]


def _near(rng: np.random.Generator, words: np.ndarray, flips: int) -> np.ndarray:
    """``words`` with ``flips`` random bits changed in each row."""
    out = words.copy()
    for row in out:
        for bit in rng.choice(256, size=flips, replace=False):
            row[bit // 64] ^= np.uint64(1 << (63 - int(bit) % 64))
    return out


def bench_index(size: int, queries: int, radius: int, seed: int = 1) -> dict[str, Any]:
    """Build an index of ``size`` random PDQ hashes and time ``queries`` lookups: half are
    stored hashes with 1 to ``radius`` bits changed (must be found), half random."""
    rng = np.random.default_rng(seed)
    words = rng.integers(0, 2**64, size=(size, 4), dtype=np.uint64, endpoint=False)
    started = time.perf_counter()
    index = PdqIndex(words, np.arange(size, dtype=np.int64))
    build = time.perf_counter() - started
    half = queries // 2
    picks = rng.integers(0, size, size=half)
    near = np.vstack(
        [_near(rng, words[i : i + 1], int(rng.integers(1, radius + 1))) for i in picks]
    )
    far = rng.integers(0, 2**64, size=(queries - half, 4), dtype=np.uint64, endpoint=False)
    timings, found = [], 0
    for q, want in [*zip(near, picks, strict=True), *((q, -1) for q in far)]:
        t0 = time.perf_counter()
        answer = index.search_words(q, radius)
        timings.append(time.perf_counter() - t0)
        found += want >= 0 and any(i == want for i, _ in answer)
    return {
        "size": size,
        "queries": queries,
        "radius": radius,
        "build_seconds": round(build, 2),
        "index_mb": round(index.nbytes / 2**20, 1),
        "median_ms": round(statistics.median(timings) * 1000, 3),
        "lookups_per_second": round(len(timings) / sum(timings)),
        "near_found": f"{found}/{half}",
    }


def eval_quality(originals: int, unrelated: int, radius: int, seed: int = 1) -> dict[str, Any]:
    """Recall of each transformed copy of ``originals`` generated pictures at ``radius``,
    and how many of ``unrelated`` other pictures match any original (false matches)."""
    hashes, ids = [], []
    copies: dict[str, list[str]] = {name: [] for name in TRANSFORMS}
    for i in range(originals):
        image = picture(seed * 1_000_003 + i)
        pdq = hash_image(encode(image))
        if pdq.quality < MIN_QUALITY:
            continue
        hashes.append(pdq.hex)
        ids.append(i)
        for name, transform in TRANSFORMS.items():
            copies[name].append(hash_pixels(transform(image).convert("RGB")).hex)
    index = PdqIndex.from_hex(hashes, ids)
    recall = {}
    for name, values in copies.items():
        hit = sum(
            any(j == ids[k] for j, _ in index.search(v, radius)) for k, v in enumerate(values)
        )
        recall[name] = round(hit / len(values), 3)
    false = 0
    for i in range(unrelated):
        other = hash_pixels(picture(seed * 7_000_003 + 500_000 + i))
        false += bool(index.search(other.hex, radius))
    return {
        "originals": len(hashes),
        "unrelated": unrelated,
        "radius": radius,
        "recall": recall,
        "false_matches": false,
    }
