"""`ictd demo`: a demo partnership — the UN list, partner agencies with users and keys, and
deterministic synthetic multilingual subjects with listings and relations."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from ictd.cli.context import actor_for, guard, state
from ictd.demo import SyntheticRelation, SyntheticSubject, generate, write_jsonl
from ictd.ingest import read_un_sc
from ictd.ingest.sync import sync_batch
from ictd.model import Role
from ictd.registry import accounts
from ictd.resolve import xref
from ictd.security.actor import Actor
from ictd.store import Store

UN_LIST = (
    Path(__file__).resolve().parent.parent
    / "ingest"
    / "data"
    / ("un-sc-consolidated-2026-02-27.xml")
)
OPERATOR = "OPS"
AGENCIES = {
    "CTU-NORTH": "Counter-Terrorism Unit North",
    "CTU-SOUTH": "Counter-Terrorism Unit South",
    "CTU-EAST": "Counter-Terrorism Unit East",
    "CTU-WEST": "Counter-Terrorism Unit West",
}
BATCH = 500


@dataclass(frozen=True, slots=True)
class Credential:
    email: str
    password: str
    token: str


def _accounts(store: Store, system: Actor) -> list[Credential]:
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
            _key, token = accounts.create_key(store, system, user.id, label="demo", expires_days=90)
            out.append(Credential(email, password, token))
    return out


def _load_synthetic(store: Store, system: Actor, size: int, seed: int) -> tuple[int, int]:
    """Insert generated subjects owned by the demo agencies; return (subjects, relations)."""
    codes = tuple(AGENCIES)
    ids: dict[str, int] = {}
    owners: dict[str, str] = {}
    pending: list[SyntheticRelation] = []
    now = datetime.now(UTC)
    chunk: list[SyntheticSubject] = []
    with typer.progressbar(length=size, label="synthetic subjects", file=sys.stderr) as bar:
        for item in generate(size, seed, agencies=codes):
            chunk.append(item)
            if len(chunk) == BATCH:
                _insert(store, chunk, ids, owners, codes, now)
                bar.update(len(chunk))
                chunk = []
            pending.extend(item.relations)
        _insert(store, chunk, ids, owners, codes, now)
        bar.update(len(chunk))
    with store.begin() as session:
        for rel in pending:
            owner = owners[rel.source]
            session.relations.insert(
                rel.to_relation(ids).copy_with(source=None, agency=owner, created_at=now)
            )
        session.audit.record(
            system, "demo.load", [], subjects=len(ids), relations=len(pending), seed=seed
        )
    return len(ids), len(pending)


def _insert(
    store: Store,
    chunk: list[SyntheticSubject],
    ids: dict[str, int],
    owners: dict[str, str],
    codes: tuple[str, ...],
    now: datetime,
) -> None:
    with store.begin() as session:
        for n, item in enumerate(chunk):
            owner = item.listings[0].agency if item.listings else codes[n % len(codes)]
            stmts = tuple(
                s.copy_with(source=None, agency=owner, first_seen=now, last_seen=now)
                for s in item.subject.statements
            )
            subject = item.subject.copy_with(
                source=None, agency=owner, statements=stmts, external_ids=(f"demo:{item.key}",)
            )
            subject_id = session.subjects.insert(subject, now)
            ids[item.key] = subject_id
            owners[item.key] = owner
            for listing in item.listings:
                session.listings.insert(
                    listing.to_listing(subject_id).copy_with(created_at=now, updated_at=now)
                )


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
        with store.begin() as session:
            has_agencies = bool(session.accounts.list_agencies())
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
        report = sync_batch(store, system, read_un_sc(un_list or UN_LIST))
        typer.echo(f"UN SC list: {len(report.added)} subjects imported")
        credentials = _accounts(store, system)
        subjects, relations = _load_synthetic(store, system, size, seed)
        typer.echo(f"synthetic: {subjects} subjects, {relations} relations")
        found = xref(store, system, trigger="demo")
        typer.echo(f"resolution: {found.proposals} proposals for review (ictd xref)")
    typer.echo("\nDemo users (shown once; passwords for the web console, keys for the API):")
    for cred in credentials:
        typer.echo(f"  {cred.email:32} {cred.password:34} {cred.token}")
