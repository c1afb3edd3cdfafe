"""Benchmarks of ICTD's heavy paths, run by ``ictd bench``.

Owns reproducible measurements (wall time, peak memory) of whole flows on a throw-away
store, one module per flow (``imports``: the UN SC list and a large FollowTheMoney import).
It sits beside ``api`` in the layers: it may compose the services (``ingest``,
``screening``…) and ``store`` and anything below, and is imported only by ``cli``.
"""

from ictd.bench.imports import BenchResult, bench_imports, format_table, synthetic_ftm

__all__ = [
    "STORE_READS",
    "STORE_WRITES",
    "BenchResult",
    "bench_imports",
    "format_table",
    "synthetic_ftm",
]

# The store repositories this package uses besides ``audit`` (tests/store/test_repository_use.py):
STORE_WRITES = ("bulk", "accounts", "subjects", "listings")
"""Repositories of this capability: read and written here."""
STORE_READS = ("alerts", "graph", "movements")
"""Repositories of other capabilities: only their ``READS`` methods are called here."""
