"""Counts of the screening benchmark's index and search that do not depend on the load.

    python scripts/screen-counts.py SIZE [--profile]

Builds the index of ``ictd bench screen`` (``SIZE`` synthetic subjects, seed 7) and prints as
JSON: distinct keys and postings per key kind (``s:``, ``t:``, ``g:``, ``d:``, ``i:``, ``f:``)
with the postings of keys held by more than ``MAX_DF_SHARE`` of the subjects (never read but
for ``s:``); then, over the benchmark's timed set of 1,000 queries after its warm-up set, the
candidates, the rows added by birth date, the names aligned (``compare._align_parts``) and
the postings read per kind; the CPU microseconds per query (``time.process_time``, both timed
sets, twice); with ``--profile``, the Python function calls of the timed set (cProfile). Run
it with ``PYTHONPATH`` pointing at another checkout's ``ictd`` for the other side.
"""

from __future__ import annotations

import cProfile
import gc
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
    """Keys, postings, largest list and postings over the cut, per key kind."""
    segment = index._base
    lengths = np.diff(segment.offsets)
    cut = max(ix.MIN_PRUNE_DF, int(size * ix.MAX_DF_SHARE))
    out: dict[str, dict[str, int]] = {}
    for key, kid in segment.key_ids.items():
        kind = key[:2] if key[1:2] == ":" else "?"
        n = int(lengths[kid])
        row = out.setdefault(kind, {"keys": 0, "postings": 0, "max_df": 0, "over_cut": 0})
        row["keys"] += 1
        row["postings"] += n
        row["max_df"] = max(row["max_df"], n)
        row["over_cut"] += n if n > cut else 0
    return dict(sorted(out.items()))


def _counted(index: MatchIndex, queries: list[Query]) -> tuple[Counter[str], Counter[str]]:
    """Search ``queries`` with the retrieval and alignment functions counted."""
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
    try:
        for query in queries:
            index.search(query, limit=LIMIT, threshold=DEFAULT_THRESHOLD)
    finally:
        ix._candidates, compare._align_parts = candidates, align  # type: ignore[assignment]
        if with_facts is not None:
            ix._with_fact_rows = with_facts  # type: ignore[attr-defined]
    return counts, read


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
    sets = [
        [q for q, _ in make_queries(sampler.sample, sampler.truths, 1000, SEED * 1000 + k)]
        for k in range(3)
    ]
    for query in sets[0]:  # warm-up
        index.search(query, limit=LIMIT, threshold=DEFAULT_THRESHOLD)
    counts, read = _counted(index, sets[1])
    out["counts"], out["postings_read"] = dict(counts), dict(read)
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
