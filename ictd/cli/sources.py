"""`ictd import` and `ictd export`: external lists and FollowTheMoney data."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from ictd.cli.context import actor_for, guard, state
from ictd.exc import IctdError, SourceError
from ictd.ingest import SourceBatch, parse_un_sc, read_ftm, write_ftm
from ictd.ingest.fetch import fetch_source
from ictd.ingest.sync import ImportReport, record_import_error, sync_batch
from ictd.registry.export import export_records
from ictd.resolve import ImportXref, xref_after_import
from ictd.security.actor import Actor
from ictd.store import Store

import_app = typer.Typer(
    help="Import external lists (a sync: re-import updates).", no_args_is_help=True
)
export_app = typer.Typer(help="Export what you may see.", no_args_is_help=True)

JsonOut = Annotated[bool, typer.Option("--json", help="Print the delta report as JSON.")]
XrefAfter = Annotated[
    bool,
    typer.Option(
        "--xref/--no-xref",
        help="After the import commits, propose resolution pairs for the subjects it added or "
        "changed (a failure there keeps the import). --no-xref: run `ictd xref` later.",
    ),
]


def _print_report(report: ImportReport, as_json: bool, after: ImportXref | None) -> None:
    if after is not None and after.error is not None:
        typer.secho(
            f"warning: the import is kept, but proposing resolution pairs for its "
            f"{after.subjects} added or changed subjects failed: {after.error} "
            "(run `ictd xref` to catch up)",
            fg=typer.colors.YELLOW,
            err=True,
        )
    if as_json:
        data = report.to_dict() | ({"xref": after.to_dict()} if after is not None else {})
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    counts = report.counts()
    typer.echo(
        f"{report.source}: {counts['added']} added, {counts['changed']} changed, "
        f"{counts['removed']} removed, {counts['unchanged']} unchanged"
        f" (file sha256 {report.file_hash[:12]}…)"
    )
    for label, refs in (
        ("added", report.added),
        ("changed", report.changed),
        ("removed", report.removed),
    ):
        if refs:
            shown = ", ".join(refs[:20]) + (f" … (+{len(refs) - 20})" if len(refs) > 20 else "")
            typer.echo(f"  {label}: {shown}")
    for warning in report.warnings[:50]:
        typer.echo(f"  warning: {warning}")
    if len(report.warnings) > 50:
        typer.echo(f"  … {len(report.warnings) - 50} more warnings (--json lists them all)")
    if after is not None and after.report is not None:
        found = after.report.proposals
        typer.echo(
            f"  xref: {found} resolution proposal{'' if found == 1 else 's'} for "
            f"{after.subjects} added or changed subject{'' if after.subjects == 1 else 's'}"
            f" ({after.report.seconds:.1f} s)"
        )


def _xref(store: Store, actor: Actor, report: ImportReport, wanted: bool) -> ImportXref | None:
    """Propose pairs for the import's new and changed subjects (it has committed)."""
    return xref_after_import(store, actor, report.source, report.subject_ids) if wanted else None


def _sync(store: Store, actor: Actor, source: str, load: Callable[[], SourceBatch]) -> ImportReport:
    """Load a batch and sync it; on any failure the source remembers the error and its
    data stays as the last good import left it."""
    try:
        return sync_batch(store, actor, load())
    except IctdError as err:
        record_import_error(store, actor, source, err.message)
        raise


@import_app.command("un-sc")
def import_un_sc(
    ctx: typer.Context,
    location: Annotated[str, typer.Argument(help="Path or URL of the UN SC consolidated XML.")],
    timeout: Annotated[float, typer.Option(help="Download timeout in seconds.")] = 60.0,
    as_json: JsonOut = False,
    xref: XrefAfter = True,
) -> None:
    """Import (or re-sync) the UN Security Council consolidated sanctions list."""
    with guard():
        st = state(ctx)
        store, actor = st.store(), actor_for(st, None)
        report = _sync(store, actor, "un-sc", lambda: parse_un_sc(fetch_source(location, timeout)))
        after = _xref(store, actor, report, xref)
    _print_report(report, as_json, after)


def _read_ftm_file(path: Path, dataset: str) -> SourceBatch:
    try:
        with path.open(encoding="utf-8") as handle:
            return read_ftm(handle, dataset)
    except OSError as err:
        raise SourceError(f"cannot read {path}: {err.strerror}") from err
    except UnicodeDecodeError as err:
        raise SourceError(f"{path} is not UTF-8 text (byte {err.start})") from err


@import_app.command("ftm")
def import_ftm(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="FtM entity JSON lines.")],
    dataset: Annotated[str, typer.Option(help="Source name the entities are stated by.")] = "ftm",
    as_json: JsonOut = False,
    xref: XrefAfter = True,
) -> None:
    """Import FollowTheMoney entities (persons, companies, sanctions, links…)."""
    with guard():
        st = state(ctx)
        store, actor = st.store(), actor_for(st, None)
        report = _sync(store, actor, dataset, lambda: _read_ftm_file(path, dataset))
        after = _xref(store, actor, report, xref)
    _print_report(report, as_json, after)


@export_app.command("ftm")
def export_ftm(
    ctx: typer.Context,
    as_user: Annotated[
        str | None, typer.Option("--as", help="Export what this user may see.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (default stdout).")
    ] = None,
) -> None:
    """Write subjects, listings and relations as FtM JSON lines."""
    with guard():
        st = state(ctx)
        records = list(export_records(st.store(), actor_for(st, as_user, "export")))
        subjects = [r.subject for r in records]
        listings = [x for r in records for x in r.listings]
        seen: dict[int | None, Any] = {}
        for r in records:
            for rel in r.relations:
                seen[rel.id] = rel
        lines = write_ftm(subjects, listings, list(seen.values()))
        handle = output.open("w", encoding="utf-8") if output else sys.stdout
        try:
            for line in lines:
                handle.write(line + "\n")
        finally:
            if output:
                handle.close()
