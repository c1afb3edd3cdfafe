"""`ictd bench http`: single requests through a real server (see ``ictd.bench.http``)."""

from __future__ import annotations

import re
from typing import Annotated

import typer

from ictd.bench.http import ROUTES, bench_http, format_http_table
from ictd.cli.context import guard
from ictd.exc import InvalidInput


def bench_http_command(
    listed: Annotated[int, typer.Option(min=10, help="Listed synthetic subjects.")] = 10_000,
    requests: Annotated[int, typer.Option(min=10, help="Requests per route.")] = 2_000,
    clients: Annotated[int, typer.Option(min=1, max=64, help="Concurrent clients.")] = 4,
    route: Annotated[
        list[str] | None,
        typer.Option(help=f"Route(s) to measure: {', '.join(ROUTES)} (default: all)."),
    ] = None,
    workers: Annotated[int, typer.Option(min=1, max=32, help="Server worker processes.")] = 1,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            help="Also run on the PostgreSQL server of this URL, in a database created for "
            "the run and dropped afterwards (the URL's own database is not written).",
        ),
    ] = None,
) -> None:
    """Serve a throw-away store with LISTED subjects in a child process (``ictd serve``);
    send REQUESTS single-query screenings and single-movement reports from CLIENTS
    keep-alive connections; print requests/s and latency p50/p99 per store and route."""
    with guard():
        routes = tuple(route or ROUTES)
        for name in routes:
            if name not in ROUTES:
                raise InvalidInput.field("--route", f"one of {', '.join(ROUTES)}")
        results = bench_http(listed, requests, clients, routes, database_url, workers)
    command = f"ictd bench http --listed {listed} --requests {requests} --clients {clients}"
    command += "".join(f" --route {name}" for name in route or ())
    if workers > 1:
        command += f" --workers {workers}"
    if database_url:
        command += " --database-url " + re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", database_url)
    typer.echo(format_http_table(results, command))
