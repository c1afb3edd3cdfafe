"""Tables of redress: requests of individuals, their identity evidence (kept apart from any
subject data) and the referral of each request to every agency holding data on the subject.

``answer_escalated_at`` / ``decision_escalated_at`` make the deadline job idempotent: a
missed deadline is escalated once.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, String, Table, Text, UniqueConstraint

from ictd.store.tables.registry import ID, metadata
from ictd.store.types import UTCDateTime

__all__ = ["redress_evidence", "redress_referrals", "redress_requests"]

redress_requests = Table(
    "redress_requests",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("reference", String(32), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("subject_id", ID, ForeignKey("subjects.id"), nullable=False, index=True),
    Column("summary", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", ID, ForeignKey("users.id")),
    Column("decided_at", UTCDateTime),
)

redress_evidence = Table(
    "redress_evidence",
    metadata,
    Column("request_id", ID, ForeignKey("redress_requests.id"), primary_key=True),
    Column("requester", String(300), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("contact", String(300)),
    Column("recorded_at", UTCDateTime, nullable=False),
)

redress_referrals = Table(
    "redress_referrals",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("request_id", ID, ForeignKey("redress_requests.id"), nullable=False),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False),
    Column("forwarded_at", UTCDateTime, nullable=False),
    Column("answer_due", UTCDateTime, nullable=False),
    Column("decision_due", UTCDateTime, nullable=False),
    Column("answer", Text),
    Column("answered_at", UTCDateTime),
    Column("decision", String(16)),
    Column("reasons", Text),
    Column("decided_at", UTCDateTime),
    Column("decided_by", ID, ForeignKey("users.id")),
    Column("disclose", String(16), nullable=False),
    Column("disclosure_note", Text),
    Column("h3_consent", Boolean, nullable=False),
    Column("answer_escalated_at", UTCDateTime),
    Column("decision_escalated_at", UTCDateTime),
    UniqueConstraint("request_id", "agency"),
    Index("ix_redress_referrals_agency_decided_at", "agency", "decided_at"),
)
