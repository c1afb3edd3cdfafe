"""Every scheduled job of the system, and how often it runs.

A capability that needs work done on time adds its job function here.
"""

from __future__ import annotations

from datetime import timedelta

from ictd.alerts.retention import apply_retention
from ictd.jobs.housekeeping import forget_web_sessions
from ictd.jobs.runner import Job

__all__ = ["JOBS"]

JOBS: tuple[Job, ...] = (
    Job(
        "web-sessions.forget",
        timedelta(hours=1),
        "Delete console sessions ended or idle for longer than ICTD_WEB_SESSION_KEEP_DAYS.",
        forget_web_sessions,
    ),
    Job(
        "border.retention",
        timedelta(hours=6),
        "Mask passenger data of movements older than ICTD_PASSENGER_MASK_DAYS beyond what "
        "an alert needs; delete movements older than ICTD_PASSENGER_DELETE_DAYS.",
        apply_retention,
    ),
)
