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
    rules: Annotated[int, typer.Option(min=0, help="Active risk rules of the reporter.")] = 20,
    documents: Annotated[
        int, typer.Option(min=0, help="Reports in the lost/stolen register.")
    ] = 10_000,
    breakdown: Annotated[
        int, typer.Option(min=0, help="Messages taken apart in process (0: none).")
    ] = 3,
) -> None:
    """Serve a throw-away SQLite store with LISTED subjects in a child process; post
    synthetic PAXLST messages of PASSENGERS travellers; print the end-to-end latency (p50,
    p90), the parse share and the passengers per second one worker sustains; then, in
    process, the cost per passenger of parsing, screening, the register look-up, rule
    evaluation and the whole submission."""
    with guard():
        result = bench_manifests(listed, passengers, runs, sustained, rules, documents, breakdown)
    command = (
        f"ictd bench manifests --listed {listed} --passengers {passengers} --runs {runs}"
        f" --sustained {sustained} --rules {rules} --documents {documents}"
        f" --breakdown {breakdown}"
    )
    typer.echo(format_manifest_table(result, command))
