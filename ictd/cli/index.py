"""`ictd index build|load|status`: snapshots of the screening index (docs/deployment.md)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from ictd.cli.context import actor_for, guard, state
from ictd.screening import snapshot as snap
from ictd.screening.live_index import LiveIndex

__all__ = ["index_app"]

index_app = typer.Typer(
    help="Snapshots of the screening index: built once, mapped by every worker in seconds.",
    no_args_is_help=True,
)
DEFAULT_PATH = Path("ictd-index.snap")


def _path(ctx: typer.Context, given: Path | None) -> Path:
    configured = state(ctx).settings.index_snapshot
    return given or (Path(configured) if configured else DEFAULT_PATH)


def _mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


@index_app.command("build")
def build_command(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Default: ICTD_INDEX_SNAPSHOT, else ./ictd-index.snap."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, max=256, help="Build processes (default: every core)."),
    ] = None,
) -> None:
    """Index every subject of the store with WORKERS processes and write a snapshot file."""
    with guard():
        st = state(ctx)
        store = st.store()
        path = _path(ctx, out)
        procs = workers or os.cpu_count() or 1
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            took = time.perf_counter() - started
            sys.stderr.write(f"\rindexed {done}/{total} subjects ({took:.0f} s)")
            sys.stderr.flush()

        info = snap.build(store, actor_for(st, None, "index snapshot"), path, procs, progress)
        sys.stderr.write("\n")
        took = time.perf_counter() - started
    typer.echo(
        f"snapshot of {info.subjects} subjects at change {info.position} written to {path} "
        f"({_mib(info.size)}, {took:.1f} s with {procs} processes)"
    )


@index_app.command("load")
def load_command(
    ctx: typer.Context,
    path: Annotated[Path | None, typer.Argument(help="Default: ICTD_INDEX_SNAPSHOT.")] = None,
) -> None:
    """Verify a snapshot: map it as a server would, catch up with the store's change feed,
    and say how long it took. Exits 1 when the snapshot is not fit to use."""
    with guard():
        st = state(ctx)
        store = st.store()
        where = _path(ctx, path)
        started = time.perf_counter()
        index, info = snap.load(where)
        loaded = time.perf_counter() - started
        live = LiveIndex(store)
        info = snap.load_into(live, store, where)
        caught = time.perf_counter() - started
    typer.echo(
        f"{where}: {len(index)} subjects mapped in {loaded:.2f} s; caught up to change "
        f"{live.position} ({len(live.index) - info.subjects:+d} subjects) in {caught:.2f} s"
    )


@index_app.command("status")
def status_command(
    ctx: typer.Context,
    path: Annotated[Path | None, typer.Argument(help="Default: ICTD_INDEX_SNAPSHOT.")] = None,
) -> None:
    """Say what a snapshot holds (change-feed position, age, size, subjects) and whether
    `ictd serve` would start from it."""
    with guard():
        st = state(ctx)
        store = st.store()
        where = _path(ctx, path)
        info = snap.read_info(where)
        reason = snap.freshness(store, info)
        head, _ = snap.feed_state(store, info)
    configured = st.settings.index_snapshot
    used = reason is None and configured is not None and Path(configured) == where
    typer.echo(f"snapshot:  {where}")
    typer.echo(f"subjects:  {info.subjects}")
    typer.echo(f"position:  change {info.position} (the store is at {head})")
    typer.echo(f"age:       {info.age_seconds:.0f} s")
    typer.echo(f"size:      {_mib(info.size)}")
    if reason is not None:
        typer.echo(f"server:    would not use it: {reason}")
    elif not used:
        typer.echo("server:    fit to use; set ICTD_INDEX_SNAPSHOT to this path to use it")
    else:
        typer.echo("server:    starts from it (ICTD_INDEX_SNAPSHOT) and catches up")
