"""`ictd screen FILE`: batch screening of CSV or JSON lines, streamed in bounded memory."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Annotated

import typer

from ictd.cli.context import actor_for, guard, state
from ictd.exc import InvalidInput
from ictd.outbox import AlertConfig
from ictd.screening import LiveIndex, QueryInput, screen
from ictd.screening.batchfile import OUT_FIELDS, read_queries, result_rows
from ictd.security.actor import Actor
from ictd.store import Store

CHUNK = 500


def _chunks(items: Iterator[tuple[int, QueryInput]]) -> Iterator[list[QueryInput]]:
    chunk: list[QueryInput] = []
    for _line, item in items:
        chunk.append(item)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _format(path: Path, given: str | None) -> str:
    fmt = given or ("csv" if path.suffix.lower() == ".csv" else "jsonl")
    if fmt not in ("csv", "jsonl"):
        raise InvalidInput.field("--format", "csv or jsonl")
    return fmt


def screen_file(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="CSV (with a header) or JSON lines of queries.")],
    as_user: Annotated[str, typer.Option("--as", help="E-mail of the screening user.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Default: stdout.")] = None,
    in_format: Annotated[str | None, typer.Option("--format", help="csv or jsonl.")] = None,
    out_format: Annotated[str | None, typer.Option("--out-format", help="csv or jsonl.")] = None,
    threshold: Annotated[float | None, typer.Option(help="Default: the calibrated one.")] = None,
    limit: Annotated[int, typer.Option(help="Matches per query.")] = 5,
    purpose: Annotated[str | None, typer.Option(help="Recorded in the audit trail.")] = None,
) -> None:
    """Screen every query in FILE and write one result per match (streamed, any size)."""
    with guard():
        st = state(ctx)
        store = st.store()
        actor = actor_for(st, as_user, purpose)
        fmt_in = _format(path, in_format)
        fmt_out = _format(output or Path("out.jsonl"), out_format)
        holder = LiveIndex(store)
        typer.echo(f"building the index of {len(holder.index)} subjects…", err=True)
        sink = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            config = AlertConfig.from_settings(st.settings)
            _run(path, fmt_in, fmt_out, sink, store, holder, actor, (threshold, limit, config))
        finally:
            if output:
                sink.close()


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


def _run(
    path: Path,
    fmt_in: str,
    fmt_out: str,
    sink: IO[str],
    store: Store,
    holder: LiveIndex,
    actor: Actor,
    how: tuple[float | None, int, AlertConfig],
) -> None:
    threshold, limit, config = how
    writer = csv.DictWriter(sink, OUT_FIELDS) if fmt_out == "csv" else None
    if writer:
        writer.writeheader()
    total = _count_lines(path)
    with (
        path.open(encoding="utf-8", newline="") as handle,
        typer.progressbar(length=total, label="screening", file=sys.stderr) as bar,
    ):
        for chunk in _chunks(read_queries(handle, fmt_in)):
            for result in screen(store, holder, actor, chunk, threshold, limit, config=config):
                if writer:
                    writer.writerows(result_rows(result))
                else:
                    sink.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            bar.update(len(chunk))
