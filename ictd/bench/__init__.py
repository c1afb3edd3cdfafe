"""Benchmarks of ICTD's heavy paths, run by ``ictd bench``.

Owns reproducible measurements (wall time, peak memory) of whole flows on a throw-away
store, one module per flow (``imports``: the UN SC list and a large FollowTheMoney import).
It sits beside ``api`` in the layers: it may compose the services (``ingest``,
``screening``…) and ``store`` and anything below, and is imported only by ``cli``.
"""

from ictd.bench.imports import BenchResult, bench_imports, format_table, synthetic_ftm

__all__ = ["BenchResult", "bench_imports", "format_table", "synthetic_ftm"]
