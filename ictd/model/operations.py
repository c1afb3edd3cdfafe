"""What the operations view of a server reports: the state of the webhook outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

__all__ = ["OutboxState"]


@dataclass(frozen=True, slots=True)
class OutboxState:
    """The webhook outbox at one moment: deliveries waiting (``pending``), given up
    (``dead``, the dead letters) and when the oldest waiting one was queued."""

    pending: int
    dead: int
    oldest_pending_at: datetime | None

    def lag_seconds(self, now: datetime) -> float:
        """How long the oldest waiting delivery has waited (0 when none waits)."""
        if self.oldest_pending_at is None:
            return 0.0
        return max(0.0, (now - self.oldest_pending_at).total_seconds())

    def to_dict(self) -> dict[str, Any]:
        at = self.oldest_pending_at
        return {
            "pending": self.pending,
            "dead": self.dead,
            "oldest_pending_at": at.isoformat() if at else None,
        }
