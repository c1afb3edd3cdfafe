"""`ictd listing due|extend|extensions`: review dates; `ictd listing flag|unflag|flags`:
partners' "no action on our territory" flags."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ictd.cli.context import IdArg, actor_for, guard, print_json, state
from ictd.cli.records import AsUser, listing_app
from ictd.lifecycle import flags, review

__all__ = ["listing_app"]


@listing_app.command("due")
def listing_due(
    ctx: typer.Context,
    as_user: AsUser,
    limit: Annotated[int, typer.Option(min=1, max=500)] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
) -> None:
    """Reviews due: the user's agency's active listings whose review date is within four
    months, soonest first (a date that has come: the listing expires at the next job run)."""
    with guard():
        st = state(ctx)
        items, _next = review.due_listings(st.store(), actor_for(st, as_user), limit=limit)
    for item in items:
        if as_json:
            typer.echo(json.dumps(item.to_dict(), ensure_ascii=False))
            continue
        x = item.listing
        typer.echo(
            f"{x.id}\t{x.review_date}\t{item.days_left} days\t{x.category}\t{x.reference or '-'}"
        )
    if not items and not as_json:
        typer.echo("no reviews due")


@listing_app.command("extend")
def listing_extend(
    ctx: typer.Context,
    listing_id: IdArg,
    as_user: AsUser,
    until: Annotated[str, typer.Option(help="The new review date, YYYY-MM-DD.")],
    reason: Annotated[str, typer.Option(help="Your assessment: why the listing is still needed.")],
) -> None:
    """Extend a listing's review date with a recorded assessment (before the date only)."""
    with guard():
        st = state(ctx)
        listing, extension = review.extend_listing(
            st.store(),
            actor_for(st, as_user),
            listing_id,
            until,
            reason,
            review.review_policy(st.settings),
        )
    print_json({"listing": listing.to_dict(), "extension": extension.to_dict()})


@listing_app.command("extensions")
def listing_extensions(ctx: typer.Context, listing_id: IdArg, as_user: AsUser) -> None:
    """The recorded extensions of one of the user's agency's listings."""
    with guard():
        st = state(ctx)
        found = review.extensions_of(st.store(), actor_for(st, as_user), listing_id)
    for extension in found:
        print_json(extension.to_dict())


@listing_app.command("flag")
def listing_flag(
    ctx: typer.Context,
    listing_id: IdArg,
    as_user: AsUser,
    reason: Annotated[str, typer.Option(help="Why your agency will not act on its territory.")],
) -> None:
    """Flag a partner's listing "no action on our territory": your agency's hits on it then
    say information-only."""
    with guard():
        st = state(ctx)
        flag = flags.flag_listing(st.store(), actor_for(st, as_user), listing_id, reason)
    print_json(flag.to_dict())


@listing_app.command("unflag")
def listing_unflag(ctx: typer.Context, listing_id: IdArg, as_user: AsUser) -> None:
    """Withdraw your agency's flag on a listing."""
    with guard():
        st = state(ctx)
        flag = flags.withdraw_flag(st.store(), actor_for(st, as_user), listing_id)
    print_json(flag.to_dict())


@listing_app.command("flags")
def listing_flags(ctx: typer.Context, listing_id: IdArg, as_user: AsUser) -> None:
    """A listing's flags: all of them for its owner, your agency's own otherwise."""
    with guard():
        st = state(ctx)
        found = flags.flags_of(st.store(), actor_for(st, as_user), listing_id)
    for flag in found:
        typer.echo(json.dumps(flag.to_dict(), ensure_ascii=False))
    if not found:
        typer.echo("no flags")
