"""The state of external sources, as partners may read it."""

from __future__ import annotations

from ictd.model.source import SourceState
from ictd.security.actor import Actor
from ictd.store import Store

__all__ = ["list_sources"]


def list_sources(store: Store, actor: Actor) -> list[SourceState]:
    """Every source with its last import and last error; public lists are no secret."""
    with store.begin() as session:
        found = session.sources.all()
        session.audit.record(actor, "source.list")
    return found
