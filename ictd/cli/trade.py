"""`ictd trade screen FILE`: shipments from CSV or JSON lines, screened 1,000 at a time,
one JSON result per line (streamed, with a progress bar)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ictd.cli.context import actor_for, chunked, guard, state
from ictd.embargo import MAX_SHIPMENTS, screen_shipments
from ictd.embargo.files import on_lines, read_shipments
from ictd.exc import InvalidInput
from ictd.outbox import AlertConfig
from ictd.screening import LiveIndex

trade_app = typer.Typer(help="Embargo and trade screening of shipments.", no_args_is_help=True)
CHUNK = MAX_SHIPMENTS


@trade_app.command("screen")
def screen_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="CSV (with a header) or JSON lines of shipments.")],
    as_user: Annotated[str, typer.Option("--as", help="E-mail of the screening user.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Default: stdout.")] = None,
    purpose: Annotated[str | None, typer.Option(help="Recorded in the audit trail.")] = None,
) -> None:
    """Screen every shipment in FILE: parties, vessel, places on the route at the shipment's
    date, goods. One JSON result per line; a bad shipment stops the run naming its line and
    field (the chunks before it were screened and written)."""
    with guard():
        st = state(ctx)
        store = st.store()
        actor = actor_for(st, as_user, purpose)
        config = AlertConfig.from_settings(st.settings)
        fmt = "csv" if path.suffix.lower() == ".csv" else "jsonl"
        holder = LiveIndex(store)
        with path.open(encoding="utf-8") as counting:
            total = sum(1 for _ in counting) - (1 if fmt == "csv" else 0)
        sink = output.open("w", encoding="utf-8") if output else sys.stdout
        counts = {"hit": 0, "review": 0, "clear": 0}
        try:
            with (
                path.open(encoding="utf-8", newline="") as handle,
                typer.progressbar(length=max(total, 0), label="shipments", file=sys.stderr) as bar,
            ):
                for chunk in chunked(read_shipments(handle, fmt), CHUNK):
                    lines = [n for n, _ in chunk]
                    try:
                        found = screen_shipments(
                            store, holder, actor, [s for _, s in chunk], config=config
                        )
                    except InvalidInput as err:
                        raise on_lines(err, lines) from None
                    for result in found.results:
                        counts[result["status"]] += 1
                        sink.write(json.dumps(result, ensure_ascii=False) + "\n")
                    bar.update(len(chunk))
        finally:
            if output:
                sink.close()
        typer.echo(
            f"{sum(counts.values())} shipments: {counts['hit']} hit, "
            f"{counts['review']} to review, {counts['clear']} clear",
            err=True,
        )
