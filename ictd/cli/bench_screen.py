"""`ictd bench screen`: build, memory, latency and throughput of the match index.

The lead registers it on the ``bench`` group::

    bench_app.command("screen")(bench_screen_command)
"""

from __future__ import annotations

from typing import Annotated

import typer

from ictd.bench.screening import bench_screening, format_screen_table
from ictd.cli.context import guard

__all__ = ["bench_screen_command"]


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise typer.BadParameter("give sizes as integers separated by commas") from None
    if not sizes or any(size < 100 for size in sizes):
        raise typer.BadParameter("every size must be at least 100")
    return sizes


def bench_screen_command(
    sizes: Annotated[
        str, typer.Option(help="Index sizes (synthetic subjects), comma-separated.")
    ] = "10000,100000,1000000",
    queries: Annotated[int, typer.Option(min=10, help="Queries per timed set.")] = 1000,
    seed: Annotated[int, typer.Option(help="Seed of the synthetic subjects and queries.")] = 7,
) -> None:
    """Build an index of synthetic subjects per size and print a Markdown table of its speed.

    Build time, index memory (resident-set growth), single-query latency p50/p99 and batch
    throughput on one core, for realistic queries (perturbed names of indexed subjects and
    non-matching names, some with birth dates) at the default threshold, 10 matches each.
    """
    wanted = _sizes(sizes)
    with guard():
        results = bench_screening(wanted, queries, seed)
    command = f"ictd bench screen --sizes {','.join(map(str, wanted))} --queries {queries}"
    command += f" --seed {seed}"
    typer.echo(format_screen_table(results, command))
