"""The operations repository: counts an operator watches (the webhook outbox)."""

from __future__ import annotations

from sqlalchemy import func, select

from ictd.model.operations import OutboxState
from ictd.store.repository import Repository
from ictd.store.tables import deliveries

__all__ = ["OperationsRepository"]


class OperationsRepository(Repository):
    """Read-only counts over other capabilities' tables, for metrics."""

    __slots__ = ()
    READS = frozenset({"outbox"})

    def outbox(self) -> OutboxState:
        """Pending and dead deliveries, and the queueing time of the oldest pending one."""
        query = select(deliveries.c.status, func.count(), func.min(deliveries.c.created_at)).where(
            deliveries.c.status.in_(("pending", "dead"))
        )
        found = self.conn.execute(query.group_by(deliveries.c.status))
        rows = {r[0]: (int(r[1]), r[2]) for r in found}
        pending, oldest = rows.get("pending", (0, None))
        dead = rows.get("dead", (0, None))[0]
        return OutboxState(pending=pending, dead=dead, oldest_pending_at=oldest)
