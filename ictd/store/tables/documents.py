"""Tables of border checks: the register of lost and stolen travel documents, the operator's
delegations to record another state's documents, and agencies' versioned risk rules.

``document_reports.number_key`` is the normalised document number
(``ictd.border.normalize_document_number``); with ``doc_type`` it is the indexed key every
movement's document is looked up by. ``risk_rule_versions`` keeps every text a rule ever had;
``risk_rules.active_version`` says which one is evaluated (none: the rule is a draft or off).
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from ictd.store.tables.registry import ID, metadata
from ictd.store.types import UTCDateTime

__all__ = ["document_delegations", "document_reports", "risk_rule_versions", "risk_rules"]

document_reports = Table(
    "document_reports",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False, index=True),
    Column("doc_type", String(1), nullable=False),
    Column("number", String(64), nullable=False),
    Column("number_key", String(64), nullable=False),
    Column("issuing_state", String(3)),
    Column("expiry", Date),
    Column("issued", Date),
    Column("status", String(16), nullable=False),
    Column("reported_on", Date, nullable=False),
    Column("reason", Text),
    Column("subject_id", ID, ForeignKey("subjects.id")),
    Column("sharing", String(8), nullable=False),
    Column("shared_with", String(400), nullable=False),
    Column("contact_ref", String(32), nullable=False, unique=True),
    Column("withdrawn", Date),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", ID, ForeignKey("users.id")),
    Column("updated_at", UTCDateTime, nullable=False),
    Index("ix_document_reports_number_key_doc_type", "number_key", "doc_type"),
)

document_delegations = Table(
    "document_delegations",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False),
    Column("issuing_state", String(3), nullable=False),
    Column("granted_at", UTCDateTime, nullable=False),
    Column("granted_by", String(300), nullable=False),
    UniqueConstraint("agency", "issuing_state"),
)

risk_rules = Table(
    "risk_rules",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False, index=True),
    Column("latest_version", Integer, nullable=False),
    Column("active_version", Integer),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

risk_rule_versions = Table(
    "risk_rule_versions",
    metadata,
    Column("rule_id", ID, ForeignKey("risk_rules.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("name", String(200), nullable=False),
    Column("source", Text, nullable=False),
    Column("description", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", ID, ForeignKey("users.id")),
    PrimaryKeyConstraint("rule_id", "version"),
)
