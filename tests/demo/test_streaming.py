"""Large sets stream in bounded memory (no timing assertions: speed is a benchmark).

Peak resident memory is read before and after streaming 100,000 subjects: holding them all
would add several hundred MB, streaming adds little. (``tracemalloc`` would be more exact
but makes the run ten times slower.)
"""

from __future__ import annotations

import gc
import resource
import weakref

import pytest

from ictd.demo import generate

_MB = 1024  # ru_maxrss is in KiB on Linux


@pytest.mark.slow
def test_100k_subjects_stream_in_bounded_memory() -> None:
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    stream = generate(100_000, seed=3)
    first = weakref.ref(next(stream))
    count, last_key = 1, ""
    for item in stream:
        count += 1
        last_key = item.key
    gc.collect()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert count == 100_000 and last_key == "syn-99999"
    assert first() is None  # nothing keeps generated subjects alive
    assert after - before < 60 * _MB
