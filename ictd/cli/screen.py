"""`ictd screen FILE`: batch screening of CSV or JSON lines, streamed in bounded memory."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from ictd.cli.context import actor_for, guard, state
from ictd.exc import InvalidInput
from ictd.screening import IndexHolder, QueryInput, QueryResult, screen
from ictd.security.actor import Actor
from ictd.store import Store

CHUNK = 500
CSV_FIELDS = ["id", "schema", "names", "birth_date", "nationalities", "gender", "identifiers"]
OUT_FIELDS = ["query_id", "hit", "subject_id", "score", "actions", "external_ids", "explanation"]


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def _from_csv(row: dict[str, str], line: int) -> QueryInput:
    identifiers = []
    for item in _split(row.get("identifiers")):
        value, _, country = item.partition("@")
        identifiers.append({"value": value, "country": country or None})
    return QueryInput(
        id=row.get("id") or str(line),
        names=_split(row.get("names")),
        schema=row.get("schema") or None,
        birth_date=row.get("birth_date") or None,
        nationalities=_split(row.get("nationalities")),
        gender=row.get("gender") or None,
        identifiers=identifiers,
    )


def _from_json(text: str, line: int) -> QueryInput:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InvalidInput.field(f"line {line}", f"not JSON: {err.msg}") from None
    if not isinstance(data, dict):
        raise InvalidInput.field(f"line {line}", "each line must be a JSON object")
    names = data.get("names") or ([data["name"]] if data.get("name") else [])
    return QueryInput(
        id=str(data.get("id") or line),
        names=list(names),
        schema=data.get("schema"),
        birth_date=data.get("birth_date"),
        nationalities=list(data.get("nationalities") or []),
        gender=data.get("gender"),
        identifiers=list(data.get("identifiers") or []),
    )


def read_queries(handle: IO[str], fmt: str) -> Iterator[QueryInput]:
    """Queries one at a time from CSV (header row, ``;`` between several values) or JSON lines."""
    if fmt == "csv":
        for line, row in enumerate(csv.DictReader(handle), start=2):
            yield _from_csv(row, line)
        return
    for line, text in enumerate(handle, start=1):
        if text.strip():
            yield _from_json(text, line)


def _chunks(items: Iterator[QueryInput]) -> Iterator[list[QueryInput]]:
    chunk: list[QueryInput] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _csv_rows(result: QueryResult) -> Iterator[dict[str, Any]]:
    if not result.matches:
        yield {"query_id": result.query_id, "hit": False}
    for match in result.matches:
        actions = sorted({a for x in match.listings for a in x.get("actions", [])})
        features = "; ".join(f"{f['feature']}={f['value']}" for f in match.explanation)
        yield {
            "query_id": result.query_id,
            "hit": match.hit,
            "subject_id": match.subject_id,
            "score": round(match.score, 4),
            "actions": ";".join(actions),
            "external_ids": ";".join(match.external_ids),
            "explanation": features,
        }


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
        holder = IndexHolder(store)
        typer.echo(f"building the index of {len(holder.index)} subjects…", err=True)
        sink = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            _run(path, fmt_in, fmt_out, sink, store, holder, actor, threshold, limit)
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
    holder: IndexHolder,
    actor: Actor,
    threshold: float | None,
    limit: int,
) -> None:
    writer = csv.DictWriter(sink, OUT_FIELDS) if fmt_out == "csv" else None
    if writer:
        writer.writeheader()
    total = _count_lines(path)
    with (
        path.open(encoding="utf-8", newline="") as handle,
        typer.progressbar(length=total, label="screening", file=sys.stderr) as bar,
    ):
        for chunk in _chunks(read_queries(handle, fmt_in)):
            for result in screen(store, holder, actor, chunk, threshold, limit):
                if writer:
                    writer.writerows(_csv_rows(result))
                else:
                    sink.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            bar.update(len(chunk))
