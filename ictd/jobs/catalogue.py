"""Every scheduled job of the system, and how often it runs.

A capability that needs work done on time adds its job function here.
"""

from __future__ import annotations

from datetime import timedelta

from ictd.alerts.retention import apply_retention
from ictd.jobs.housekeeping import forget_web_sessions
from ictd.jobs.runner import Job
from ictd.lifecycle.compliance_batch import escalate_overdue_reviews
from ictd.lifecycle.review import expire_listings, send_review_warnings
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
        "border.retention",
        timedelta(hours=6),
        "Mask passenger data of movements older than ICTD_PASSENGER_MASK_DAYS beyond what "
        "an alert needs; delete movements older than ICTD_PASSENGER_DELETE_DAYS.",
        apply_retention,
    ),
    Job(
        "listings.review-warnings",
        timedelta(hours=1),
        "Warn owners four months and one month before a listing's review date "
        "(notice listing.review-due, once per stage).",
        send_review_warnings,
    ),
    Job(
        "listings.expire",
        timedelta(hours=1),
        "Let active listings whose review date has come without an extension expire "
        "(audited, owner told: listing.expired).",
        expire_listings,
    ),
    Job(
        "redress.deadlines",
        timedelta(hours=1),
        "Escalate redress requests whose answer or decision deadline passed (once each).",
        escalate_overdue,
    ),
    Job(
        "compliance.overdue",
        timedelta(minutes=15),
        "Tell the operator's compliance reviewers of urgent listings published before review "
        "whose review deadline (ICTD_REVIEW_URGENT_HOURS) passed (notice compliance.overdue, "
        "once each).",
        escalate_overdue_reviews,
    ),
)
