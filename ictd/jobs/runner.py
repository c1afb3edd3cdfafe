"""Running jobs: which are due, the lease that makes one process run each, the outcome."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ictd.exc import InvalidInput
from ictd.model.job import JobRun
from ictd.security.actor import Actor
from ictd.settings import Settings
from ictd.store import Store

__all__ = ["Job", "JobFunction", "JobOutcome", "JobRunner"]

log = logging.getLogger("ictd.jobs")

JobFunction = Callable[[Store, Settings, datetime], Mapping[str, Any]]
"""``run(store, settings, now)``: does the job as of ``now`` and returns what it did
(counts). It commits its own transactions and must be idempotent."""


@dataclass(frozen=True, slots=True)
class Job:
    """A named job, how often it runs, and its function."""

    name: str
    every: timedelta
    summary: str
    run: JobFunction


@dataclass(frozen=True, slots=True)
class JobOutcome:
    """What one attempt to run a job came to: ``ran`` (with its result or error), or
    ``skipped`` because another process holds the job or it is not due."""

    name: str
    status: str  # "ran" | "failed" | "busy" | "not-due"
    result: Mapping[str, Any]
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status,
            "result": dict(self.result),
            "error": self.error,
        }


class JobRunner:
    """Runs the jobs of ``jobs`` against ``store``; one per process."""

    def __init__(
        self, store: Store, settings: Settings, jobs: Iterable[Job], holder: str | None = None
    ) -> None:
        self.store = store
        self.settings = settings
        self.jobs = {job.name: job for job in jobs}
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.lease = timedelta(minutes=settings.job_lease_minutes)

    def named(self, names: Iterable[str]) -> list[Job]:
        """The jobs called ``names``; an unknown name is refused, naming the known ones."""
        out = []
        for name in names:
            if name not in self.jobs:
                known = ", ".join(sorted(self.jobs))
                raise InvalidInput.field("job", f"no job {name!r} (known: {known})")
            out.append(self.jobs[name])
        return out

    def status(self) -> list[dict[str, Any]]:
        """Each job with its interval and what its last run did."""
        with self.store.read() as session:
            rows = {row.name: row for row in session.job_runs.all()}
        out = []
        for job in self.jobs.values():
            row = rows.get(job.name) or JobRun(job.name)
            out.append(
                {
                    **row.to_dict(),
                    "every_seconds": job.every.total_seconds(),
                    "summary": job.summary,
                }
            )
        return out

    def run_due(self, now: datetime | None = None) -> list[JobOutcome]:
        """Run every job whose interval has passed since its last run."""
        moment = now or datetime.now(UTC)
        return [self.run_one(job, moment, force=False) for job in self.jobs.values()]

    def run(self, names: Iterable[str] = (), now: datetime | None = None) -> list[JobOutcome]:
        """Run the named jobs (all when none are named) now, due or not."""
        moment = now or datetime.now(UTC)
        jobs = self.named(names) if names else list(self.jobs.values())
        return [self.run_one(job, moment, force=True) for job in jobs]

    def run_one(self, job: Job, now: datetime, force: bool) -> JobOutcome:
        with self.store.begin() as session:
            row = session.job_runs.get(job.name)
            if not force and row is not None and not row.is_due(now, job.every):
                return JobOutcome(job.name, "not-due", {})
            if not session.job_runs.lease(job.name, self.holder, now, now + self.lease):
                return JobOutcome(job.name, "busy", {})
        error = None
        result: Mapping[str, Any] = {}
        try:
            result = job.run(self.store, self.settings, now)
        except Exception as err:  # a job's failure is recorded; the loop goes on
            # the type only: a message may quote the data the job was working on
            log.exception("job %s failed", job.name)
            error = type(err).__name__
        with self.store.begin() as session:
            session.job_runs.finish(job.name, self.holder, now, dict(result), error)
            if error or any(v for v in result.values() if isinstance(v, int)):
                session.audit.record(
                    Actor.system("scheduled job"),
                    "job.run",
                    [f"job:{job.name}"],
                    error=error,
                    **{k: v for k, v in result.items() if k != "error"},
                )
        return JobOutcome(job.name, "failed" if error else "ran", result, error)
