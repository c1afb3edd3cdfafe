"""`ictd bench documents` at a tiny size: every table is printed and the index finds what
was put in it (the benchmark asserts it)."""

from __future__ import annotations

from tests.cli.test_cli import ictd, ok


def test_bench_documents_small(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'unused.db'}"
    out = ok(
        ictd(
            url,
            "bench", "documents", "--size", "2000", "--lookups", "200",
            "--import-size", "300", "--chunk", "100",
        )
    )  # fmt: skip
    assert "| `DocumentIndex` | 2,000 |" in out
    assert "| sqlite | 300 |" in out
    assert "| 20 | 20,000 |" in out
