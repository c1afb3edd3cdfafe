"""`ictd agency`, `ictd user`, `ictd key`: partner agencies and their accounts."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ictd.cli.context import IdArg, actor_for, guard, print_json, state
from ictd.exc import InvalidInput
from ictd.model import User
from ictd.registry import accounts
from ictd.store import Store

agency_app = typer.Typer(help="Partner agencies.", no_args_is_help=True)
user_app = typer.Typer(help="Users of an agency.", no_args_is_help=True)
key_app = typer.Typer(help="API keys.", no_args_is_help=True)

AsUser = Annotated[str | None, typer.Option("--as", help="Act as this user (default: operator).")]


@agency_app.command("add")
def agency_add(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="Short upper-case code, e.g. FR-DGSI.")],
    name: Annotated[str, typer.Option(help="Full name of the agency.")],
    contact: Annotated[str | None, typer.Option(help="24/7 contact point.")] = None,
    operator: Annotated[bool, typer.Option(help="The agency that hosts the partnership.")] = False,
) -> None:
    """Admit a partner agency."""
    with guard():
        st = state(ctx)
        agency = accounts.create_agency(
            st.store(), actor_for(st, None), code, name, contact, is_operator=operator
        )
    typer.echo(f"agency {agency.code} created")


@agency_app.command("set")
def agency_set(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="The agency's code.")],
    hit_threshold: Annotated[
        float | None,
        typer.Option(help="Score in (0, 1] from which a listed subject's match is a hit."),
    ] = None,
    default_hit_threshold: Annotated[
        bool, typer.Option("--default-hit-threshold", help="Back to the calibrated default.")
    ] = False,
    as_user: AsUser = None,
) -> None:
    """Change an agency's settings: its hit threshold for screening."""
    with guard():
        if (hit_threshold is None) == (not default_hit_threshold):
            raise InvalidInput.field(
                "--hit-threshold", "give --hit-threshold X or --default-hit-threshold"
            )
        st = state(ctx)
        agency = accounts.set_hit_threshold(st.store(), actor_for(st, as_user), code, hit_threshold)
    shown = agency.hit_threshold if agency.hit_threshold is not None else "default"
    typer.echo(f"agency {agency.code}: hit threshold {shown}")


@agency_app.command("list")
def agency_list(ctx: typer.Context) -> None:
    """List agencies."""
    with guard():
        st = state(ctx)
        for agency in accounts.list_agencies(st.store(), actor_for(st, None)):
            flag = " (operator)" if agency.is_operator else ""
            typer.echo(f"{agency.code}\t{agency.name}{flag}")


@user_app.command("add")
def user_add(
    ctx: typer.Context,
    email: str,
    agency: Annotated[str, typer.Option(help="Agency code.")],
    role: Annotated[list[str], typer.Option(help="Role; repeat for several.")],
    name: Annotated[str | None, typer.Option(help="Display name.")] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read a password from standard input.")
    ] = False,
) -> None:
    """Add a user to an agency (roles: analyst, screener, duty-officer, agency-admin, auditor)."""
    with guard():
        password = _read_password() if password_stdin else None
        st = state(ctx)
        user = accounts.create_user(
            st.store(), actor_for(st, None), email, agency, role, password=password, name=name
        )
    typer.echo(f"user {user.id} {user.email} created")


def _read_password() -> str:
    line = sys.stdin.readline().rstrip("\n")
    if not line:
        raise InvalidInput.field("password", "standard input gave no password")
    return line


@user_app.command("list")
def user_list(ctx: typer.Context, agency: Annotated[str, typer.Option()]) -> None:
    """List an agency's users."""
    with guard():
        st = state(ctx)
        for user in accounts.list_users(st.store(), actor_for(st, None), agency):
            roles = ",".join(sorted(r.value for r in user.roles))
            typer.echo(f"{user.id}\t{user.email}\t{roles}{' (disabled)' if user.disabled else ''}")


def _user_id(store: Store, email: str) -> int:
    user = accounts.find_user(store, email)
    if user is None or user.id is None:
        raise InvalidInput.field("email", f"no user with e-mail {email}")
    return user.id


def _show(user: User) -> None:
    roles = ", ".join(sorted(r.value for r in user.roles))
    typer.echo(f"user {user.id} {user.email}: {roles}{' (disabled)' if user.disabled else ''}")


@user_app.command("roles")
def user_roles(
    ctx: typer.Context,
    email: str,
    set_: Annotated[
        str,
        typer.Option(
            "--set", help="The user's roles from now on, comma-separated: analyst,agency-admin."
        ),
    ],
) -> None:
    """Set a user's roles, as the operator (also to give an agency an admin again)."""
    with guard():
        st = state(ctx)
        store = st.store()
        roles = [r.strip() for r in set_.split(",") if r.strip()]
        _show(accounts.update_user(store, actor_for(st, None), _user_id(store, email), roles=roles))


@user_app.command("enable")
def user_enable(ctx: typer.Context, email: str) -> None:
    """Enable a disabled user again, as the operator."""
    with guard():
        st = state(ctx)
        store = st.store()
        _show(
            accounts.update_user(store, actor_for(st, None), _user_id(store, email), disabled=False)
        )


@user_app.command("disable")
def user_disable(ctx: typer.Context, email: str) -> None:
    """Disable a user (their keys and sessions stop working), as the operator."""
    with guard():
        st = state(ctx)
        store = st.store()
        _show(
            accounts.update_user(store, actor_for(st, None), _user_id(store, email), disabled=True)
        )


@key_app.command("create")
def key_create(
    ctx: typer.Context,
    email: str,
    expires_days: Annotated[
        int | None,
        typer.Option(
            help="Expire after N days (default ICTD_KEY_DEFAULT_DAYS, at most ICTD_KEY_MAX_DAYS)."
        ),
    ] = None,
    label: Annotated[str | None, typer.Option(help="What the key is for.")] = None,
) -> None:
    """Create an API key for a user; prints only the token, which is shown this once."""
    with guard():
        st = state(ctx)
        store = st.store()
        expiry = accounts.KeyExpiry.from_settings(st.settings)
        _key, token = accounts.create_key(
            store, actor_for(st, None), _user_id(store, email), label, expires_days, expiry=expiry
        )
    typer.echo(token)


@key_app.command("revoke")
def key_revoke(ctx: typer.Context, key_id: IdArg) -> None:
    """Revoke an API key by its id."""
    with guard():
        st = state(ctx)
        accounts.revoke_key(st.store(), actor_for(st, None), key_id)
    typer.echo(f"key {key_id} revoked")


@key_app.command("list")
def key_list(ctx: typer.Context, agency: Annotated[str, typer.Option()]) -> None:
    """List an agency's keys (never their secrets)."""
    with guard():
        st = state(ctx)
        print_json(
            [k.to_dict() for k in accounts.list_keys(st.store(), actor_for(st, None), agency)]
        )


@agency_app.command("country")
def agency_country(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="The agency's code.")],
    country: Annotated[
        str, typer.Argument(help="The state it serves (ISO 3166 alpha-2), or '-' for none.")
    ],
) -> None:
    """Set the state an agency serves: it records that state's lost and stolen documents."""
    with guard():
        st = state(ctx)
        clean = None if country == "-" else country
        agency = accounts.set_country(st.store(), actor_for(st, None), code, clean)
    typer.echo(f"agency {agency.code}: country {agency.country or 'none'}")
