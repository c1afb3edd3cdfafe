"""Distributed screening before and after compact partitions and results, alternated.

"before" emulates the earlier code: Dask's default settings, parsed queries pickled out
and lists of matches pickled back; "after" is ``cluster.open_client`` with spans of a
JSON-lines file out and encoded matches back. Reports wall time and the CPU time of the
workers and of this process (client, scheduler, nannies) per query.

    .venv/bin/python scripts/cluster-before-after.py [SUBJECTS] [QUERIES] [WORKERS]
"""

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import distributed

from ictd.bench import snapshot as bs
from ictd.matching import DEFAULT_THRESHOLD
from ictd.screening import cluster
from ictd.screening import snapshot as snap


def old_search(ref: Any, queries: Any, limit: int, floor: float) -> Any:
    index = cluster._index(ref, None)
    return [index.search(q, limit=limit, threshold=floor) for q in queries]


def run(mode: str, info: Any, work: list, spans: list, n: int) -> None:
    if mode == "before":
        local = distributed.LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,
        )
        client = distributed.Client(local)
        client.wait_for_workers(n)

        def close() -> None:
            client.close()
            local.close()

        parts: list = [
            work[a : a + cluster.PARTITION] for a in range(0, len(work), cluster.PARTITION)
        ]
        fn: Any = old_search
    else:
        client, close = cluster.open_client(f"local:{n}")
        parts, fn = spans, cluster.search_partition
    ref = cluster.ship(client, info, shared=True)
    client.run(fn, ref, [], 10, DEFAULT_THRESHOLD)  # every worker maps the snapshot
    w0 = client.run(time.process_time)
    c0, t0 = time.process_time(), time.perf_counter()
    pending: list = []
    for part in parts:
        pending.append(client.submit(fn, ref, part, 10, DEFAULT_THRESHOLD, pure=False))
        if len(pending) >= 2 * n + 2:
            pending.pop(0).result()
    for future in pending:
        future.result()
    wall, c = time.perf_counter() - t0, time.process_time() - c0
    w1 = client.run(time.process_time)
    w = sum(w1[k] - w0[k] for k in w1)
    close()
    q = len(work)
    print(
        f"{mode} workers={n} wall={wall:.1f}s worker {w / q * 1000:.3f} ms/query "
        f"client {c / q * 1000:.3f} ms/query bound={n * w / (w + c):.2f}x "
        f"load={os.getloadavg()[0]:.2f}",
        flush=True,
    )


def main() -> None:
    subjects, queries, workers = (int(a) for a in [*sys.argv[1:], "25000", "8000", "2"][:3])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.snap"
        bs.build_generated(subjects, 7, os.cpu_count() or 1, path)
        info = snap.read_info(path)
        work = bs._queries(subjects, 7, queries)
        spans = bs.write_queries(work, Path(folder) / "q.jsonl")
        for mode in ["before", "after", "before", "after"]:
            run(mode, info, work, spans, workers)


if __name__ == "__main__":
    main()
