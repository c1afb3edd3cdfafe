"""`ictd bench manifests`: a passenger manifest end to end over HTTP (``ictd.bench.manifests``)."""

from __future__ import annotations

from typing import Annotated

import typer

from ictd.bench.manifests import bench_manifests, format_manifest_table
from ictd.cli.context import guard


def bench_manifests_command(
    listed: Annotated[int, typer.Option(min=10, help="Listed synthetic subjects.")] = 10_000,
    passengers: Annotated[
        int, typer.Option(min=1, max=1000, help="Passengers of each PAXLST.")
    ] = 400,
    runs: Annotated[int, typer.Option(min=1, help="Timed posts; p50 and p90 shown.")] = 20,
    sustained: Annotated[
        int, typer.Option(min=1, help="Messages posted back to back for the rate.")
    ] = 10,
) -> None:
    """Serve a throw-away SQLite store with LISTED subjects in a child process; post
    synthetic PAXLST messages of PASSENGERS travellers; print the end-to-end latency (p50,
    p90), the parse share and the passengers per second one worker sustains."""
    with guard():
        result = bench_manifests(listed, passengers, runs, sustained)
    command = (
        f"ictd bench manifests --listed {listed} --passengers {passengers} --runs {runs}"
        f" --sustained {sustained}"
    )
    typer.echo(format_manifest_table(result, command))
