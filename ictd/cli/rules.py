"""`ictd rules`: an agency's risk rules (targeting) — add, list, preview, activate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ictd.cli.context import IdArg, actor_for, guard, print_json, state
from ictd.exc import InvalidInput
from ictd.targeting import (
    activate_rule,
    create_rule,
    deactivate_rule,
    list_rules,
    preview_rule,
    update_rule,
)

rules_app = typer.Typer(help="Risk rules of your agency (targeting).", no_args_is_help=True)
AsUser = Annotated[str, typer.Option("--as", help="Act as this user (e-mail).")]
Source = Annotated[
    str | None, typer.Option(help="The rule text, e.g. 'nationality == \"SA\" and age < 30'.")
]
SourceFile = Annotated[Path | None, typer.Option(help="Read the rule text from a file.")]


def _source(source: str | None, file: Path | None) -> str | None:
    if source is not None and file is not None:
        raise InvalidInput.field("--source", "give --source or --file, not both")
    if file is not None:
        return file.read_text(encoding="utf-8")
    return source


@rules_app.command("add")
def rules_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The rule's name.")],
    as_user: AsUser,
    source: Source = None,
    file: SourceFile = None,
    description: Annotated[str | None, typer.Option(help="What the rule is for.")] = None,
    active: Annotated[bool, typer.Option(help="Evaluate it at once (default: a draft).")] = False,
) -> None:
    """Add a rule (version 1)."""
    with guard():
        st = state(ctx)
        text = _source(source, file)
        if text is None:
            raise InvalidInput.field("--source", "give the rule text (--source or --file)")
        data = {"name": name, "source": text, "description": description, "active": active}
        rule = create_rule(st.store(), actor_for(st, as_user), data)
    typer.echo(f"rule {rule.id} version {rule.version} added ({'active' if active else 'draft'})")


@rules_app.command("edit")
def rules_edit(
    ctx: typer.Context,
    rule_id: IdArg,
    as_user: AsUser,
    source: Source = None,
    file: SourceFile = None,
    name: Annotated[str | None, typer.Option(help="A new name.")] = None,
) -> None:
    """Write a new version of a rule (activate it to evaluate it)."""
    with guard():
        st = state(ctx)
        text = _source(source, file)
        data = {k: v for k, v in (("source", text), ("name", name)) if v is not None}
        rule = update_rule(st.store(), actor_for(st, as_user), rule_id, data)
    typer.echo(f"rule {rule.id} version {rule.version} written (not active yet)")


@rules_app.command("list")
def rules_list(
    ctx: typer.Context,
    as_user: AsUser,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Your agency's rules at their latest version, with the version evaluated."""
    with guard():
        st = state(ctx)
        rules = list_rules(st.store(), actor_for(st, as_user))
    if as_json:
        print_json(rules)
        return
    for r in rules:
        active = f"active v{r['active_version']}" if r["active_version"] else "off"
        typer.echo(f"{r['id']}\tv{r['version']}\t{active}\t{r['name']}\t{r['source']}")


@rules_app.command("preview")
def rules_preview(
    ctx: typer.Context,
    as_user: AsUser,
    rule_id: Annotated[int | None, typer.Argument(help="A stored rule (default: --source).")] = (
        None
    ),
    version: Annotated[int | None, typer.Option(help="Its version (default: latest).")] = None,
    source: Source = None,
    file: SourceFile = None,
) -> None:
    """What a rule, or a draft text, would have hit in your agency's last 30 days."""
    with guard():
        st = state(ctx)
        text = _source(source, file)
        result = preview_rule(
            st.store(), actor_for(st, as_user), source=text, rule_id=rule_id, version=version
        )
    print_json(result)


@rules_app.command("activate")
def rules_activate(
    ctx: typer.Context,
    rule_id: IdArg,
    as_user: AsUser,
    version: Annotated[int | None, typer.Option(help="The version (default: latest).")] = None,
    off: Annotated[bool, typer.Option("--off", help="Stop evaluating the rule.")] = False,
) -> None:
    """Evaluate a version of the rule on every movement your agency reports (or stop)."""
    with guard():
        st = state(ctx)
        actor = actor_for(st, as_user)
        if off:
            deactivate_rule(st.store(), actor, rule_id)
            typer.echo(f"rule {rule_id} is off")
            return
        rule = activate_rule(st.store(), actor, rule_id, version)
    typer.echo(f"rule {rule.id} version {rule.version} is active")
