"""`ictd bench lifecycle`: the review-warning and expiry jobs on many listings."""

from __future__ import annotations

import re
from typing import Annotated

import typer

from ictd.bench.lifecycle import bench_lifecycle, format_lifecycle_table
from ictd.cli.context import guard


def bench_lifecycle_command(
    size: Annotated[int, typer.Option(min=100, help="Active agency listings.")] = 100_000,
    runs: Annotated[int, typer.Option(min=1, max=20, help="Runs on fresh stores.")] = 3,
    database_url: Annotated[
        str | None,
        typer.Option(
            help="Run on this EMPTY, throw-away PostgreSQL database instead of SQLite "
            "(emptied between runs; drop it after)."
        ),
    ] = None,
) -> None:
    """Load SIZE listings with review dates spread over five years, then time the warning
    job (first run and again) and the expiry job (first run and again); print Markdown."""
    with guard():
        result = bench_lifecycle(size, runs, database_url)
    command = f"ictd bench lifecycle --size {size} --runs {runs}"
    if database_url:
        command += " --database-url " + re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", database_url)
    typer.echo(format_lifecycle_table(result, command))
