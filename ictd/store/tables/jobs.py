"""Tables of the scheduled jobs: one row per job, shared by every process.

``lease_holder``/``lease_until`` say which process runs the job now; a lease that has
expired (its process died) may be taken over.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table, Text

from ictd.store.tables.registry import metadata
from ictd.store.types import UTCDateTime

__all__ = ["job_runs"]

job_runs = Table(
    "job_runs",
    metadata,
    Column("name", String(80), primary_key=True),
    Column("runs", Integer, nullable=False, default=0),
    Column("last_started_at", UTCDateTime),
    Column("last_finished_at", UTCDateTime),
    Column("last_result", Text, nullable=False, default="{}"),  # JSON object of counts
    Column("last_error", Text),
    Column("lease_holder", String(120)),
    Column("lease_until", UTCDateTime),
)
