"""Memory of the screening benchmark's index built in this process, before and after trim.

    python scripts/index-memory.py SIZE

Builds the index of ``ictd bench screen`` (``SIZE`` synthetic subjects, seed 7) and prints as
JSON the growth of the resident set over the build (``ictd bench screen``'s "index memory"),
the same after glibc's ``malloc_trim(0)`` has handed the freed heap back (so what the index
holds, not what the allocator kept), and the bytes of the posting arrays. Linux with glibc.
Run it with ``PYTHONPATH`` pointing at another checkout's ``ictd`` for the other side.
"""

from __future__ import annotations

import ctypes
import gc
import json
import sys

from ictd.bench.screening import _Sampler, rss_mb
from ictd.matching import MatchIndex


def main(size: int) -> None:
    gc.collect()
    before = rss_mb()
    index = MatchIndex.build(_Sampler(size, 7))
    gc.collect()
    built = rss_mb() - before
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    trimmed = rss_mb() - before
    segment = index._base
    arrays = [segment.offsets, segment.rows, getattr(segment, "counts", segment.offsets[:0])]
    out = {
        "size": size,
        "rss_growth_mib": round(built, 1),
        "after_trim_mib": round(trimmed, 1),
        "posting_bytes": sum(a.nbytes for a in arrays),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main(int(sys.argv[1]))
