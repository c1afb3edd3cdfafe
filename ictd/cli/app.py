"""The `ictd` command: the root group, `init`, `serve`, `audit verify`."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from typing import Annotated

import typer

from ictd.cli.admin import agency_app, key_app, user_app
from ictd.cli.ais import ais_app
from ictd.cli.areas import area_app
from ictd.cli.bench import bench_app
from ictd.cli.compliance import compliance_app
from ictd.cli.context import State, actor_for, guard, state
from ictd.cli.demo import demo_command
from ictd.cli.docs import build_docs
from ictd.cli.documents import documents_app
from ictd.cli.evaluate import eval_app
from ictd.cli.exposure import exposure_command
from ictd.cli.hit_reports import hit_report_app
from ictd.cli.index import index_app
from ictd.cli.jobs import jobs_app
from ictd.cli.lifecycle import listing_app as _with_reviews  # noqa: F401  due, extend
from ictd.cli.manifests import manifest_app
from ictd.cli.media import media_app
from ictd.cli.movements import dispatch_command, movement_app
from ictd.cli.records import listing_app, relation_app, subject_app
from ictd.cli.redress import redress_app
from ictd.cli.resolve import judge_command, xref_command
from ictd.cli.rules import rules_app
from ictd.cli.screen import screen_file
from ictd.cli.sources import export_app, import_app
from ictd.cli.trade import trade_app
from ictd.registry import audit
from ictd.settings import Settings

app = typer.Typer(
    help="ICTD — International Counter-Terrorism Database.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
audit_app = typer.Typer(help="The tamper-evident audit trail.", no_args_is_help=True)
app.add_typer(agency_app, name="agency")
app.add_typer(user_app, name="user")
app.add_typer(key_app, name="key")
app.add_typer(subject_app, name="subject")
app.add_typer(listing_app, name="listing")
app.add_typer(relation_app, name="relation")
app.add_typer(audit_app, name="audit")
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")
app.command("screen")(screen_file)
app.command("demo")(demo_command)
app.add_typer(eval_app, name="eval")
app.add_typer(bench_app, name="bench")
app.command("xref")(xref_command)
app.command("judge")(judge_command)
app.command("exposure")(exposure_command)
app.add_typer(movement_app, name="movements")
app.add_typer(jobs_app, name="jobs")
app.add_typer(manifest_app, name="manifests")
app.add_typer(hit_report_app, name="hit-report")
app.add_typer(redress_app, name="redress")
app.add_typer(area_app, name="areas")
app.add_typer(trade_app, name="trade")
app.add_typer(ais_app, name="ais")
app.command("dispatch")(dispatch_command)
app.add_typer(documents_app, name="documents")
app.add_typer(rules_app, name="rules")
app.add_typer(media_app, name="media")
app.add_typer(index_app, name="index")
app.add_typer(compliance_app, name="compliance")


@app.callback()
def root(
    ctx: typer.Context,
    database_url: Annotated[
        str | None, typer.Option(help="Store URL (default: ICTD_DATABASE_URL or ./ictd.db).")
    ] = None,
) -> None:
    """Settings come from ICTD_* environment variables; --database-url overrides the store."""
    with guard():
        try:
            settings = Settings() if database_url is None else Settings(database_url=database_url)
        except ValueError as err:
            raise typer.BadParameter(str(err)) from None
    ctx.obj = State(settings)
    ctx.call_on_close(ctx.obj.close)


@app.command()
def init(ctx: typer.Context) -> None:
    """Create the database schema, or upgrade it to the newest version."""
    with guard():
        store = state(ctx).store(ready=False)
        store.init()
    typer.echo(f"database ready ({store.dialect})")


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Address to bind.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Worker processes on the one port; each holds its own screening index and "
            "follows the change feed (see docs/deployment.md).",
        ),
    ] = 1,
) -> None:
    """Serve the API (and web console) with uvicorn."""
    import uvicorn

    from ictd.api import create_app

    with guard():
        st = state(ctx)
        settings = st.settings
        if workers > 1:
            st.store()  # refuse an uninitialised database here, before starting workers
            st.close()
        else:
            application = create_app(settings, st.store())
    logging.basicConfig(level=settings.log_level)
    bind_host, bind_port = host or settings.host, port or settings.port
    if workers == 1:
        uvicorn.run(
            application, host=bind_host, port=bind_port, log_level=settings.log_level.lower()
        )
        return
    # each worker process builds its application from the environment: pass it the store,
    # and a directory where the workers' metrics are added up (unless one is given)
    os.environ["ICTD_DATABASE_URL"] = settings.database_url
    own_metrics = "PROMETHEUS_MULTIPROC_DIR" not in os.environ
    if own_metrics:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="ictd-metrics-")
    try:
        uvicorn.run(
            "ictd.api.app:create_app",
            factory=True,
            workers=workers,
            # a worker still importing on a busy machine is not dead: restarting it won't help
            timeout_worker_healthcheck=60,
            host=bind_host,
            port=bind_port,
            log_level=settings.log_level.lower(),
        )
    finally:
        if own_metrics:
            shutil.rmtree(os.environ.pop("PROMETHEUS_MULTIPROC_DIR"), ignore_errors=True)


@audit_app.command("verify")
def audit_verify(ctx: typer.Context) -> None:
    """Recompute the hash chain; exits 1 and names the first broken event if any.

    Events are sealed onto the chain shortly after they are recorded (normally within a
    fraction of a second); the chain's tamper evidence starts then. The pending ones are
    sealed first; events found waiting a minute or more are reported, and exit 1."""
    with guard():
        st = state(ctx)
        result = audit.verify(st.store(), actor_for(st, None))
    if result.broken is not None:
        typer.secho(
            f"audit trail BROKEN at event {result.broken.seq}: {result.broken.reason}",
            fg=typer.colors.RED,
            err=True,
        )
        raise typer.Exit(1)
    typer.echo(f"audit trail intact: {result.checked} events, head {result.head_seq}")
    if result.unsealed:
        typer.secho(
            f"audit intake: {result.unsealed} events waited unsealed, the oldest "
            f"{result.unsealed_age or 0:.0f} s (sealed now; is a sealer failing?)",
            fg=typer.colors.RED,
            err=True,
        )
        raise typer.Exit(1)


@app.command()
def docs(
    check: Annotated[bool, typer.Option(help="Fail if a page is out of date.")] = False,
) -> None:
    """Regenerate docs/settings.md, docs/cli.md, docs/architecture.md (from the repo root)."""
    build_docs(app, check)
