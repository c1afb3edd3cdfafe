"""`ictd documents`: the register of lost, stolen and revoked travel documents."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ictd.cli.context import IdArg, actor_for, guard, print_json, state
from ictd.documents import (
    delegate,
    import_csv,
    list_delegations,
    list_reports,
    revoke_delegation,
    withdraw_report,
)
from ictd.exc import InvalidInput

documents_app = typer.Typer(
    help="Lost, stolen and revoked travel documents (the register).", no_args_is_help=True
)
AsUser = Annotated[str | None, typer.Option("--as", help="Act as this user (e-mail).")]


@documents_app.command("import")
def documents_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV file with a header line.", exists=True)],
    as_user: AsUser = None,
) -> None:
    """Record every line of a CSV file, all or nothing (columns: type, number,
    issuing_state, status, reported_on, and optionally reason, expiry, issued, subject_id,
    sharing, shared_with). Errors name the line and the field."""
    with guard():
        st = state(ctx)
        try:
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInput.field("file", "not UTF-8 text") from None
        saved = import_csv(st.store(), actor_for(st, as_user), text)
    typer.echo(f"{len(saved)} document reports recorded")


@documents_app.command("list")
def documents_list(
    ctx: typer.Context,
    as_user: AsUser = None,
    shared: Annotated[bool, typer.Option(help="Also partners' reports shared with you.")] = False,
    withdrawn: Annotated[bool, typer.Option(help="Also withdrawn reports.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List your agency's reports (as the operator at the machine: every agency's)."""
    with guard():
        st = state(ctx)
        actor, after, found = actor_for(st, as_user), 0, []
        while True:
            page = list_reports(st.store(), actor, after, 1000, withdrawn, shared)
            found.extend(page)
            if len(page) < 1000:
                break
            after = page[-1].id or 0
    if as_json:
        print_json([r.to_dict() for r in found])
        return
    for r in found:
        doc = r.document
        gone = f"\twithdrawn {r.withdrawn}" if r.withdrawn else ""
        typer.echo(
            f"{r.id}\t{r.agency}\t{doc.type}\t{doc.number}\t{doc.issuing_state or '-'}\t"
            f"{r.status.value}\t{r.reported_on}{gone}"
        )


@documents_app.command("withdraw")
def documents_withdraw(ctx: typer.Context, report_id: IdArg, as_user: AsUser = None) -> None:
    """Withdraw a report of your agency (the document was found): it stops hitting."""
    with guard():
        st = state(ctx)
        report = withdraw_report(st.store(), actor_for(st, as_user), report_id)
    typer.echo(f"document report {report.id} withdrawn on {report.withdrawn}")


@documents_app.command("delegate")
def documents_delegate(
    ctx: typer.Context,
    agency: Annotated[str, typer.Argument(help="The agency's code.")],
    issuing_state: Annotated[str, typer.Argument(help="The state (alpha-2 or ICAO code).")],
    revoke: Annotated[bool, typer.Option(help="End the delegation instead.")] = False,
    as_user: AsUser = None,
) -> None:
    """Let an agency record the documents of another state (the operator)."""
    with guard():
        st = state(ctx)
        actor = actor_for(st, as_user)
        if revoke:
            revoke_delegation(st.store(), actor, agency, issuing_state)
            typer.echo(f"{agency.upper()} no longer records documents of {issuing_state}")
            return
        code, state_code = delegate(st.store(), actor, agency, issuing_state)
    typer.echo(f"{code} records documents of {state_code}")


@documents_app.command("delegations")
def documents_delegations(ctx: typer.Context, as_user: AsUser = None) -> None:
    """Which agency records which other state's documents."""
    with guard():
        st = state(ctx)
        rows = list_delegations(st.store(), actor_for(st, as_user))
    for row in rows:
        typer.echo(f"{row['agency']}\t{row['issuing_state']}\t{row['granted_at']}")
