"""`ictd media add|match|import|export`: media signals from the command line.

Files are read, hashed in memory and discarded; only hashes reach the store. Each command
acts as a user (``--as EMAIL``), like the API, under the same policy and audit.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer

from ictd.cli.context import actor_for, guard, state
from ictd.exc import InvalidInput
from ictd.signals import (
    MatchQuery,
    MediaConfig,
    SignalInput,
    export_csv,
    hash_upload,
    import_csv,
    match_media,
    submit_signals,
)

media_app = typer.Typer(
    help="Media signals: hashes and URLs of terrorist content.", no_args_is_help=True
)
AsUser = Annotated[str, typer.Option("--as", help="E-mail of the acting user.")]
Purpose = Annotated[str | None, typer.Option(help="Recorded in the audit trail.")]
AsJson = Annotated[bool, typer.Option("--json", help="One JSON object per line.")]


def _read(path: Path, config: MediaConfig, at: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > config.limits.max_bytes:
            raise InvalidInput.field(at, f"larger than {config.limits.max_bytes} bytes")
        return path.read_bytes()
    except OSError as problem:
        raise InvalidInput.field(at, f"cannot read {path}: {problem.strerror}") from None


def _hash_option(text: str, at: str) -> SignalInput:
    kind, sep, value = text.partition(":")
    if not sep:
        raise InvalidInput.field(at, "give KIND:VALUE, e.g. md5:900150983cd24fb0d6963f7d28e17f72")
    return SignalInput(kind=kind.strip().lower(), value=value)


@media_app.command("add")
def add_command(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None, typer.Argument(help="Images and videos to hash and share.")
    ] = None,
    as_user: AsUser = "",
    url: Annotated[list[str] | None, typer.Option(help="A URL to share (repeatable).")] = None,
    hash_: Annotated[
        list[str] | None, typer.Option("--hash", help="KIND:VALUE (pdq, video, md5, sha256).")
    ] = None,
    label: Annotated[list[str] | None, typer.Option(help="A taxonomy label.")] = None,
    platform: Annotated[str | None, typer.Option(help="Where the content was seen.")] = None,
    sharing: Annotated[str, typer.Option(help="own, named or all.")] = "all",
    handling: Annotated[str, typer.Option(help="H0 to H3.")] = "H1",
    subject: Annotated[
        int | None, typer.Option(help="Attribute to this listed organisation.")
    ] = None,
    purpose: Purpose = None,
    as_json: AsJson = False,
) -> None:
    """Share images (hashed with PDQ, MD5 and SHA-256), videos (PDQ of a frame a second,
    MD5, SHA-256; the files are not stored), URLs and hashes as signals of your agency."""
    with guard():
        st = state(ctx)
        config = MediaConfig.from_settings(st.settings)
        template = SignalInput(
            kind="",
            value="",
            labels=label or [],
            platform=platform,
            sharing=sharing,
            handling=handling,
            subject_id=subject,
        )
        items: list[SignalInput] = []
        for path in files or []:
            try:
                items.extend(hash_upload(_read(path, config, str(path)), template, config.limits))
            except InvalidInput as problem:
                raise InvalidInput.field(str(path), problem.errors[0].message) from None
        items += [replace(template, kind="url", value=u) for u in url or []]
        for text in hash_ or []:
            parsed = _hash_option(text, "--hash")
            items.append(replace(template, kind=parsed.kind, value=parsed.value))
        actor = actor_for(st, as_user or None, purpose)
        stored = submit_signals(st.store(), actor, items)
    for item in stored:
        if as_json:
            typer.echo(json.dumps(item, ensure_ascii=False))
        else:
            state_word = "new" if item["created"] else "already held"
            typer.echo(f"signal {item['id']}  {item['kind']:6}  {_shown(item)}  ({state_word})")


@media_app.command("match")
def match_command(
    ctx: typer.Context,
    files: Annotated[list[Path] | None, typer.Argument(help="Images and videos to match.")] = None,
    as_user: AsUser = "",
    url: Annotated[list[str] | None, typer.Option(help="A URL to match (repeatable).")] = None,
    hash_: Annotated[list[str] | None, typer.Option("--hash", help="KIND:VALUE.")] = None,
    purpose: Purpose = None,
    as_json: AsJson = False,
) -> None:
    """Match images (also rotated or mirrored copies), videos, URLs and hashes against the
    signals your agency may see."""
    with guard():
        st = state(ctx)
        config = MediaConfig.from_settings(st.settings)
        queries = [MatchQuery(data=_read(p, config, str(p)), name=str(p)) for p in files or []]
        queries += [MatchQuery(kind="url", value=u, name=u) for u in url or []]
        for text in hash_ or []:
            parsed = _hash_option(text, "--hash")
            queries.append(MatchQuery(kind=parsed.kind, value=parsed.value, name=text))
        actor = actor_for(st, as_user or None, purpose)
        results = match_media(st.store(), actor, queries, config)
    for result in results:
        if as_json:
            typer.echo(json.dumps(result, ensure_ascii=False))
            continue
        typer.echo(f"{result['name']}: {len(result['matches'])} matches")
        for m in result["matches"]:
            labels = ",".join(m["labels"]) or "-"
            how = f"  ({m['transform']})" if m.get("transform") else ""
            if m["kind"] == "video":
                how = (
                    f"  frames matched {m['query_match']:.0%} of the query, "
                    f"{m['compared_match']:.0%} of the signal"
                )
            typer.echo(
                f"  signal {m['signal_id']}  {m['kind']:6}  distance {m['distance']:2}  "
                f"labels {labels}  owner {m['owner']}  handling {m['handling']}{how}"
            )


def _shown(item: dict[str, Any]) -> str:
    """A signal's value as printed: a video's frame hashes are counted, not listed."""
    if item["kind"] == "video":
        frames = item["value"].split(",")
        return f"{frames[0][:16]}… ({len(frames)} frames)"
    return str(item["value"])


@media_app.command("import")
def import_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="CSV: signal_type,signal_value,labels.")],
    as_user: AsUser = "",
    platform: Annotated[str | None, typer.Option(help="Where the content was seen.")] = None,
    sharing: Annotated[str, typer.Option(help="own, named or all.")] = "all",
    handling: Annotated[str, typer.Option(help="H0 to H3.")] = "H1",
    purpose: Purpose = None,
) -> None:
    """Import a ThreatExchange/HMA signal CSV (all rows or none)."""
    with guard():
        st = state(ctx)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as problem:
            raise InvalidInput.field(str(path), f"cannot read the file: {problem}") from None
        template = SignalInput("", "", platform=platform, sharing=sharing, handling=handling)
        actor = actor_for(st, as_user or None, purpose)
        answer = import_csv(st.store(), actor, text, template)
    typer.echo(f"{answer['rows']} rows: {answer['created']} new, {answer['existing']} already held")


@media_app.command("export")
def export_command(
    ctx: typer.Context,
    path: Annotated[Path | None, typer.Argument(help="CSV to write (default: stdout).")] = None,
    as_user: AsUser = "",
    purpose: Purpose = None,
) -> None:
    """Export the active signals your agency may see as ThreatExchange/HMA CSV."""
    with guard():
        st = state(ctx)
        actor = actor_for(st, as_user or None, purpose)
        text = export_csv(st.store(), actor)
        if path is None:
            typer.echo(text, nl=False)
        else:
            path.write_text(text, encoding="utf-8")
            typer.echo(f"{len(text.splitlines()) - 1} signals written to {path}", err=True)
