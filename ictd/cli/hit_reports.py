"""`ictd hit-report file|show`: hit reports on alerts, acting as a named user."""

from __future__ import annotations

from typing import Annotated

import typer

from ictd.alerts import AlertConfig, HitReportInput, file_hit_report, get_hit_report
from ictd.cli.context import actor_for, guard, print_json, state

hit_report_app = typer.Typer(
    help="Hit reports: what the reporting agency did after a hit.", no_args_is_help=True
)
AsUser = Annotated[str, typer.Option("--as", help="E-mail of the user to act as.")]
Reference = Annotated[str, typer.Argument(help="The alert's reference (ALR-…).")]
Purpose = Annotated[str | None, typer.Option(help="Purpose recorded in the audit trail.")]


@hit_report_app.command("file")
def hit_report_file(
    ctx: typer.Context,
    reference: Reference,
    as_user: AsUser,
    place: Annotated[str, typer.Option(help="Where the subject was met.")],
    time: Annotated[str, typer.Option("--time", help="When: ISO 8601 with a time zone.")],
    transport: Annotated[str, typer.Option(help="air, sea, rail, road, foot or other.")],
    action: Annotated[str, typer.Option(help="The action taken (a requested one, or none).")],
    outcome: Annotated[str, typer.Option(help="located, detained, not-found, refused-entry…")],
    route: Annotated[str | None, typer.Option(help="The route travelled.")] = None,
    transport_details: Annotated[
        str | None, typer.Option(help="Flight, vessel, vehicle plate …")
    ] = None,
    companion: Annotated[
        list[str] | None, typer.Option(help="A companion; repeat for several.")
    ] = None,
    item: Annotated[list[str] | None, typer.Option(help="An item carried; repeat.")] = None,
    notes: Annotated[str | None, typer.Option(help="Anything else the owner should know.")] = None,
    purpose: Purpose = None,
) -> None:
    """File the reporting agency's hit report on an alert; prints it as JSON."""
    with guard():
        st = state(ctx)
        data = HitReportInput(
            place=place,
            occurred_at=time,
            transport=transport,
            action_taken=action,
            outcome=outcome,
            route=route,
            transport_details=transport_details,
            companions=tuple(companion or ()),
            items=tuple(item or ()),
            notes=notes,
        )
        actor = actor_for(st, as_user, purpose)
        config = AlertConfig.from_settings(st.settings)
        shown = file_hit_report(st.store(), actor, reference, data, config)
    print_json(shown)


@hit_report_app.command("show")
def hit_report_show(
    ctx: typer.Context, reference: Reference, as_user: AsUser, purpose: Purpose = None
) -> None:
    """The hit report on an alert (for the owner or the reporting agency), as JSON."""
    with guard():
        st = state(ctx)
        shown = get_hit_report(st.store(), actor_for(st, as_user, purpose), reference)
    print_json(shown)
