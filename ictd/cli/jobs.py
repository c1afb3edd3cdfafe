"""`ictd jobs list|run`: the scheduled jobs, for cron and for the operator."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from ictd.cli.context import guard, print_json, state
from ictd.exc import InvalidInput
from ictd.jobs import JOBS, JobRunner

jobs_app = typer.Typer(
    help="Scheduled jobs (warnings, expiries, deadlines, retention, housekeeping).",
    no_args_is_help=True,
)


def _moment(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput.field("--now", "must be an ISO 8601 date and time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@jobs_app.command("list")
def list_jobs(ctx: typer.Context) -> None:
    """Every job, how often it runs, and what its last run did (JSON)."""
    with guard():
        st = state(ctx)
        print_json(JobRunner(st.store(), st.settings, JOBS).status())


@jobs_app.command("run")
def run_jobs(
    ctx: typer.Context,
    names: Annotated[list[str] | None, typer.Argument(help="Jobs to run; default: all.")] = None,
    due: Annotated[
        bool, typer.Option("--due", help="Only the jobs whose interval has passed (for cron).")
    ] = False,
    now: Annotated[
        str | None, typer.Option(help="Run as of this moment (ISO 8601); default: now.")
    ] = None,
) -> None:
    """Run jobs now (each idempotent; a job another process is running is skipped)."""
    with guard():
        st = state(ctx)
        runner = JobRunner(st.store(), st.settings, JOBS)
        moment = _moment(now)
        if due:
            if names:
                raise InvalidInput.field("--due", "runs every due job; name no jobs with it")
            outcomes = runner.run_due(moment)
        else:
            outcomes = runner.run(names or (), moment)
        print_json([o.to_dict() for o in outcomes])
        if any(o.status == "failed" for o in outcomes):
            raise typer.Exit(1)
