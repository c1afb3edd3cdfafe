"""`ictd xref` and `ictd judge`: propose pairs across agencies, and judge them."""

from __future__ import annotations

from typing import Annotated

import typer

from ictd.cli.context import actor_for, bounded_id, guard, print_json, state
from ictd.resolve import judge, xref


def xref_command(
    ctx: typer.Context,
    threshold: Annotated[float | None, typer.Option(help="Default: the calibrated one.")] = None,
    as_user: Annotated[
        str | None, typer.Option("--as", help="E-mail of the acting analyst (default: operator).")
    ] = None,
) -> None:
    """Propose pairs of subjects, across agencies and sources, that may be the same."""
    with guard():
        st = state(ctx)
        report = xref(st.store(), actor_for(st, as_user, "xref"), threshold)
    typer.echo(
        f"{report.proposals} proposals from {report.subjects} subjects "
        f"in {report.seconds:.1f} s ({report.dropped} stale dropped)"
    )


def judge_command(
    ctx: typer.Context,
    subject_a: Annotated[int, typer.Argument(help="A subject id.", callback=bounded_id)],
    subject_b: Annotated[int, typer.Argument(help="Another subject id.", callback=bounded_id)],
    decision: Annotated[str, typer.Argument(help="same, not-same or unsure.")],
    reason: Annotated[str, typer.Option(help="Why: recorded with the judgement.")],
    as_user: Annotated[str, typer.Option("--as", help="E-mail of the judging analyst.")],
) -> None:
    """Judge two subjects the same (or not); `same` links them into one resolved profile."""
    with guard():
        st = state(ctx)
        row = judge(st.store(), actor_for(st, as_user), subject_a, subject_b, decision, reason)
    print_json(row.to_dict())
