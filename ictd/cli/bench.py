"""`ictd bench`: reproducible measurements of heavy paths (see ``ictd.bench``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from ictd.bench import bench_imports, format_table
from ictd.cli.bench_alerts import bench_alerts_command
from ictd.cli.bench_graph import bench_graph_command
from ictd.cli.bench_http import bench_http_command
from ictd.cli.bench_lifecycle import bench_lifecycle_command
from ictd.cli.bench_load import bench_load_command
from ictd.cli.bench_manifests import bench_manifests_command
from ictd.cli.bench_media import bench_media_command, bench_media_eval_command
from ictd.cli.bench_screen import bench_screen_command
from ictd.cli.bench_snapshot import bench_cluster_command, bench_index_command
from ictd.cli.bench_trade import bench_trade_command
from ictd.cli.context import guard
from ictd.ingest import UN_SC_LIST

bench_app = typer.Typer(help="Measure time and memory of heavy operations.", no_args_is_help=True)


def _shown(url: str) -> str:
    """The URL with any password masked."""
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


@bench_app.command("import")
def bench_import(
    size: Annotated[int, typer.Option(min=10, help="Synthetic FtM entities to import.")] = 100_000,
    runs: Annotated[int, typer.Option(min=1, help="Runs per case; medians are shown.")] = 3,
    un_file: Annotated[
        Path | None,
        typer.Option(help="The UN SC consolidated list XML (default: the copy shipped with ictd)."),
    ] = None,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            help="Also run on this EMPTY, throw-away PostgreSQL database (emptied after each run).",
        ),
    ] = None,
) -> None:
    """Time the UN list import and an import of SIZE FtM entities; print a Markdown table.

    SQLite runs on a new temporary file per run. Each run is a fresh process, so its peak
    RSS is its own; time covers parsing and the sync, not creating the schema.
    """
    with guard():
        results = bench_imports(un_file or UN_SC_LIST, size, runs, database_url)
    command = f"ictd bench import --size {size} --runs {runs}"
    if un_file is not None:
        command += f" --un-file {un_file}"
    if database_url:
        command += f" --database-url {_shown(database_url)}"
    typer.echo(format_table(results, command))


bench_app.command("screen")(bench_screen_command)
bench_app.command("graph")(bench_graph_command)
bench_app.command("alerts")(bench_alerts_command)
bench_app.command("manifests")(bench_manifests_command)


@bench_app.command("documents")
def bench_documents_command(
    size: Annotated[int, typer.Option(min=1000, help="Documents in the in-memory index.")] = (
        10_000_000
    ),
    lookups: Annotated[int, typer.Option(min=100, help="Single look-ups timed.")] = 20_000,
    import_size: Annotated[
        int, typer.Option(min=100, help="Reports imported into the store.")
    ] = 200_000,
    chunk: Annotated[int, typer.Option(min=100, help="Reports per import transaction.")] = 10_000,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            help="Also import into this EMPTY, throw-away PostgreSQL database (emptied).",
        ),
    ] = None,
) -> None:
    """The lost/stolen document register: build and look-up time and memory of the
    in-memory index at SIZE documents; import rate and look-up cost of the store (a new
    SQLite file, and PostgreSQL with --database-url); print Markdown tables."""
    from ictd.bench.documents import bench_documents, format_document_table

    with guard():
        result = bench_documents(size, lookups, import_size, chunk, database_url)
    command = (
        f"ictd bench documents --size {size} --lookups {lookups} --import-size {import_size}"
        f" --chunk {chunk}"
    )
    if database_url:
        command += f" --database-url {_shown(database_url)}"
    typer.echo(format_document_table(result, command))


bench_app.command("lifecycle")(bench_lifecycle_command)


bench_app.command("trade")(bench_trade_command)

bench_app.command("media")(bench_media_command)
bench_app.command("media-eval")(bench_media_eval_command)

bench_app.command("http")(bench_http_command)
bench_app.command("load")(bench_load_command)
bench_app.command("index")(bench_index_command)
bench_app.command("cluster")(bench_cluster_command)
