"""`ictd bench media` and `ictd bench media-eval` (also `ictd eval media`): the PDQ index and
PDQ matching quality."""

from __future__ import annotations

import os
import resource
import sys
from typing import Annotated

import typer

from ictd.bench.media import bench_index, eval_quality
from ictd.cli.context import guard


def _load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def bench_media_command(
    size: Annotated[
        int, typer.Option(min=1000, help="PDQ hashes in the index (random, 0.1 % planted).")
    ] = 1_000_000,
    queries: Annotated[
        int, typer.Option(min=20, help="Lookups timed (half near, half random).")
    ] = 2000,
    distance: Annotated[int, typer.Option(min=0, max=63, help="Hamming radius.")] = 31,
) -> None:
    """Build a PDQ index of SIZE hashes; time lookups one at a time on one core; print
    Markdown with the load average (1, 5, 15 min) before and after."""
    before = _load()
    with guard():
        r = bench_index(size, queries, distance)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    typer.echo(f"`ictd bench media --size {size} --queries {queries} --distance {distance}`")
    typer.echo(f"(load average before {before}, after {_load()})\n")
    typer.echo(
        "| hashes | planted | build s | index MiB | peak RSS MiB | median ms | p99 ms "
        "| lookups/s (wall) | lookups/s (CPU) | near found | exact |"
    )
    typer.echo("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    typer.echo(
        f"| {r['size']:,} | {r['planted']:,} | {r['build_seconds']} | {r['index_mb']} | "
        f"{peak:.0f} | {r['median_ms']} | {r['p99_ms']} | {r['lookups_per_second']:,} | "
        f"{r['lookups_per_cpu_second']:,} | {r['near_found']} | {r['exact']} |"
    )


def bench_media_eval_command(
    originals: Annotated[int, typer.Option(min=1, help="Generated pictures shared.")] = 500,
    unrelated: Annotated[int, typer.Option(min=0, help="Other pictures matched.")] = 5000,
    distance: Annotated[int, typer.Option(min=0, max=63, help="Hamming radius.")] = 31,
) -> None:
    """Recall of transformed copies of generated pictures, by their PDQ hash and by their
    eight dihedral hashes (as image queries are matched), and false matches of unrelated
    pictures, at DISTANCE; print Markdown."""
    before = _load()

    def progress(done: int, total: int) -> None:
        print(f"unrelated pictures: {done:,} of {total:,}", file=sys.stderr, flush=True)

    with guard():
        result = eval_quality(originals, unrelated, distance, progress=progress)
    typer.echo(
        f"`ictd eval media --originals {originals} --unrelated {unrelated} --distance {distance}`"
    )
    typer.echo(f"(load average before {before}, after {_load()})\n")
    typer.echo("| copy | recall, PDQ hash | recall, dihedral hashes |")
    typer.echo("|---|--:|--:|")
    for name, value in result["recall"].items():
        typer.echo(f"| {name} | {value['plain']:.3f} | {value['turned']:.3f} |")
    typer.echo(
        f"\n{result['originals']} originals (quality ≥ 50; {result['skipped']} left out); "
        f"of {result['unrelated']:,} unrelated pictures "
        f"({result['unrelated_size'][0]}×{result['unrelated_size'][1]}), "
        f"{result['false_matches']} matched an "
        f"original by their PDQ hash and {result['false_matches_turned']} by one of their "
        f"dihedral hashes ({result['unrelated_seconds']} s)."
    )
