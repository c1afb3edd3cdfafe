"""`ictd manifests import FILE|DIR…` and `ictd manifests demo`: airline passenger messages."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from ictd.alerts import AlertConfig
from ictd.cli.context import actor_for, fail, guard, state
from ictd.cli.demo import AGENCIES
from ictd.exc import InvalidInput
from ictd.manifests import submit_manifest
from ictd.manifests.demo import demo_messages
from ictd.model.country import is_country_code
from ictd.screening import LiveIndex

manifest_app = typer.Typer(
    help="Airline passenger messages (PAXLST, PNRGOV): import, demo files.", no_args_is_help=True
)


def _files(paths: list[Path]) -> list[Path]:
    """The files named, and the files of each directory named (sorted, hidden ones left)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            )
        elif path.is_file():
            out.append(path)
        else:
            raise InvalidInput.field(str(path), "no such file or directory")
    return out


@manifest_app.command("import")
def import_manifests(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Interchange files, or directories of them.")],
    as_user: Annotated[str, typer.Option("--as", help="E-mail of the submitting user.")],
    receiving_state: Annotated[
        str | None,
        typer.Option("--state", help="The receiving state (alpha-2): decides entry or exit."),
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Default: stdout.")] = None,
    purpose: Annotated[str | None, typer.Option(help="Recorded in the audit trail.")] = None,
) -> None:
    """Submit each interchange file: one JSON answer per file and line (per traveller hit /
    no-hit with the requested action). A rejected file is answered with its errors and the
    others go on; the exit code is 1 when any was rejected."""
    rejected = 0
    with guard():
        if receiving_state is not None and not is_country_code(receiving_state.upper()):
            raise InvalidInput.field("--state", "an ISO 3166-1 alpha-2 country code")
        st = state(ctx)
        store = st.store()
        actor = actor_for(st, as_user, purpose)
        config = AlertConfig.from_settings(st.settings)
        live = LiveIndex(store)
        files = _files(paths)
        sink = output.open("w", encoding="utf-8") if output else sys.stdout
        travellers = hits = 0
        try:
            for path in files:
                line: dict[str, Any] = {"file": str(path)}
                try:
                    state_code = receiving_state.upper() if receiving_state else None
                    answer = submit_manifest(
                        store, live, actor, path.read_bytes(), config, state_code
                    ).answer
                except InvalidInput as err:
                    rejected += 1
                    line["error"] = {
                        "message": err.message,
                        "details": [e.to_dict() for e in err.errors],
                    }
                else:
                    line.update(answer)
                    travellers += answer["travellers"]
                    hits += answer["hits"]
                sink.write(json.dumps(line, ensure_ascii=False) + "\n")
        finally:
            if output:
                sink.close()
    typer.echo(
        f"{len(files) - rejected} manifests submitted ({travellers} travellers, {hits} hits), "
        f"{rejected} rejected",
        err=True,
    )
    if rejected:
        raise typer.Exit(1)


@manifest_app.command("demo")
def demo_files(
    out: Annotated[Path, typer.Option("--out", help="Directory to write the files into.")] = Path(
        "manifests-demo"
    ),
    flights: Annotated[int, typer.Option(min=1, max=200, help="Flights to make.")] = 3,
    seed: Annotated[int, typer.Option(min=0, help="Seed of the deterministic generator.")] = 1,
    passengers: Annotated[int, typer.Option(min=1, max=900, help="Passengers a flight.")] = 120,
    listed: Annotated[
        int, typer.Option(min=0, max=100, help="Listed people of `ictd demo` to put aboard.")
    ] = 6,
    demo_size: Annotated[
        int, typer.Option(help="The --size `ictd demo` loaded (who is listed there).")
    ] = 2000,
    demo_seed: Annotated[int, typer.Option(help="The --seed `ictd demo` loaded.")] = 7,
) -> None:
    """Write realistic synthetic messages: per flight a PAXLST passenger list, a crew list
    and a PNRGOV push, names in MRZ form; listed people of the demo data travel under the
    names their passports carry. Submit them with `ictd manifests import DIR --as EMAIL`."""
    with guard():
        if out.exists() and not out.is_dir():
            fail(f"{out} is not a directory")
        out.mkdir(parents=True, exist_ok=True)
        messages = demo_messages(
            seed,
            flights,
            datetime.now(UTC),
            passengers=passengers,
            listed=listed,
            demo_size=demo_size,
            demo_seed=demo_seed,
            agencies=tuple(AGENCIES),
        )
        for message in messages:
            (out / message.name).write_text(message.text, encoding="utf-8")
    planted = sum(m.planted for m in messages if m.name.endswith("_passengers.edi"))
    typer.echo(
        f"wrote {len(messages)} messages of {flights} flights to {out} "
        f"({planted} listed travellers aboard)"
    )
