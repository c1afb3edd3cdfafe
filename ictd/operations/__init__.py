"""Operations: what a deployment's operators watch (metrics) and who may see it.

The metrics themselves are rendered by the API edge (``ictd.api.operations``); this service
supplies the counts that come from the store and decides access: the operator agency's
users, or anyone when the server's ``metrics_public`` setting says so.
"""

from __future__ import annotations

from ictd.exc import Forbidden
from ictd.model.operations import OutboxState
from ictd.security.actor import Actor
from ictd.store import Store

__all__ = ["STORE_READS", "STORE_WRITES", "outbox_state", "require_operator"]

STORE_WRITES = ("operations",)
"""Read-only counts over the outbox (the repository writes nothing)."""
STORE_READS = ("accounts",)
"""Whether the caller's agency is the operator."""


def require_operator(store: Store, actor: Actor) -> None:
    """``Forbidden`` unless the actor belongs to the operator agency."""
    if actor.is_system:
        return
    with store.read() as session:
        agency = session.accounts.get_agency(actor.agency) if actor.agency else None
    if agency is None or not agency.is_operator:
        raise Forbidden("only the operator agency may read the server's metrics")


def outbox_state(store: Store) -> OutboxState:
    """Pending and dead webhook deliveries, and the oldest pending one's queueing time."""
    with store.read() as session:
        return session.operations.outbox()
