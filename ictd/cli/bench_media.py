"""`ictd bench media` and `ictd bench media-eval`: the PDQ index and PDQ matching quality."""

from __future__ import annotations

import resource
from typing import Annotated

import typer

from ictd.bench.media import bench_index, eval_quality
from ictd.cli.context import guard


def bench_media_command(
    size: Annotated[
        int, typer.Option(min=1000, help="Random PDQ hashes in the index.")
    ] = 1_000_000,
    queries: Annotated[
        int, typer.Option(min=10, help="Lookups timed (half near, half random).")
    ] = 2000,
    distance: Annotated[int, typer.Option(min=0, max=63, help="Hamming radius.")] = 31,
) -> None:
    """Build a PDQ index of SIZE random hashes; time lookups on one core; print Markdown."""
    with guard():
        result = bench_index(size, queries, distance)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    typer.echo(f"`ictd bench media --size {size} --queries {queries} --distance {distance}`\n")
    typer.echo(
        "| hashes | build s | index MiB | peak RSS MiB | median ms | lookups/s | near found |"
    )
    typer.echo("|--:|--:|--:|--:|--:|--:|--:|")
    typer.echo(
        f"| {result['size']:,} | {result['build_seconds']} | {result['index_mb']} | "
        f"{peak:.0f} | {result['median_ms']} | {result['lookups_per_second']:,} | "
        f"{result['near_found']} |"
    )


def bench_media_eval_command(
    originals: Annotated[int, typer.Option(min=1, help="Generated pictures shared.")] = 500,
    unrelated: Annotated[int, typer.Option(min=0, help="Other pictures matched.")] = 5000,
    distance: Annotated[int, typer.Option(min=0, max=63, help="Hamming radius.")] = 31,
) -> None:
    """Recall of transformed copies of generated pictures, and false matches of unrelated
    ones, at DISTANCE; print Markdown."""
    with guard():
        result = eval_quality(originals, unrelated, distance)
    typer.echo(
        f"`ictd bench media-eval --originals {originals} --unrelated {unrelated} "
        f"--distance {distance}`\n"
    )
    typer.echo("| copy | recall |")
    typer.echo("|---|--:|")
    for name, value in result["recall"].items():
        typer.echo(f"| {name} | {value:.3f} |")
    typer.echo(
        f"\n{result['originals']} originals (quality ≥ 50); {result['false_matches']} of "
        f"{result['unrelated']} unrelated pictures matched an original."
    )
