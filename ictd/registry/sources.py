"""The state of external sources, as partners may read it."""

from __future__ import annotations

from ictd.security.actor import Actor
from ictd.store import SourceState, Store

__all__ = ["list_sources"]


def list_sources(store: Store, actor: Actor) -> list[SourceState]:
    """Every source with its last import and last error; public lists are no secret."""
    with store.begin() as session:
        found = session.list_sources()
        session.record(actor, "source.list")
    return found
