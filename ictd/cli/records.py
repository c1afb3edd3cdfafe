"""`ictd subject`, `ictd listing`, `ictd relation`: records, acting as a named user."""

from __future__ import annotations

from typing import Annotated

import typer

from ictd.cli.context import IdArg, actor_for, guard, print_json, state
from ictd.exc import InvalidInput
from ictd.lifecycle.review import review_policy
from ictd.registry import listings, relations, subjects
from ictd.registry.listings import ListingInput
from ictd.registry.relations import RelationInput
from ictd.registry.subjects import StatementInput

subject_app = typer.Typer(help="Subjects and their statements.", no_args_is_help=True)
listing_app = typer.Typer(help="Listings on subjects.", no_args_is_help=True)
relation_app = typer.Typer(help="Relations between subjects.", no_args_is_help=True)

AsUser = Annotated[str, typer.Option("--as", help="E-mail of the user to act as.")]
Purpose = Annotated[str | None, typer.Option(help="Purpose recorded in the audit trail.")]


def _parse_props(props: list[str]) -> list[StatementInput]:
    """``prop=value``, ``prop@CC=value`` (qualifier country) or ``prop:lang=value``."""
    out = []
    for i, item in enumerate(props):
        key, sep, value = item.partition("=")
        if not sep:
            raise InvalidInput.field(f"--prop.{i}", f"{item!r} is not prop=value")
        key, _, lang = key.partition(":")
        key, _, qualifier = key.partition("@")
        out.append(StatementInput(key.strip(), value, qualifier or None, lang or None))
    return out


@subject_app.command("add")
def subject_add(
    ctx: typer.Context,
    as_user: AsUser,
    schema: Annotated[str, typer.Option(help="Person, Organization, Company, Vessel, Aircraft.")],
    name: Annotated[list[str], typer.Option(help="Primary name; repeat for several.")],
    prop: Annotated[
        list[str] | None, typer.Option(help="More facts: birthDate=1975, passportNumber@SY=N123")
    ] = None,
    purpose: Purpose = None,
) -> None:
    """Create a subject owned by the user's agency; prints it as JSON."""
    with guard():
        st = state(ctx)
        items = [StatementInput("name", n) for n in name] + _parse_props(prop or [])
        created = subjects.create_subject(
            st.store(), actor_for(st, as_user, purpose), schema, items
        )
    print_json(created.to_dict())


@subject_app.command("show")
def subject_show(
    ctx: typer.Context, subject_id: IdArg, as_user: AsUser, purpose: Purpose = None
) -> None:
    """Show a subject with its statements, listings and relations."""
    with guard():
        st = state(ctx)
        found = subjects.get_subject(st.store(), actor_for(st, as_user, purpose), subject_id)
    print_json(found.to_dict())


@subject_app.command("search")
def subject_search(ctx: typer.Context, text: str, as_user: AsUser, purpose: Purpose = None) -> None:
    """Find subjects whose names contain every word of TEXT."""
    with guard():
        st = state(ctx)
        found = subjects.search_subjects(st.store(), actor_for(st, as_user, purpose), text)
    for subject in found:
        typer.echo(f"{subject.id}\t{subject.schema.value}\t{subject.caption}")


@listing_app.command("add")
def listing_add(
    ctx: typer.Context,
    subject_id: IdArg,
    as_user: AsUser,
    category: Annotated[str, typer.Option(help="e.g. terrorist, financier, sanctioned.")],
    action: Annotated[list[str], typer.Option(help="Requested action; repeat for several.")],
    sharing: Annotated[str, typer.Option(help="own, named or all.")] = "own",
    shared_with: Annotated[
        list[str] | None, typer.Option(help="Agency code (sharing=named).")
    ] = None,
    handling: Annotated[str, typer.Option(help="H0 to H3.")] = "H1",
    status: Annotated[str, typer.Option(help="draft or active.")] = "draft",
    legal_basis: Annotated[str | None, typer.Option()] = None,
    review_date: Annotated[
        str | None, typer.Option(help="YYYY-MM-DD; default: the review period of the category.")
    ] = None,
) -> None:
    """List a subject on behalf of the user's agency."""
    with guard():
        st = state(ctx)
        data = ListingInput(
            category=category,
            actions=action,
            sharing=sharing,
            shared_with=shared_with,
            handling=handling,
            status=status,
            legal_basis=legal_basis,
            review_date=review_date,
        )
        actor, review = actor_for(st, as_user), review_policy(st.settings)
        listing = listings.create_listing(st.store(), actor, subject_id, data, review=review)
    print_json(listing.to_dict())


@relation_app.command("add")
def relation_add(
    ctx: typer.Context,
    source_id: IdArg,
    relation_type: Annotated[str, typer.Argument(metavar="TYPE")],
    target_id: IdArg,
    as_user: AsUser,
    share: Annotated[str | None, typer.Option(help="Ownership %.")] = None,
    amount: Annotated[str | None, typer.Option()] = None,
    currency: Annotated[str | None, typer.Option()] = None,
    start_date: Annotated[str | None, typer.Option()] = None,
) -> None:
    """State a relation: SOURCE_ID TYPE TARGET_ID (e.g. 12 member-of 7)."""
    with guard():
        st = state(ctx)
        data = RelationInput(
            source_id,
            target_id,
            relation_type,
            start_date=start_date,
            share=share,
            amount=amount,
            currency=currency,
        )
        relation = relations.create_relation(st.store(), actor_for(st, as_user), data)
    print_json(relation.to_dict())
