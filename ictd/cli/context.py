"""What every command shares: settings built once, the store, the acting user, error output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

import typer

from ictd.exc import IctdError, InvalidInput
from ictd.model.text import MAX_ID, is_id, text_problem
from ictd.registry import accounts
from ictd.security.actor import Actor
from ictd.settings import Settings
from ictd.store import Store

__all__ = [
    "IdArg",
    "State",
    "actor_for",
    "bounded_id",
    "chunked",
    "fail",
    "guard",
    "print_json",
    "state",
]

T = TypeVar("T")


@dataclass
class State:
    settings: Settings
    _store: Store | None = field(default=None)

    def store(self, ready: bool = True) -> Store:
        if self._store is None:
            self._store = Store(self.settings.database_url)
        if ready:
            self._store.check_ready()
        return self._store

    def close(self) -> None:
        """Release the database connections when the command ends."""
        if self._store is not None:
            self._store.dispose()
            self._store = None


def state(ctx: typer.Context) -> State:
    found = ctx.find_root().obj
    assert isinstance(found, State)
    return found


def fail(message: str) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(1)


def bounded_id(param: typer.CallbackParam, value: int | None) -> int | None:
    """The callback of an id argument: 1 to 2**63 − 1 (what the store holds), else a clean
    message and exit 1, before any command runs."""
    if value is not None and not is_id(value):
        fail(f"{(param.name or 'id').upper()}: must be a record id from 1 to {MAX_ID}")
    return value


IdArg = Annotated[int, typer.Argument(callback=bounded_id, show_default=False)]
"""A record id on the command line (``ictd subject show ID``)."""


@contextmanager
def guard() -> Iterator[None]:
    """Turn ICTD errors into a clean message on stderr and exit code 1, with no traceback."""
    try:
        yield
    except InvalidInput as err:
        lines = [f"  {e.field}: {e.message}" for e in err.errors]
        typer.secho(f"error: {err.message}", fg=typer.colors.RED, err=True)
        for line in lines:
            typer.echo(line, err=True)
        raise typer.Exit(1) from None
    except IctdError as err:
        fail(err.message)


def actor_for(st: State, email: str | None, purpose: str | None = None) -> Actor:
    """The user a command acts as (``--as EMAIL``), or the operator at the machine."""
    if purpose is not None and text_problem(purpose):
        raise InvalidInput.field("--purpose", str(text_problem(purpose)))
    if email is None:
        return Actor.system(purpose)
    user = accounts.find_user(st.store(), email)
    if user is None:
        raise InvalidInput.field("--as", f"no user with e-mail {email}")
    if user.disabled:
        raise InvalidInput.field("--as", f"user {email} is disabled")
    return Actor.from_user(user).with_purpose(purpose)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter), read lazily: a file of any
    length is worked through one chunk (one call, one transaction) at a time."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
