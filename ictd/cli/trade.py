"""`ictd trade screen FILE`: shipments from CSV or JSON lines, screened 500 at a time,
one JSON result per line (streamed, with a progress bar)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from ictd.cli.context import actor_for, guard, state
from ictd.embargo import ShipmentInput, screen_shipments
from ictd.exc import FieldError, InvalidInput
from ictd.outbox import AlertConfig
from ictd.screening import LiveIndex

trade_app = typer.Typer(help="Embargo and trade screening of shipments.", no_args_is_help=True)
CHUNK = 500
FIELDS = (
    *("id", "date", "shipper", "consignee", "notify_party", "carrier"),
    *("origin", "destination", "currency"),
)


def _from_csv(row: dict[str, str]) -> ShipmentInput:
    """CSV columns: the API's fields; ``vessel_name``, ``vessel_imo``, ``vessel_mmsi``,
    ``vessel_flag``; ``transshipment`` with ``;`` between ports; ``goods`` with ``|``
    between items, each ``HS:description`` (either part may be empty)."""
    data: dict[str, Any] = {k: (row.get(k) or "").strip() or None for k in FIELDS}
    vessel = {k: row.get(f"vessel_{k}", "").strip() for k in ("name", "imo", "mmsi", "flag")}
    data["vessel"] = {k: v for k, v in vessel.items() if v} or None
    data["transshipment"] = [
        p.strip() for p in (row.get("transshipment") or "").split(";") if p.strip()
    ]
    goods = []
    for item in (row.get("goods") or "").split("|"):
        if item.strip():
            hs, _, description = item.partition(":")
            goods.append({"hs": hs.strip() or None, "description": description.strip() or None})
    data["goods"] = goods
    value = (row.get("value") or "").strip()
    try:
        data["value"] = float(value) if value else None
    except ValueError:
        data["value"] = value
    return ShipmentInput(**data)


def _from_json(text: str, line: int) -> ShipmentInput:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InvalidInput.field(f"line {line}", f"not JSON: {err.msg}") from None
    if not isinstance(data, dict):
        raise InvalidInput.field(f"line {line}", "each line must be a JSON object")
    known = set(ShipmentInput.__dataclass_fields__)
    unknown = sorted(set(data) - known)
    if unknown:
        raise InvalidInput.field(f"line {line}.{unknown[0]}", "is not a shipment field")
    if not isinstance(data.get("id"), str) or not isinstance(data.get("date"), str):
        raise InvalidInput.field(f"line {line}", "give id and date as text")
    return ShipmentInput(**data)


def read_shipments(handle: IO[str], fmt: str) -> Iterator[tuple[int, ShipmentInput]]:
    """(line number, shipment) of a CSV file (with a header) or JSON lines."""
    if fmt == "csv":
        for n, row in enumerate(csv.DictReader(handle), start=2):
            yield n, _from_csv(row)
        return
    for n, text in enumerate(handle, start=1):
        if text.strip():
            yield n, _from_json(text, n)


def _chunks(
    items: Iterator[tuple[int, ShipmentInput]],
) -> Iterator[list[tuple[int, ShipmentInput]]]:
    chunk: list[tuple[int, ShipmentInput]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _on_lines(err: InvalidInput, lines: list[int]) -> InvalidInput:
    """The error with ``shipments.N.field`` named as ``line L: field``."""
    named = []
    for item in err.errors:
        where = item.field
        head, _, rest = where.removeprefix("shipments.").partition(".")
        if head.isdigit() and int(head) < len(lines):
            where = f"line {lines[int(head)]}" + (f".{rest}" if rest else "")
        named.append(FieldError(where, item.message))
    if not named:
        return err
    return InvalidInput(f"invalid shipment: {named[0].field}: {named[0].message}", named)


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
                for chunk in _chunks(read_shipments(handle, fmt)):
                    lines = [n for n, _ in chunk]
                    try:
                        found = screen_shipments(
                            store, holder, actor, [s for _, s in chunk], config=config
                        )
                    except InvalidInput as err:
                        raise _on_lines(err, lines) from None
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
