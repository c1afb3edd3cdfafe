"""`ictd compliance queue|show|approve|refuse`: the operator's compliance review before
sharing; `ictd listing submit|reviews`: an owner submits a listing and reads the decisions."""

from __future__ import annotations

from typing import Annotated

import typer

from ictd.cli.context import IdArg, actor_for, guard, print_json, state
from ictd.cli.records import AsUser, listing_app
from ictd.lifecycle import compliance

__all__ = ["compliance_app", "listing_app"]

compliance_app = typer.Typer(
    help="Compliance review before sharing (the operator's compliance reviewers).",
    no_args_is_help=True,
)
Neutrality = Annotated[
    str,
    typer.Option(
        help="Your neutrality assessment: that the listing serves no matter of a predominantly "
        "political, military, religious or racial character."
    ),
]


def _config(ctx: typer.Context) -> compliance.ComplianceConfig:
    return compliance.ComplianceConfig.from_settings(state(ctx).settings)


@listing_app.command("submit")
def listing_submit(
    ctx: typer.Context,
    listing_id: IdArg,
    as_user: AsUser,
    sharing: Annotated[
        str | None, typer.Option(help="named or all (default: the listing's own).")
    ] = None,
    shared_with: Annotated[
        list[str] | None, typer.Option("--shared-with", help="An agency code (repeat).")
    ] = None,
    note: Annotated[str | None, typer.Option(help="What to tell the reviewer.")] = None,
) -> None:
    """Submit a listing for sharing beyond your agency: it waits for the operator's
    compliance review (a category of ICTD_REVIEW_URGENT_CATEGORIES is published at once)."""
    with guard():
        st = state(ctx)
        listing, review = compliance.submit_listing(
            st.store(),
            actor_for(st, as_user),
            listing_id,
            sharing,
            shared_with,
            note,
            _config(ctx),
        )
    print_json({"listing": listing.to_dict(), "review": review.to_dict()})


@listing_app.command("reviews")
def listing_reviews(ctx: typer.Context, listing_id: IdArg, as_user: AsUser) -> None:
    """The compliance reviews of one of your agency's listings, with decisions and reasons."""
    with guard():
        st = state(ctx)
        found = compliance.reviews_of_listing(st.store(), actor_for(st, as_user), listing_id)
    for review in found:
        print_json(review.to_dict())


@compliance_app.command("queue")
def compliance_queue(
    ctx: typer.Context,
    as_user: AsUser,
    limit: Annotated[int, typer.Option(min=1, max=500)] = 100,
) -> None:
    """The listings waiting for review, urgent ones first, with the failed checks counted."""
    with guard():
        st = state(ctx)
        views, _next = compliance.compliance_queue(st.store(), actor_for(st, as_user), 0, limit)
    for view in views:
        r, x = view.review, view.listing
        failed = [c.name for c in view.checks if not c.passed]
        urgent = f"urgent, due {r.due_at:%Y-%m-%d %H:%M}" if r.urgent and r.due_at else "-"
        typer.echo(
            f"{r.id}\tlisting {x.id}\t{r.agency}\t{x.category}\t{r.kind}\t{r.sharing.value}"
            f"\t{urgent}\tfailed: {', '.join(failed) or 'none'}"
        )
    if not views:
        typer.echo("no listings waiting for review")


@compliance_app.command("show")
def compliance_show(ctx: typer.Context, review_id: IdArg, as_user: AsUser) -> None:
    """One review in full: the request, the listing, its subject and the automated checks."""
    with guard():
        st = state(ctx)
        view = compliance.show_review(st.store(), actor_for(st, as_user), review_id)
    print_json(view.to_dict())


def _decide(
    ctx: typer.Context, review_id: int, as_user: str, decision: str, neutrality: str, reasons: str
) -> None:
    with guard():
        st = state(ctx)
        review, listing = compliance.decide_review(
            st.store(),
            actor_for(st, as_user),
            review_id,
            decision,
            neutrality,
            reasons,
            _config(ctx),
        )
    print_json({"review": review.to_dict(), "listing": listing.to_dict()})


@compliance_app.command("approve")
def compliance_approve(
    ctx: typer.Context,
    review_id: IdArg,
    as_user: AsUser,
    neutrality: Neutrality,
    reasons: Annotated[str, typer.Option(help="The grounds of the approval.")] = "",
) -> None:
    """Approve a review: the listing is published with the scope asked for."""
    _decide(ctx, review_id, as_user, "approved", neutrality, reasons)


@compliance_app.command("refuse")
def compliance_refuse(
    ctx: typer.Context,
    review_id: IdArg,
    as_user: AsUser,
    neutrality: Neutrality,
    reasons: Annotated[str, typer.Option(help="Why the listing is refused (told to its owner).")],
) -> None:
    """Refuse a review with reasons: partners do not see the listing (or no longer do)."""
    _decide(ctx, review_id, as_user, "refused", neutrality, reasons)
