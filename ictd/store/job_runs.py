"""The job runs repository: one row per scheduled job, and the lease that lets one process
run it at a time."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ictd.model.job import JobRun
from ictd.store.repository import Repository
from ictd.store.tables import job_runs

__all__ = ["JobRunRepository"]


def job_run_from_row(row: RowMapping) -> JobRun:
    return JobRun(
        name=row["name"],
        runs=row["runs"],
        last_started_at=row["last_started_at"],
        last_finished_at=row["last_finished_at"],
        last_result=json.loads(row["last_result"] or "{}"),
        last_error=row["last_error"],
        lease_holder=row["lease_holder"],
        lease_until=row["lease_until"],
    )


class JobRunRepository(Repository):
    """Job rows by name; ``lease`` is the compare-and-set that decides who runs a job."""

    __slots__ = ()
    READS = frozenset({"get", "all"})

    def get(self, name: str) -> JobRun | None:
        row = self.conn.execute(select(job_runs).where(job_runs.c.name == name)).mappings().first()
        return job_run_from_row(row) if row else None

    def all(self) -> list[JobRun]:
        rows = self.conn.execute(select(job_runs).order_by(job_runs.c.name)).mappings()
        return [job_run_from_row(r) for r in rows]

    def lease(self, name: str, holder: str, now: datetime, until: datetime) -> bool:
        """Take the job for ``holder`` until ``until`` unless another holder's lease runs
        past ``now``; True when taken (the row is created on first use)."""
        dialect = postgresql if self.conn.dialect.name == "postgresql" else sqlite
        self.conn.execute(
            dialect.insert(job_runs)
            .values(name=name, runs=0, last_result="{}")
            .on_conflict_do_nothing()
        )
        query = (
            update(job_runs)
            .where(
                job_runs.c.name == name,
                or_(job_runs.c.lease_until.is_(None), job_runs.c.lease_until <= now),
            )
            .values(lease_holder=holder, lease_until=until, last_started_at=now)
        )
        return bool(self.conn.execute(query).rowcount)

    def finish(
        self,
        name: str,
        holder: str,
        now: datetime,
        result: dict[str, Any],
        error: str | None,
    ) -> None:
        """Record the end of ``holder``'s run and release its lease."""
        query = (
            update(job_runs)
            .where(job_runs.c.name == name, job_runs.c.lease_holder == holder)
            .values(
                runs=job_runs.c.runs + 1,
                last_finished_at=now,
                last_result=json.dumps(result, sort_keys=True, default=str),
                last_error=error,
                lease_holder=None,
                lease_until=None,
            )
        )
        self.conn.execute(query)
