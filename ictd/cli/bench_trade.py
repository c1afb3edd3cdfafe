"""`ictd bench trade`: point-in-area speed and shipments screened end to end."""

from __future__ import annotations

from typing import Annotated

import typer

from ictd.bench.trade import bench_ais, bench_points, bench_shipments, format_trade_table
from ictd.cli.context import guard


def bench_trade_command(
    areas: Annotated[int, typer.Option(min=1, help="Areas (two versions each).")] = 100,
    points: Annotated[int, typer.Option(min=1, help="Positions to locate.")] = 1_000_000,
    ais_positions: Annotated[
        int, typer.Option(min=0, help="AIS positions through the event finder (0: skip).")
    ] = 1_000_000,
    shipments: Annotated[
        int, typer.Option(min=0, help="Shipments to screen (0: skip that case).")
    ] = 100_000,
) -> None:
    """Time point-in-area over AREAS areas, AIS events of AIS_POSITIONS positions, and the
    screening of SHIPMENTS synthetic shipments against the UN list and the illustrative
    areas; print a Markdown table."""
    with guard():
        located = bench_points(areas, points)
        tracked = bench_ais(areas, ais_positions) if ais_positions else None
        screened = bench_shipments(shipments) if shipments else None
    command = (
        f"ictd bench trade --areas {areas} --points {points} --ais-positions {ais_positions} "
        f"--shipments {shipments}"
    )
    typer.echo(format_trade_table(located, screened, command, tracked))
