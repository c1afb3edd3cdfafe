"""`ictd screen FILE`: batch screening of CSV or JSON lines, streamed in bounded memory."""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Annotated

import typer

from ictd.cli.context import State, actor_for, chunked, guard, state
from ictd.exc import InvalidInput
from ictd.outbox import AlertConfig
from ictd.screening import LiveIndex, screen
from ictd.screening import snapshot as snap
from ictd.screening.batchfile import OUT_FIELDS, read_queries, result_rows
from ictd.screening.cluster import PARTITION, file_digest, open_client, screen_on_cluster, ship
from ictd.screening.result import QueryResult
from ictd.screening.service import parse_queries
from ictd.security.actor import Actor
from ictd.store import Store

CHUNK = 500


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
    cluster: Annotated[
        str | None,
        typer.Option(
            help="Match on a Dask cluster: local:N (N worker processes here) or a scheduler "
            "address such as tcp://host:8786 (see docs/deployment.md).",
        ),
    ] = None,
    shared: Annotated[
        bool,
        typer.Option(
            "--shared-snapshot",
            help="With a remote --cluster: every worker reads the snapshot at the same path "
            "(a shared disk) instead of being sent it.",
        ),
    ] = False,
) -> None:
    """Screen every query in FILE and write one result per match (streamed, any size)."""
    with guard():
        st = state(ctx)
        store = st.store()
        actor = actor_for(st, as_user, purpose)
        fmt_in = _format(path, in_format)
        fmt_out = _format(output or Path("out.jsonl"), out_format)
        if cluster is not None:
            config = AlertConfig.from_settings(st.settings)
            how = (threshold, limit, config)
            _run_cluster(st, path, (fmt_in, fmt_out), output, actor, how, (cluster, shared))
            return
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
        for chunk in chunked((q for _, q in read_queries(handle, fmt_in)), CHUNK):
            for result in screen(store, holder, actor, chunk, threshold, limit, config=config):
                if writer:
                    writer.writerows(result_rows(result))
                else:
                    sink.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            bar.update(len(chunk))


def _validate(path: Path, fmt: str) -> int:
    """Parse every query of the file once; raise on the first bad one (``InvalidInput``
    naming its line or field); return how many there are."""
    count = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for chunk in chunked((q for _, q in read_queries(handle, fmt)), PARTITION):
            try:
                parse_queries(chunk)
            except InvalidInput as err:
                raise InvalidInput(
                    f"{err.message} (queries {count + 1}–{count + len(chunk)} "
                    "of the file): nothing was screened",
                    err.errors,
                ) from None
            count += len(chunk)
    return count


def _job_snapshot(st: State, store: Store, folder: Path) -> snap.SnapshotInfo:
    """ICTD_INDEX_SNAPSHOT when it reflects the store as it is now, else a new snapshot in
    ``folder`` built with every core (the cluster must screen against the current index)."""
    configured = st.settings.index_snapshot
    if configured and Path(configured).exists():
        info = snap.read_info(Path(configured))
        if snap.freshness(store, info) is None and snap.feed_state(store, info)[1] == 0:
            return info
    typer.echo("building the index snapshot for the job…", err=True)
    operator = actor_for(st, None, "index snapshot for a screening job")
    return snap.build(store, operator, folder / "job.snap", os.cpu_count() or 1)


def _run_cluster(
    st: State,
    path: Path,
    formats: tuple[str, str],
    output: Path | None,
    actor: Actor,
    how: tuple[float | None, int, AlertConfig],
    where: tuple[str, bool],
) -> None:
    threshold, limit, config = how
    address, shared = where
    store = st.store()
    digest = file_digest(path)
    total = _validate(path, formats[0])  # a bad line stops the job before anything runs
    client, close = open_client(address)
    with tempfile.TemporaryDirectory(prefix="ictd-job-") as folder:
        try:
            info = _job_snapshot(st, store, Path(folder))
            ref = ship(client, info, shared or address.startswith("local:"))
            sink = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
            writer = csv.DictWriter(sink, OUT_FIELDS) if formats[1] == "csv" else None
            if writer:
                writer.writeheader()
            with (
                path.open(encoding="utf-8", newline="") as handle,
                typer.progressbar(length=total, label="screening", file=sys.stderr) as bar,
            ):

                def emit(results: list[QueryResult]) -> None:
                    for result in results:
                        if writer:
                            writer.writerows(result_rows(result))
                        else:
                            sink.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                    bar.update(len(results))

                job = screen_on_cluster(
                    store,
                    actor,
                    client,
                    ref,
                    chunked((q for _, q in read_queries(handle, formats[0])), PARTITION),
                    digest,
                    threshold,
                    limit,
                    config,
                    emit,
                )
            if output:
                sink.close()
        finally:
            close()
    typer.echo(
        f"screened {job.queries} queries on {job.workers} workers: {job.hits} subjects hit, "
        f"{job.withheld} withheld hits (input sha256 {digest[:16]}…)",
        err=True,
    )
