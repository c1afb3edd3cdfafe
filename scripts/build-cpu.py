"""CPU time of the snapshot build of generated subjects with 1 or N build processes.

    .venv/bin/python scripts/build-cpu.py SUBJECTS PROCESSES

Prints wall time, this process's CPU and the build processes' CPU (``getrusage`` of the
children, counted once they end), and the merge's time.
"""

import os
import resource
import sys
import time

from ictd.bench import snapshot as bs
from ictd.screening import snapshot as snap


def children() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main() -> None:
    size, workers = int(sys.argv[1]), int(sys.argv[2])
    tasks = [(7, at, min(size, at + bs.CHUNK)) for at in range(0, size, bs.CHUNK)]
    merge = snap.merge_encoded
    took: dict[str, float] = {}

    def timed(blocks):  # type: ignore[no-untyped-def]
        cpu = time.process_time()
        out = merge(blocks)
        took["merge"] = time.process_time() - cpu
        return out

    snap.merge_encoded = timed  # type: ignore[assignment]
    w0, c0, k0 = time.perf_counter(), time.process_time(), children()
    snap.build_arrays(tasks, bs._generated_block, workers)
    w1, c1, k1 = time.perf_counter(), time.process_time(), children()
    print(
        f"subjects={size} processes={workers} wall={w1 - w0:.1f}s this={c1 - c0:.1f}s "
        f"build-processes={k1 - k0:.1f}s merge-cpu={took.get('merge', 0):.1f}s "
        f"load={os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
