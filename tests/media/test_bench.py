"""The media benchmarks run at a small size and report what they measured."""

from __future__ import annotations

from ictd.bench.media import bench_index, eval_quality


def test_bench_index_finds_every_near_hash() -> None:
    result = bench_index(5000, 40, 31)
    assert result["near_found"] == "20/20"
    assert result["lookups_per_second"] > 0


def test_eval_reports_recall_per_transform() -> None:
    result = eval_quality(6, 10, 31)
    assert set(result["recall"]) >= {"JPEG quality 50", "mirror", "crop 10%"}
    assert result["recall"]["JPEG quality 50"] == 1.0
    assert result["false_matches"] == 0
