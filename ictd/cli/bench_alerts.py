"""`ictd bench alerts`: intake rate, alert latency, crash safety (see ``ictd.bench.alerts``)."""

from __future__ import annotations

from typing import Annotated

import typer

from ictd.bench.alerts import bench_alerts, format_alert_table
from ictd.cli.context import guard


def bench_alerts_command(
    listed: Annotated[int, typer.Option(min=10, help="Listed synthetic subjects.")] = 10_000,
    movements: Annotated[int, typer.Option(min=10, help="Reports in the rate run.")] = 5_000,
    batch: Annotated[int, typer.Option(min=1, max=1000, help="Reports per call.")] = 100,
    samples: Annotated[int, typer.Option(min=1, help="Hits timed to the stream.")] = 200,
    clients: Annotated[int, typer.Option(min=1, help="Concurrent reporting clients.")] = 4,
) -> None:
    """Serve a throw-away SQLite store with LISTED subjects in a child process; measure
    reports per second, report-to-stream latency (p50/p99) and alerts lost or duplicated
    across a kill -9; print a Markdown table."""
    with guard():
        result = bench_alerts(listed, movements, batch, samples, clients)
    command = (
        f"ictd bench alerts --listed {listed} --movements {movements} --batch {batch}"
        f" --samples {samples} --clients {clients}"
    )
    typer.echo(format_alert_table(result, command))
