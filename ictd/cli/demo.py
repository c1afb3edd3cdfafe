"""`ictd demo`: a demo partnership — the UN list, partner agencies with users and keys, and
deterministic synthetic multilingual subjects with listings and relations. The users'
passwords and keys go to ``demo-credentials.txt`` and are printed in a box last
(``ictd.cli.demo_users``)."""

from __future__ import annotations

import dataclasses
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from ictd.cli.context import State, actor_for, fail, guard, state
from ictd.cli.demo_users import (
    CREDENTIALS_FILE,
    Credential,
    DemoUsers,
    read_users,
    render_box,
    write_users,
)
from ictd.demo import load_synthetic, write_jsonl
from ictd.embargo import load_illustrative_areas
from ictd.ingest import UN_SC_LIST, read_un_sc
from ictd.ingest.sync import sync_batch
from ictd.lifecycle.compliance_batch import record_reviews
from ictd.model import Role
from ictd.registry import accounts
from ictd.resolve import xref
from ictd.security.actor import Actor
from ictd.store import Store

OPERATOR = "OPS"
AGENCIES = {
    "CTU-NORTH": "Counter-Terrorism Unit North",
    "CTU-SOUTH": "Counter-Terrorism Unit South",
    "CTU-EAST": "Counter-Terrorism Unit East",
    "CTU-WEST": "Counter-Terrorism Unit West",
}


def _accounts(store: Store, system: Actor, expiry: accounts.KeyExpiry) -> list[Credential]:
    """Agencies, one user per role in each, with a password and an API key."""
    out = []
    accounts.create_agency(store, system, OPERATOR, "Partnership operator", is_operator=True)
    for code, name in AGENCIES.items():
        accounts.create_agency(store, system, code, name, contact=f"duty@{code.lower()}.demo")
    for code in [OPERATOR, *AGENCIES]:
        for role in Role:
            if role in (Role.REDRESS_OFFICER, Role.COMPLIANCE_REVIEWER) and code != OPERATOR:
                continue  # redress officers and compliance reviewers: the operator's only
            email = f"{role.value}@{code.lower()}.demo"
            password = f"demo-{role.value}-{code.lower()}"
            user = accounts.create_user(store, system, email, code, [role.value], password)
            assert user.id is not None
            _key, token = accounts.create_key(store, system, user.id, label="demo", expiry=expiry)
            out.append(Credential(email, password, token))
    return out


def _box(st: State, demo: DemoUsers, path: Path) -> str:
    """The box of ``demo``, as wide as the terminal allows."""
    console = f"http://{st.settings.host}:{st.settings.port}/"
    return render_box(demo, path, console, shutil.get_terminal_size((200, 24)).columns)


def _show_users(st: State, path: Path) -> None:
    """Print the box of ``path``; say so when it belongs to another database."""
    demo = read_users(path)
    if demo is None or not demo.users:
        fail(f"no demo users in {path}: `ictd demo` writes them there when it creates them")
        return
    location = st.store(ready=False).location
    if demo.database != location:
        typer.secho(
            f"note: these are the demo users of {demo.database}, not of {location}",
            fg=typer.colors.YELLOW,
            err=True,
        )
    typer.echo(_box(st, demo, path))


def _already_there(st: State, path: Path) -> None:
    """``--if-empty`` on a database with agencies: the box again if it holds the demo."""
    store = st.store()
    demo = read_users(path)
    if demo is not None and demo.users and demo.database == store.location:
        typer.echo("demo: the database already holds the demo")
        typer.echo(_box(st, demo, path))
        return
    typer.echo("demo: the database already has agencies; nothing to do")
    if accounts.find_user(store, f"analyst@{OPERATOR.lower()}.demo") is not None:
        typer.echo(
            f"  (no {path} for it: demo passwords read demo-<role>-<agency>, e.g. "
            "demo-screener-ctu-north; create an API key with `ictd key create EMAIL`)"
        )


DEMO_NEUTRALITY = (
    "Synthetic demo listing: terrorism offences under ordinary law; no predominantly "
    "political, military, religious or racial character."
)
DEMO_REASONS = "Demo data, reviewed when the demo was built."


def _load(st: State, size: int, seed: int, un_list: Path | None) -> list[Credential]:
    """The UN list, the agencies and their users, the synthetic set and its xref."""
    store = st.store()
    system = actor_for(st, None, "demo")
    report = sync_batch(store, system, read_un_sc(un_list or UN_SC_LIST))
    typer.echo(f"UN SC list: {len(report.added)} subjects imported")
    credentials = _accounts(store, system, accounts.KeyExpiry.from_settings(st.settings))
    with typer.progressbar(length=size, label="synthetic subjects", file=sys.stderr) as bar:
        subjects, relations = load_synthetic(
            store, system, size, seed, tuple(AGENCIES), progress=bar.update
        )
    typer.echo(f"synthetic: {subjects} subjects, {relations} relations")
    reviewer = accounts.find_user(store, f"compliance-reviewer@{OPERATOR.lower()}.demo")
    assert reviewer is not None
    reviewed = record_reviews(store, Actor.from_user(reviewer), DEMO_NEUTRALITY, DEMO_REASONS)
    typer.echo(f"compliance: {reviewed} shared listings reviewed (approved, recorded)")
    found = xref(store, system, trigger="demo")
    typer.echo(f"resolution: {found.proposals} proposals for review (ictd xref)")
    areas = load_illustrative_areas(store, dataclasses.replace(system, agency=OPERATOR))
    typer.echo(f"areas: {len(areas)} ILLUSTRATIVE embargoed areas (not authoritative)")
    return credentials


def demo_command(
    ctx: typer.Context,
    size: Annotated[int, typer.Option(help="Synthetic subjects to generate.")] = 2000,
    seed: Annotated[int, typer.Option(help="Seed of the deterministic generator.")] = 7,
    if_empty: Annotated[
        bool, typer.Option(help="When agencies exist, only print the demo users (if any).")
    ] = False,
    show_users: Annotated[
        bool, typer.Option(help="Only print the demo users again (from --credentials).")
    ] = False,
    credentials: Annotated[
        Path, typer.Option(help="Where the demo users' passwords and API keys are written.")
    ] = CREDENTIALS_FILE,
    out: Annotated[
        Path | None, typer.Option(help="Only write the synthetic set as JSON lines to this file.")
    ] = None,
    un_list: Annotated[
        Path | None,
        typer.Option(help="UN SC consolidated list XML (default: the copy shipped with ictd)."),
    ] = None,
) -> None:
    """Prepare a demo database (or, with --out, write a synthetic data set for benchmarks).

    The demo users' passwords and API keys are written to --credentials (mode 0600) and
    printed last, in a box.
    """
    with guard():
        if out is not None:
            count = write_jsonl(out, size, seed, agencies=tuple(AGENCIES))
            typer.echo(f"wrote {count} synthetic subjects to {out}")
            return
        st = state(ctx)
        if show_users:
            _show_users(st, credentials)
            return
        store = st.store()
        if accounts.list_agencies(store, actor_for(st, None, "demo")):
            if if_empty:
                _already_there(st, credentials)
                return
            fail("the database is not empty (use a fresh one, or --if-empty)")
        users = DemoUsers(store.location, tuple(_load(st, size, seed, un_list)))
    try:
        write_users(credentials, users)
    except OSError as err:
        typer.secho(
            f"warning: cannot write {credentials} ({err.strerror}): the demo users are shown "
            "only here",
            fg=typer.colors.YELLOW,
            err=True,
        )
    typer.echo(_box(st, users, credentials))
