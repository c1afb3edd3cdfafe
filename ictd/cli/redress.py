"""`ictd redress add|list|show|evidence|disclosure|answer|decide`: redress requests."""

from __future__ import annotations

from typing import Annotated

import typer

from ictd.cli.context import actor_for, guard, print_json, state
from ictd.exc import InvalidInput
from ictd.redress import (
    RedressConfig,
    RedressInput,
    answer_request,
    decide_request,
    disclosure,
    get_evidence,
    get_request,
    list_requests,
    register_request,
)

redress_app = typer.Typer(
    help="Redress requests of individuals: access, correction, deletion.", no_args_is_help=True
)
AsUser = Annotated[str, typer.Option("--as", help="E-mail of the user to act as.")]
Reference = Annotated[str, typer.Argument(help="The request's reference (RDR-…).")]
Purpose = Annotated[str | None, typer.Option(help="Purpose recorded in the audit trail.")]


@redress_app.command("add")
def redress_add(
    ctx: typer.Context,
    as_user: AsUser,
    subject: Annotated[int, typer.Option(help="The subject the request is about.")],
    kind: Annotated[str, typer.Option(help="access, correction or deletion.")],
    summary: Annotated[str, typer.Option(help="What the individual asks.")],
    requester: Annotated[str, typer.Option(help="Who asks (kept apart, officers only).")],
    evidence: Annotated[str, typer.Option(help="How the requester proved their identity.")],
    contact: Annotated[str | None, typer.Option(help="How to reach the requester.")] = None,
    purpose: Purpose = None,
) -> None:
    """Register a request and forward it to every agency holding data on the subject."""
    with guard():
        st = state(ctx)
        data = RedressInput(subject, kind, summary, requester, evidence, contact)
        config = RedressConfig.from_settings(st.settings)
        shown = register_request(st.store(), actor_for(st, as_user, purpose), data, config)
    print_json(shown)


@redress_app.command("list")
def redress_list(
    ctx: typer.Context,
    as_user: AsUser,
    overdue: Annotated[bool, typer.Option(help="Only requests past a deadline.")] = False,
    status: Annotated[str | None, typer.Option(help="open, overdue or decided.")] = None,
    after: Annotated[int, typer.Option(help="Start after this cursor.")] = 0,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 100,
    purpose: Purpose = None,
) -> None:
    """Requests (all for officers; those forwarded to the agency for its analysts)."""
    with guard():
        if overdue and status not in (None, "overdue"):
            raise InvalidInput.field("--status", "--overdue lists overdue requests only")
        st = state(ctx)
        actor = actor_for(st, as_user, purpose)
        chosen = "overdue" if overdue else status
        items, next_cursor = list_requests(st.store(), actor, chosen, after, limit)
    print_json({"items": items, "next": next_cursor})


@redress_app.command("show")
def redress_show(
    ctx: typer.Context, reference: Reference, as_user: AsUser, purpose: Purpose = None
) -> None:
    """One request with the referrals the user may see."""
    with guard():
        st = state(ctx)
        shown = get_request(st.store(), actor_for(st, as_user, purpose), reference)
    print_json(shown)


@redress_app.command("evidence")
def redress_evidence(
    ctx: typer.Context, reference: Reference, as_user: AsUser, purpose: Purpose = None
) -> None:
    """The requester's identity evidence (redress officers; audited)."""
    with guard():
        st = state(ctx)
        shown = get_evidence(st.store(), actor_for(st, as_user, purpose), reference)
    print_json(shown)


@redress_app.command("disclosure")
def redress_disclosure(
    ctx: typer.Context, reference: Reference, as_user: AsUser, purpose: Purpose = None
) -> None:
    """What may be told to the requester, as each agency allowed (redress officers)."""
    with guard():
        st = state(ctx)
        shown = disclosure(st.store(), actor_for(st, as_user, purpose), reference)
    print_json(shown)


@redress_app.command("answer")
def redress_answer(
    ctx: typer.Context,
    reference: Reference,
    as_user: AsUser,
    text: Annotated[str, typer.Option("--text", help="The agency's answer.")],
    purpose: Purpose = None,
) -> None:
    """The agency's answer to a request forwarded to it."""
    with guard():
        st = state(ctx)
        shown = answer_request(st.store(), actor_for(st, as_user, purpose), reference, text)
    print_json(shown)


@redress_app.command("decide")
def redress_decide(
    ctx: typer.Context,
    reference: Reference,
    as_user: AsUser,
    decision: Annotated[str, typer.Option(help="granted, partly or refused.")],
    reasons: Annotated[str, typer.Option(help="Why.")],
    disclose: Annotated[str, typer.Option(help="none, summary or data.")] = "none",
    note: Annotated[
        str | None, typer.Option("--note", help="What the requester may be told.")
    ] = None,
    h3_consent: Annotated[
        bool, typer.Option(help="Allow disclosure of the agency's H3 data.")
    ] = False,
    purpose: Purpose = None,
) -> None:
    """The agency's decision; a granted deletion withdraws and retracts its data."""
    with guard():
        st = state(ctx)
        actor = actor_for(st, as_user, purpose)
        shown = decide_request(
            st.store(), actor, reference, decision, reasons, disclose, note, h3_consent
        )
    print_json(shown)


__all__ = ["redress_app"]
