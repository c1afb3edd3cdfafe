"""Scheduled jobs: what one job did last, and who may run it now.

A job (review warnings, expiries, deadline escalation, retention, housekeeping) runs in
every ``ictd serve`` process and from ``ictd jobs run`` (for cron). A ``JobRun`` is the one
row per job that all processes share: the lease says which process runs it now (so two
processes never run one job at once), the rest what the last run did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

__all__ = ["JobRun"]


@dataclass(frozen=True, slots=True)
class JobRun:
    """The shared state of one job."""

    name: str
    runs: int = 0
    last_started_at: datetime | None = None
    last_finished_at: datetime | None = None
    last_result: dict[str, Any] = field(default_factory=dict)
    last_error: str | None = None
    lease_holder: str | None = None
    lease_until: datetime | None = None

    def is_due(self, now: datetime, every: timedelta) -> bool:
        """Never run, or the last run finished ``every`` or more before ``now``."""
        return self.last_finished_at is None or now - self.last_finished_at >= every

    def is_leased(self, now: datetime) -> bool:
        return self.lease_until is not None and self.lease_until > now

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "runs": self.runs,
            "last_started_at": _iso(self.last_started_at),
            "last_finished_at": _iso(self.last_finished_at),
            "last_result": dict(self.last_result),
            "last_error": self.last_error,
            "running": self.lease_until is not None,
        }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
