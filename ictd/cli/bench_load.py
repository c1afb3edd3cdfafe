"""`ictd bench load`: mixed traffic at a fixed rate against several servers (see
``ictd.bench.load``). Exits 1 when a movement a client was told was accepted is missing,
stored twice, stored otherwise than answered, or when one was stored that no client sent."""

from __future__ import annotations

import re
from typing import Annotated

import typer

from ictd.bench.load import LoadOptions, bench_load
from ictd.bench.load_plan import parse_mix
from ictd.bench.load_report import format_load_report
from ictd.cli.context import guard

__all__ = ["bench_load_command"]


def bench_load_command(
    rate: Annotated[float, typer.Option(min=0.1, help="Requests per second, in all.")] = 100.0,
    duration: Annotated[float, typer.Option(min=0.1, help="Seconds of traffic.")] = 60.0,
    workers: Annotated[
        int, typer.Option(min=1, max=32, help="Server processes, each on its own port.")
    ] = 2,
    listed: Annotated[int, typer.Option(min=10, help="Listed synthetic subjects.")] = 10_000,
    clients: Annotated[int, typer.Option(min=1, max=1000, help="Requests in flight at most.")] = 64,
    mix: Annotated[
        str, typer.Option(help="Shares of screenings/movements/reads, e.g. 70/20/10.")
    ] = "70/20/10",
    seed: Annotated[int, typer.Option(help="Seed of the requests.")] = 1,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            help="A PostgreSQL server: the test runs in a database created on it and dropped "
            "afterwards (default: a new SQLite file).",
        ),
    ] = None,
) -> None:
    """Serve a throw-away store with LISTED subjects from WORKERS ``ictd serve`` processes;
    send screenings, movements and reads in the MIX at RATE requests/s for DURATION seconds
    on an open schedule; print per-route counts and latency p50/p90/p99/max, CPU, load
    average, and the reconciliation of accepted movements with the store."""
    with guard():
        options = LoadOptions(rate=rate, duration=duration, workers=workers, listed=listed,
                              clients=clients, mix=parse_mix(mix), seed=seed)  # fmt: skip
        result = bench_load(options, database_url)
    command = (
        f"ictd bench load --rate {rate:g} --duration {duration:g} --workers {workers}"
        f" --listed {listed} --clients {clients} --mix {mix} --seed {seed}"
    )
    if database_url:
        command += " --database-url " + re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", database_url)
    typer.echo(format_load_report(result, command))
    if not result.reconciliation.is_clean:
        raise typer.Exit(1)
