"""`ictd movements import FILE` and `ictd dispatch`: movement batches and the dispatcher."""

from __future__ import annotations

import contextlib
import csv
import json
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from ictd.alerts import AlertConfig, Dispatcher, MovementInput, report_movements
from ictd.cli.context import actor_for, chunked, guard, state
from ictd.model.movement import MOVEMENT_FIELDS
from ictd.model.text import json_object_line
from ictd.screening import LiveIndex

movement_app = typer.Typer(help="Movement reports (border, booking, visa).", no_args_is_help=True)
CHUNK = 500
LIST_FIELDS = tuple(f.name for f in MOVEMENT_FIELDS if f.many)  # ";" between values in CSV


def _from_csv(row: dict[str, str]) -> MovementInput:
    data: dict[str, Any] = {k: (v or None) for k, v in row.items() if k}
    for name in LIST_FIELDS:
        data[name] = [v.strip() for v in (row.get(name) or "").split(";") if v.strip()]
    return MovementInput.from_dict(data)


def _from_json(text: str, line: int) -> MovementInput:
    data = json_object_line(text, line)
    return MovementInput.from_dict(data)


def read_movements(handle: IO[str], fmt: str) -> Iterator[MovementInput]:
    """CSV (header row; ``;`` between names or nationalities) or JSON lines (API shape)."""
    if fmt == "csv":
        yield from (_from_csv(row) for row in csv.DictReader(handle))
        return
    for line, text in enumerate(handle, start=1):
        if text.strip():
            yield _from_json(text, line)


@movement_app.command("import")
def import_movements(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="CSV (with a header) or JSON lines.")],
    as_user: Annotated[str, typer.Option("--as", help="E-mail of the reporting user.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Default: stdout.")] = None,
    purpose: Annotated[str | None, typer.Option(help="Recorded in the audit trail.")] = None,
) -> None:
    """Report every movement in FILE (500 per transaction); one JSON answer per line."""
    with guard():
        st = state(ctx)
        store = st.store()
        actor = actor_for(st, as_user, purpose)
        config = AlertConfig.from_settings(st.settings)
        fmt = "csv" if path.suffix.lower() == ".csv" else "jsonl"
        holder = LiveIndex(store)
        sink = output.open("w", encoding="utf-8") if output else sys.stdout
        hits = total = 0
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                for chunk in chunked(read_movements(handle, fmt), CHUNK):
                    for reply in report_movements(store, holder, actor, chunk, config).replies:
                        sink.write(json.dumps(reply, ensure_ascii=False) + "\n")
                        hits += reply["result"] == "hit"
                        total += 1
        finally:
            if output:
                sink.close()
    typer.echo(f"{total} movements reported, {hits} hits", err=True)


def dispatch_command(
    ctx: typer.Context,
    once: Annotated[bool, typer.Option(help="One pass over the due work, then exit.")] = False,
) -> None:
    """Run the alert dispatcher (webhooks, escalation, retro-screening) in this process."""
    with guard():
        st = state(ctx)
        store = st.store()
        dispatcher = Dispatcher(store, AlertConfig.from_settings(st.settings))
        if once:
            report = dispatcher.run_once()
            dispatcher.stop()
            typer.echo(json.dumps(_fields(report)))
            return
        done = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: done.set())
        dispatcher.start()
        typer.echo("dispatcher running; Ctrl-C to stop", err=True)
        with contextlib.suppress(KeyboardInterrupt):
            done.wait()
        dispatcher.stop()


def _fields(report: Any) -> dict[str, Any]:
    return {name: getattr(report, name) for name in report.__slots__}
