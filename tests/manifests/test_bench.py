"""`ictd bench manifests` at a tiny size: a real server answers, the reporter's rules and
the register are in the path, and the cost per passenger is taken apart in process."""

from __future__ import annotations

from tests.cli.test_cli import ictd, ok


def test_bench_manifests_small(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'unused.db'}"
    out = ok(
        ictd(
            url,
            "bench", "manifests", "--listed", "60", "--passengers", "20", "--runs", "2",
            "--sustained", "1", "--rules", "7", "--documents", "500", "--breakdown", "1",
        )
    )  # fmt: skip
    assert "| listed subjects | 60 |" in out
    assert "| 20-passenger PAXLST over HTTP, p50 of 2 |" in out
    assert "| active rules of the reporter / rule hits in the 2 | 7 / " in out
    assert "| reports in the lost/stolen register | 500 |" in out
    for part in ("parse", "screening", "register look-up", "rule evaluation", "whole submission"):
        assert f"| {part}" in out
