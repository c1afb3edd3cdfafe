"""`ictd demo`: a demo partnership — the UN list, partner agencies with users and keys, and
deterministic synthetic multilingual subjects with listings and relations."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from ictd.cli.context import actor_for, guard, state
from ictd.demo import load_synthetic, write_jsonl
from ictd.ingest import UN_SC_LIST, read_un_sc
from ictd.ingest.sync import sync_batch
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


@dataclass(frozen=True, slots=True)
class Credential:
    email: str
    password: str
    token: str


def _accounts(store: Store, system: Actor, expiry: accounts.KeyExpiry) -> list[Credential]:
    """Agencies, one user per role in each (password and API key printed once)."""
    out = []
    accounts.create_agency(store, system, OPERATOR, "Partnership operator", is_operator=True)
    for code, name in AGENCIES.items():
        accounts.create_agency(store, system, code, name, contact=f"duty@{code.lower()}.demo")
    for code in [OPERATOR, *AGENCIES]:
        for role in Role:
            email = f"{role.value}@{code.lower()}.demo"
            password = f"demo-{role.value}-{code.lower()}"
            user = accounts.create_user(store, system, email, code, [role.value], password)
            assert user.id is not None
            _key, token = accounts.create_key(store, system, user.id, label="demo", expiry=expiry)
            out.append(Credential(email, password, token))
    return out


def demo_command(
    ctx: typer.Context,
    size: Annotated[int, typer.Option(help="Synthetic subjects to generate.")] = 2000,
    seed: Annotated[int, typer.Option(help="Seed of the deterministic generator.")] = 7,
    if_empty: Annotated[bool, typer.Option(help="Do nothing when agencies exist.")] = False,
    out: Annotated[
        Path | None, typer.Option(help="Only write the synthetic set as JSON lines to this file.")
    ] = None,
    un_list: Annotated[
        Path | None,
        typer.Option(help="UN SC consolidated list XML (default: the copy shipped with ictd)."),
    ] = None,
) -> None:
    """Prepare a demo database (or, with --out, write a synthetic data set for benchmarks)."""
    with guard():
        if out is not None:
            count = write_jsonl(out, size, seed, agencies=tuple(AGENCIES))
            typer.echo(f"wrote {count} synthetic subjects to {out}")
            return
        st = state(ctx)
        store = st.store()
        has_agencies = bool(accounts.list_agencies(store, actor_for(st, None, "demo")))
        if has_agencies and if_empty:
            typer.echo("demo: the database already has agencies; nothing to do")
            return
        if has_agencies:
            typer.secho(
                "error: the database is not empty (use a fresh one, or --if-empty)",
                fg="red",
                err=True,
            )
            raise typer.Exit(1)
        system = actor_for(st, None, "demo")
        report = sync_batch(store, system, read_un_sc(un_list or UN_SC_LIST))
        typer.echo(f"UN SC list: {len(report.added)} subjects imported")
        credentials = _accounts(store, system, accounts.KeyExpiry.from_settings(st.settings))
        with typer.progressbar(length=size, label="synthetic subjects", file=sys.stderr) as bar:
            subjects, relations = load_synthetic(
                store, system, size, seed, tuple(AGENCIES), progress=bar.update
            )
        typer.echo(f"synthetic: {subjects} subjects, {relations} relations")
        found = xref(store, system, trigger="demo")
        typer.echo(f"resolution: {found.proposals} proposals for review (ictd xref)")
    typer.echo("\nDemo users (shown once; passwords for the web console, keys for the API):")
    for cred in credentials:
        typer.echo(f"  {cred.email:32} {cred.password:34} {cred.token}")
