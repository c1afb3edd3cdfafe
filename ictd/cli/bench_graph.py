"""`ictd bench graph`: graph query latency on a large synthetic graph, and xref throughput."""

from __future__ import annotations

import re
from typing import Annotated

import typer

from ictd.bench.graph import bench_graph, format_graph_table
from ictd.cli.context import guard


def bench_graph_command(
    size: Annotated[int, typer.Option(min=100, help="Subjects; relations are 5 × size.")] = 100_000,
    queries: Annotated[int, typer.Option(min=10, help="Timed queries per case.")] = 200,
    xref_size: Annotated[int, typer.Option(min=100, help="Subjects for the xref run.")] = 5_000,
    database_url: Annotated[
        str | None,
        typer.Option(
            help="Run on this EMPTY, throw-away PostgreSQL database instead of SQLite "
            "(it is left holding the graph: drop it after)."
        ),
    ] = None,
) -> None:
    """Time xref, then bulk-load a synthetic graph through the product's schema; print p50/p99
    of neighbourhood and exposure queries (hop by hop and recursive SQL), load times, xref
    subjects per second and the peak RSS of the bench process, as Markdown."""
    with guard():
        result = bench_graph(size, queries, xref_size, database_url)
    command = f"ictd bench graph --size {size} --queries {queries} --xref-size {xref_size}"
    if database_url:
        command += " --database-url " + re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", database_url)
    typer.echo(format_graph_table(result, command))
