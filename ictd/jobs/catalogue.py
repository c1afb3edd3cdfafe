"""Every scheduled job of the system, and how often it runs.

A capability that needs work done on time adds its job function here.
"""

from __future__ import annotations

from datetime import timedelta

from ictd.jobs.housekeeping import forget_web_sessions
from ictd.jobs.runner import Job
from ictd.redress import escalate_overdue

__all__ = ["JOBS"]

JOBS: tuple[Job, ...] = (
    Job(
        "web-sessions.forget",
        timedelta(hours=1),
        "Delete console sessions ended or idle for longer than ICTD_WEB_SESSION_KEEP_DAYS.",
        forget_web_sessions,
    ),
    Job(
        "redress.deadlines",
        timedelta(hours=1),
        "Escalate redress requests whose answer or decision deadline passed (once each).",
        escalate_overdue,
    ),
)
