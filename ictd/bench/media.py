"""Benchmarks of media signals: the PDQ index (speed, memory, build time) and the quality of
PDQ matching on generated pictures and their transformed copies."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from ictd.bench.media_images import TRANSFORMS, encode, picture
from ictd.media import PdqIndex, hash_image
from ictd.media.files import dihedral_hashes
from ictd.media.pdq import MIN_QUALITY

__all__ = ["bench_index", "eval_quality"]


def _near(rng: np.random.Generator, words: np.ndarray, flips: int) -> np.ndarray:
    """``words`` with ``flips`` random bits changed in each row."""
    out = words.copy()
    for row in out:
        for bit in rng.choice(256, size=flips, replace=False):
            row[bit // 64] ^= np.uint64(1 << (63 - int(bit) % 64))
    return out


def _hex(words: np.ndarray) -> str:
    return np.asarray(words, dtype=np.uint64).astype(">u8").tobytes().hex()


def bench_index(size: int, queries: int, radius: int, seed: int = 1) -> dict[str, Any]:
    """Build an index of ``size`` PDQ hashes: random ones, and one in a thousand planted as a
    near copy (1 to 16 bits changed) of another, as re-uploads of one picture are; then time
    ``queries`` lookups one at a time: half are stored hashes with 1 to ``radius`` bits
    changed (each must be found), half random. Wall-clock and CPU time are both given (the
    machine may be shared); 20 of the answers are checked against a full comparison."""
    rng = np.random.default_rng(seed)
    words = rng.integers(0, 2**64, size=(size, 4), dtype=np.uint64, endpoint=False)
    planted = size // 1000
    sources = rng.integers(0, size - planted, size=planted)
    for k, source in enumerate(sources):
        words[size - planted + k] = _near(rng, words[source : source + 1], int(rng.integers(1, 17)))
    started = time.perf_counter()
    index = PdqIndex(words, np.arange(size, dtype=np.int64))
    build = time.perf_counter() - started
    half = queries // 2
    picks = rng.integers(0, size, size=half)
    near = np.vstack(
        [_near(rng, words[i : i + 1], int(rng.integers(1, radius + 1))) for i in picks]
    )
    far = rng.integers(0, 2**64, size=(queries - half, 4), dtype=np.uint64, endpoint=False)
    timings, found, answers = [], 0, 0
    cpu = time.process_time()
    for q, want in [*zip(near, picks, strict=True), *((q, -1) for q in far)]:
        t0 = time.perf_counter()
        answer = index.search_words(q, radius)
        timings.append(time.perf_counter() - t0)
        found += want >= 0 and any(i == want for i, _ in answer)
        answers += len(answer)
    cpu = time.process_time() - cpu
    exact = sum(
        index.search(_hex(q), radius) == index.brute_force(_hex(q), radius)
        for q in [*near[:10], *far[:10]]
    )
    return {
        "size": size,
        "queries": queries,
        "radius": radius,
        "planted": planted,
        "build_seconds": round(build, 2),
        "index_mb": round(index.nbytes / 2**20, 1),
        "median_ms": round(statistics.median(timings) * 1000, 3),
        "p99_ms": round(sorted(timings)[int(len(timings) * 0.99)] * 1000, 3),
        "lookups_per_second": round(len(timings) / sum(timings)),
        "lookups_per_cpu_second": round(len(timings) / cpu) if cpu > 0 else 0,
        "near_found": f"{found}/{half}",
        "answers": answers,
        "exact": f"{exact}/20",
    }


def _search_turned(index: PdqIndex, hashes: tuple[str, ...], radius: int) -> set[int]:
    return {i for h in hashes for i, _ in index.search(h, radius)}


def eval_quality(
    originals: int,
    unrelated: int,
    radius: int,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
    unrelated_size: tuple[int, int] = (160, 120),
) -> dict[str, Any]:
    """Recall of each transformed copy of ``originals`` generated pictures (320 × 240) at
    ``radius``, by the copy's own PDQ hash (``plain``) and by its eight dihedral hashes
    (``turned``, as image queries are matched), and how many of ``unrelated`` other
    pictures (``unrelated_size``: smaller, to generate faster; PDQ hashes a 64 × 64 reduction
    either way) match any original either way (false matches)."""
    hashes, ids = [], []
    copies: dict[str, list[tuple[str, ...]]] = {name: [] for name in TRANSFORMS}
    for i in range(originals):
        image = picture(seed * 1_000_003 + i)
        pdq = hash_image(encode(image))
        if pdq.quality < MIN_QUALITY:
            continue
        hashes.append(pdq.hex)
        ids.append(i)
        for name, transform in TRANSFORMS.items():
            copies[name].append(dihedral_hashes(transform(image).convert("RGB")))
    index = PdqIndex.from_hex(hashes, ids)
    recall: dict[str, dict[str, float]] = {}
    for name, values in copies.items():
        plain = sum(ids[k] in _search_turned(index, v[:1], radius) for k, v in enumerate(values))
        turned = sum(ids[k] in _search_turned(index, v, radius) for k, v in enumerate(values))
        recall[name] = {
            "plain": round(plain / len(values), 3),
            "turned": round(turned / len(values), 3),
        }
    false_plain = false_turned = 0
    started = time.perf_counter()
    for i in range(unrelated):
        other = dihedral_hashes(picture(seed * 7_000_003 + 500_000 + i, unrelated_size))
        false_plain += bool(_search_turned(index, other[:1], radius))
        false_turned += bool(_search_turned(index, other, radius))
        if progress is not None and (i + 1) % 1000 == 0:
            progress(i + 1, unrelated)
    return {
        "originals": len(hashes),
        "skipped": originals - len(hashes),
        "unrelated": unrelated,
        "unrelated_size": unrelated_size,
        "radius": radius,
        "recall": recall,
        "false_matches": false_plain,
        "false_matches_turned": false_turned,
        "unrelated_seconds": round(time.perf_counter() - started, 1),
    }
