"""Scheduled jobs: work that must happen on time whether or not anyone asks for it.

Review warnings and expiries, redress deadlines, retention of passenger data, housekeeping:
each capability writes its job as a function ``run(store, settings, now) -> counts`` and
``ictd.jobs.catalogue`` lists them with how often each runs. Every ``ictd serve`` process
runs the due jobs in a background loop (``ICTD_JOBS_INTERVAL_SECONDS``; 0 turns it off) and
``ictd jobs run`` runs them from cron. A shared lease row per job (``job_runs``) keeps two
processes from running one job at once; a job must be idempotent (running it twice for the
same ``now`` changes nothing the second time), so a crash mid-run is repaired by the next.
A run that did something, or failed, is audited as ``job.run``.
"""

from ictd.jobs.catalogue import JOBS
from ictd.jobs.runner import Job, JobOutcome, JobRunner

__all__ = ["JOBS", "STORE_READS", "STORE_WRITES", "Job", "JobOutcome", "JobRunner"]

STORE_WRITES = ("job_runs", "web_sessions")
"""Job leases, and the housekeeping of web console sessions."""
STORE_READS = ()
