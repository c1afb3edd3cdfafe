"""`ictd exposure FILE`: financing-exposure screening of a registry extract or transactions."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from ictd.cli.context import actor_for, guard, print_json, state
from ictd.exc import InvalidInput
from ictd.graph.extract import parse_extract
from ictd.graph.financing import PartyMatch, assess_exposure
from ictd.outbox import AlertConfig
from ictd.screening import LiveIndex, QueryInput, screen

CHUNK = 1000


def _read(path: Path) -> Any:
    """A JSON document, JSON lines of transactions, or a CSV of transactions (with a header)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".csv":
        return list(csv.DictReader(text.splitlines()))
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        try:
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as err:
            raise InvalidInput.field("FILE", f"neither JSON nor JSON lines: {err.msg}") from None


def exposure_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Registry extract (JSON) or transactions.")],
    as_user: Annotated[str, typer.Option("--as", help="E-mail of the screening analyst.")],
    depth: Annotated[int, typer.Option(min=1, max=6, help="Hops to a listed subject.")] = 3,
    threshold: Annotated[float | None, typer.Option(help="Default: the calibrated one.")] = None,
    since: Annotated[str | None, typer.Option("--from", help="Period start, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Period end, YYYY-MM-DD.")] = None,
) -> None:
    """Screen every party, then report direct hits, exposure paths and money flows (JSON)."""
    with guard():
        st = state(ctx)
        store = st.store()
        actor = actor_for(st, as_user, "exposure screening")
        try:
            period = (
                date.fromisoformat(since) if since else None,
                date.fromisoformat(until) if until else None,
            )
        except ValueError as err:
            raise InvalidInput.field("--from/--to", str(err)) from None
        extract = parse_extract(_read(path))
        holder = LiveIndex(store)
        config = AlertConfig.from_settings(st.settings)
        inputs = [QueryInput(**p.query_fields()) for p in extract.parties.values()]
        matches: dict[str, list[PartyMatch]] = {}
        for start in range(0, len(inputs), CHUNK):
            chunk = inputs[start : start + CHUNK]
            for result in screen(store, holder, actor, chunk, threshold, 3, config=config):
                matches[result.query_id] = [PartyMatch.of(m) for m in result.matches]
        report = assess_exposure(store, actor, extract, matches, depth, period)
    print_json(report)
