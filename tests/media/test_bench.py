"""The media benchmarks run at a small size and report what they measured."""

from __future__ import annotations

from typer.testing import CliRunner

from ictd.bench.media import bench_index, eval_quality
from ictd.cli.app import app


def test_bench_index_finds_every_near_hash_exactly() -> None:
    result = bench_index(40_000, 40, 31)
    assert result["near_found"] == "20/20"
    assert result["exact"] == "20/20"
    assert result["planted"] == 40
    assert result["lookups_per_second"] > 0 and result["lookups_per_cpu_second"] > 0


def test_eval_reports_recall_per_transform_plain_and_turned() -> None:
    result = eval_quality(6, 10, 31)
    assert set(result["recall"]) >= {"JPEG quality 50", "mirror", "crop 10%", "rotate 90°"}
    assert result["recall"]["JPEG quality 50"] == {"plain": 1.0, "turned": 1.0}
    # a mirror image is found through the dihedral hashes, not through its own hash
    assert result["recall"]["mirror"] == {"plain": 0.0, "turned": 1.0}
    assert result["recall"]["rotate 90°"]["turned"] == 1.0
    assert result["false_matches"] == result["false_matches_turned"] == 0


def test_eval_media_is_a_command_of_ictd_eval() -> None:
    out = CliRunner().invoke(app, ["eval", "media", "--originals", "3", "--unrelated", "2"])
    assert out.exit_code == 0, out.output
    assert "| mirror | 0.000 | 1.000 |" in out.output
    assert "of 2 unrelated pictures (160×120), 0 matched" in out.output
