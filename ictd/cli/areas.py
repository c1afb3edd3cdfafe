"""`ictd areas`: embargoed areas — import a GeoJSON file, list, show with versions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ictd.cli.context import IdArg, actor_for, guard, print_json, state
from ictd.embargo import area_versions, import_areas, list_areas, parse_feature_collection
from ictd.exc import InvalidInput

area_app = typer.Typer(help="Embargoed areas (GeoJSON, time-versioned).", no_args_is_help=True)


@area_app.command("import")
def import_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A GeoJSON FeatureCollection of (Multi)Polygons.")],
    as_user: Annotated[str, typer.Option("--as", help="E-mail of the analyst.")],
    purpose: Annotated[str | None, typer.Option(help="Recorded in the audit trail.")] = None,
) -> None:
    """Import every feature of FILE as an area of your agency (``properties``: name,
    legal_basis, valid_from, valid_until, sharing, shared_with; ``area_id`` adds a version to
    one of your areas). All or nothing: any bad feature is reported and nothing is stored."""
    with guard():
        st = state(ctx)
        store = st.store()
        actor = actor_for(st, as_user, purpose)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise InvalidInput.field("file", f"not JSON: {err.msg} (line {err.lineno})") from None
        areas = import_areas(store, actor, parse_feature_collection(data))
        for area in areas:
            typer.echo(f"area {area.id} v{area.current.version}: {area.current.name}")
        typer.echo(f"{len(areas)} areas imported")


@area_app.command("list")
def list_command(
    ctx: typer.Context,
    as_user: Annotated[str, typer.Option("--as", help="E-mail of the user.")],
    purpose: Annotated[str | None, typer.Option(help="Recorded in the audit trail.")] = None,
) -> None:
    """The areas you may read, newest version, as JSON lines (without shapes)."""
    with guard():
        st = state(ctx)
        store = st.store()
        actor = actor_for(st, as_user, purpose)
        after: int | None = 0
        while after is not None:
            items, after = list_areas(store, actor, after, 500)
            for area in items:
                typer.echo(json.dumps(area.to_dict(geometry=False), ensure_ascii=False))


@area_app.command("show")
def show_command(
    ctx: typer.Context,
    area_id: IdArg,
    as_user: Annotated[str, typer.Option("--as", help="E-mail of the user.")],
    purpose: Annotated[str | None, typer.Option(help="Recorded in the audit trail.")] = None,
) -> None:
    """An area with every version (newest first), shapes included."""
    with guard():
        st = state(ctx)
        store = st.store()
        area = area_versions(store, actor_for(st, as_user, purpose), area_id)
        print_json(
            {"area": area.to_dict(geometry=False), "versions": [v.to_dict() for v in area.versions]}
        )
