"""`ictd ais screen FILE`: AIS positions (CSV or timed NMEA) against the embargoed areas."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Annotated

import typer

from ictd.cli.context import actor_for, guard, state
from ictd.embargo import screen_ais
from ictd.outbox import AlertConfig
from ictd.trade.ais import AisSettings, parse_csv_positions, parse_nmea

ais_app = typer.Typer(help="AIS tracks near embargoed areas.", no_args_is_help=True)


@ais_app.command("screen")
def screen_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="CSV (mmsi,time,lat,lon,sog) or NMEA lines.")],
    as_user: Annotated[str, typer.Option("--as", help="E-mail of the screening user.")],
    loiter_hours: Annotated[float, typer.Option(min=0.1, help="Loitering from.")] = 2.0,
    gap_hours: Annotated[float, typer.Option(min=0.1, help="AIS gap from.")] = 6.0,
    near_km: Annotated[float, typer.Option(min=0.0, help="Near an area within.")] = 20.0,
    purpose: Annotated[str | None, typer.Option(help="Recorded in the audit trail.")] = None,
) -> None:
    """Loitering (and port calls) inside an area, AIS gaps starting or ending near one, and
    ship-to-ship candidates (within 500 m, under 1 knot, for 2 hours) in or near one: one
    JSON event per line. Each event raises an `ais` alert to the agency owning the area,
    once per finding. A malformed line stops the run naming it; nothing is screened."""
    with guard():
        st = state(ctx)
        store = st.store()
        actor = actor_for(st, as_user, purpose)
        skipped = 0
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            if path.suffix.lower() == ".csv":
                positions = parse_csv_positions(csv.DictReader(handle))
            else:
                positions, skipped = parse_nmea(handle)
        settings = AisSettings(loiter_hours=loiter_hours, gap_hours=gap_hours, near_km=near_km)
        config = AlertConfig.from_settings(st.settings)
        found = screen_ais(store, actor, positions, settings, config)
        events = found.events
        for event in events:
            typer.echo(json.dumps(event, ensure_ascii=False))
        typer.echo(
            f"{len(positions)} positions of {len({p.mmsi for p in positions})} vessels "
            f"({skipped} sentences without a position skipped): {len(events)} events, "
            f"{found.alerts} new alerts",
            err=True,
        )
