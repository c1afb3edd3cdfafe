"""Counts of the screening benchmark's index and search that do not depend on the load.

    python scripts/screen-counts.py SIZE [--profile]

Builds the index of ``ictd bench screen`` (``SIZE`` synthetic subjects, seed 7) and prints as
JSON: distinct keys and postings stored per key kind (``s:``, ``t:``, ``g:``, ``d:``, ``i:``,
``f:``) with the postings stored for keys held by more than ``MAX_DF_SHARE`` of the subjects
(never read but for ``s:``) and the bytes of the posting arrays; then, over the benchmark's
timed set of 1,000 queries after its warm-up set, the candidates, the rows added by birth
date, the names aligned (``compare._align_parts``) and the postings read per kind, the top-1
hit rate and a digest of every answer (subject ids and scores); the CPU microseconds per query
(``time.process_time``, both timed sets, twice); with ``--profile``, the Python function calls
of the timed set (cProfile). Run it with ``PYTHONPATH`` pointing at another checkout's
``ictd`` for the other side.
"""

from __future__ import annotations

import cProfile
import gc
import hashlib
import json
import pstats
import sys
import time
from collections import Counter
from typing import Any

import numpy as np

from ictd.bench.screening import LIMIT, _Sampler, make_queries
from ictd.matching import DEFAULT_THRESHOLD, MatchIndex, Query, compare
from ictd.matching import index as ix

SEED = 7


def _kinds(index: MatchIndex, size: int) -> dict[str, dict[str, int]]:
    """Keys, postings stored, largest document frequency and postings stored for keys over
    the cut, per key kind."""
    segment = index._base
    lengths = np.diff(segment.offsets)
    counts = getattr(segment, "counts", lengths)  # a tree without counts
    cut = max(ix.MIN_PRUNE_DF, int(size * ix.MAX_DF_SHARE))
    out: dict[str, dict[str, int]] = {}
    for key, kid in segment.key_ids.items():
        kind = key[:2] if key[1:2] == ":" else "?"
        n, df = int(lengths[kid]), int(counts[kid])
        row = out.setdefault(kind, {"keys": 0, "postings": 0, "max_df": 0, "over_cut": 0})
        row["keys"] += 1
        row["postings"] += n
        row["max_df"] = max(row["max_df"], df)
        row["over_cut"] += n if df > cut else 0
    return dict(sorted(out.items()))


def _counted(
    index: MatchIndex, queries: list[tuple[Query, int | None]]
) -> tuple[Counter[str], Counter[str], str]:
    """Search ``queries`` with the retrieval and alignment functions counted; the counts,
    the postings read per kind and the digest of the answers."""
    counts: Counter[str] = Counter()
    read: Counter[str] = Counter()
    candidates, align = ix._candidates, compare._align_parts
    with_facts = getattr(ix, "_with_fact_rows", None)

    def counted_candidates(segment: Any, query: Any, weights: Any, *a: Any, **k: Any) -> Any:
        rows = candidates(segment, query, weights, *a, **k)
        counts["candidates"] += len(rows)
        counts["queries_with_d"] += any(key.startswith("d:") for key in weights)
        for key, (_, keep) in weights.items():
            read[key[:2]] += segment.df(key) if keep else 0
        return rows

    def counted_align(*a: Any, **k: Any) -> Any:
        counts["aligned"] += 1
        return align(*a, **k)

    def counted_facts(segment: Any, rows: list[int], keys: Any, hidden: Any) -> list[int]:
        assert with_facts is not None
        found: list[int] = with_facts(segment, rows, keys, hidden)
        counts["birth_date_rows"] += len(found) - len(rows)
        return found

    ix._candidates, compare._align_parts = counted_candidates, counted_align  # type: ignore[assignment]
    if with_facts is not None:
        ix._with_fact_rows = counted_facts  # type: ignore[attr-defined]
    digest = hashlib.sha256()
    try:
        for query, target in queries:
            found = index.search(query, limit=LIMIT, threshold=DEFAULT_THRESHOLD)
            digest.update(repr([(m.subject_id, m.score) for m in found]).encode())
            if target is not None:
                counts["with_target"] += 1
                counts["top1_hits"] += bool(found) and found[0].subject_id == target
    finally:
        ix._candidates, compare._align_parts = candidates, align  # type: ignore[assignment]
        if with_facts is not None:
            ix._with_fact_rows = with_facts  # type: ignore[attr-defined]
    return counts, read, digest.hexdigest()


def main(size: int, profile: bool) -> None:
    sampler = _Sampler(size, SEED)
    began = time.perf_counter()
    index = MatchIndex.build(sampler)
    out: dict[str, object] = {"size": size, "build_s": time.perf_counter() - began}
    gc.collect()
    gc.freeze()
    kinds = _kinds(index, size)
    out["keys"] = sum(k["keys"] for k in kinds.values())
    out["postings"] = sum(k["postings"] for k in kinds.values())
    out["kinds"] = kinds
    segment = index._base
    arrays = [segment.offsets, segment.rows, getattr(segment, "counts", segment.offsets[:0])]
    out["posting_bytes"] = sum(a.nbytes for a in arrays)
    pairs = [make_queries(sampler.sample, sampler.truths, 1000, SEED * 1000 + k) for k in range(3)]
    sets = [[q for q, _ in found] for found in pairs]
    for query in sets[0]:  # warm-up
        index.search(query, limit=LIMIT, threshold=DEFAULT_THRESHOLD)
    counts, read, digest = _counted(index, pairs[1])
    out["counts"], out["postings_read"] = dict(counts), dict(read)
    out["top1_hit_rate"] = counts["top1_hits"] / max(1, counts["with_target"])
    out["answers_sha256"] = digest
    cpu = []
    for _ in range(2):
        began = time.process_time()
        for query in sets[1] + sets[2]:
            index.search(query, limit=LIMIT, threshold=DEFAULT_THRESHOLD)
        cpu.append((time.process_time() - began) / 2000 * 1e6)
    out["cpu_us_per_query"] = cpu
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for query in sets[1]:
            index.search(query, limit=LIMIT, threshold=DEFAULT_THRESHOLD)
        profiler.disable()
        out["function_calls"] = pstats.Stats(profiler).total_calls  # type: ignore[attr-defined]
    print(json.dumps(out))


if __name__ == "__main__":
    main(int(sys.argv[1]), "--profile" in sys.argv[2:])
