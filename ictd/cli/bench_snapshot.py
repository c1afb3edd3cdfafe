"""`ictd bench index` and `ictd bench cluster`: index snapshots and distributed screening."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer

from ictd.bench.snapshot import (
    bench_cluster,
    bench_index,
    format_cluster_table,
    format_index_table,
)
from ictd.cli.bench_screen import _sizes
from ictd.cli.context import guard

__all__ = ["bench_cluster_command", "bench_index_command"]


def _counts(text: str) -> list[int]:
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise typer.BadParameter("give worker counts as integers separated by commas") from None
    if not counts or any(not 1 <= c <= 64 for c in counts):
        raise typer.BadParameter("every worker count must be from 1 to 64")
    return counts


def bench_index_command(
    sizes: Annotated[
        str, typer.Option(help="Index sizes (synthetic subjects), comma-separated.")
    ] = "100000,1000000",
    workers: Annotated[str, typer.Option(help="Build processes to try, comma-separated.")] = "2",
    seed: Annotated[int, typer.Option(help="Seed of the synthetic subjects.")] = 7,
    folder: Annotated[
        Path | None, typer.Option(help="Where the snapshot files go (default: a temp dir).")
    ] = None,
) -> None:
    """Build a snapshot of synthetic subjects per size and build-process count, then map it
    in two fresh processes at once: build and load time, file size, memory per worker."""
    wanted, counts = _sizes(sizes), _counts(workers)
    with guard(), tempfile.TemporaryDirectory(dir=folder) as where:
        results = [bench_index(s, w, seed, Path(where)) for s in wanted for w in counts]
    command = f"ictd bench index --sizes {','.join(map(str, wanted))} --workers {workers}"
    typer.echo(format_index_table(results, f"{command} --seed {seed}"))


def bench_cluster_command(
    subjects: Annotated[int, typer.Option(min=100, help="Synthetic subjects indexed.")] = 100_000,
    queries: Annotated[int, typer.Option(min=100, help="Queries screened.")] = 200_000,
    workers: Annotated[str, typer.Option(help="Dask worker counts, comma-separated.")] = "1,2",
    seed: Annotated[int, typer.Option(help="Seed of the subjects and queries.")] = 7,
) -> None:
    """Screen QUERIES generated queries against SUBJECTS on local Dask clusters of each
    worker count (matching throughput; the index is mapped by every worker first)."""
    counts = _counts(workers)
    with guard(), tempfile.TemporaryDirectory() as where:
        results = bench_cluster(subjects, queries, counts, seed, Path(where))
    command = f"ictd bench cluster --subjects {subjects} --queries {queries} --workers {workers}"
    typer.echo(format_cluster_table(results, f"{command} --seed {seed}"))
