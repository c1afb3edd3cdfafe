"""`ictd bench cluster` and `ictd bench index` at a tiny size: the numbers they report are
there and consistent, and one or two workers find the same matches."""

from __future__ import annotations

from pathlib import Path

import pytest

from ictd.bench.snapshot import (
    _queries,
    bench_cluster,
    build_generated,
    format_cluster_table,
    write_queries,
)
from ictd.screening import snapshot as snap

pytest.importorskip("distributed")


def test_queries_file_spans_read_back_as_the_queries(tmp_path: Path) -> None:
    queries = _queries(300, 7, 2500)
    spans = write_queries(queries, tmp_path / "q.jsonl")
    assert [s.stop - s.start > 0 for s in spans] == [True, True, True]
    back = [q for s in spans for q in s.queries()]
    assert back == queries


def test_build_reports_its_cpu_and_two_workers_find_what_one_finds(tmp_path: Path) -> None:
    seconds, cpu = build_generated(300, 7, 1, tmp_path / "s.snap")
    assert seconds > 0 and cpu > 0
    assert snap.read_info(tmp_path / "s.snap").subjects == 300
    one, two = bench_cluster(300, 400, [1, 2], 7, tmp_path)
    assert (one.workers, two.workers) == (1, 2)
    assert one.matches == two.matches > 0
    assert one.worker_cpu > 0 and two.worker_cpu > 0 and one.client_cpu >= 0
    table = format_cluster_table([one, two], "ictd bench cluster")
    assert table.count("\n| 300 | 400 |") == 2
