"""Tables of the registry: agencies and accounts, subjects and their statements, listings,
relations, sources, dispositions, the subject change feed, the audit chain and its intake.

``metadata`` (with its naming convention) and ``ID`` are shared by every table module."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from ictd.store.types import UTCDateTime

__all__ = [
    "ID",
    "agencies",
    "api_keys",
    "audit_events",
    "audit_head",
    "audit_intake",
    "dispositions",
    "external_ids",
    "listings",
    "metadata",
    "relations",
    "source_records",
    "sources",
    "statements",
    "subject_changes",
    "subjects",
    "users",
]

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)
ID = BigInteger().with_variant(Integer(), "sqlite")  # SQLite rowid aliasing needs INTEGER

agencies = Table(
    "agencies",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("code", String(32), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("contact", String(500)),
    Column("is_operator", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("hit_threshold", Float),
    Column("country", String(3)),  # the issuing state whose documents it records
)

users = Table(
    "users",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False, index=True),
    Column("name", String(200)),
    Column("roles", String(200), nullable=False),
    Column("password_hash", String(200)),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime, nullable=False),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("prefix", String(32), nullable=False, unique=True),
    Column("secret_hash", String(128), nullable=False),
    Column("user_id", ID, ForeignKey("users.id"), nullable=False, index=True),
    Column("label", String(200)),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime),
    Column("revoked_at", UTCDateTime),
    Column("last_used_at", UTCDateTime),
)

subjects = Table(
    "subjects",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("schema", String(32), nullable=False),
    Column("agency", String(32), ForeignKey("agencies.code"), index=True),
    Column("source", String(64), index=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("deleted_at", UTCDateTime),
)

statements = Table(
    "statements",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("subject_id", ID, ForeignKey("subjects.id"), nullable=False, index=True),
    Column("prop", String(64), nullable=False),
    Column("value", Text, nullable=False),
    Column("norm", Text, nullable=False),
    Column("qualifier", String(16)),
    Column("lang", String(16)),
    Column("agency", String(32), ForeignKey("agencies.code")),
    Column("source", String(64)),
    Column("first_seen", UTCDateTime, nullable=False),
    Column("last_seen", UTCDateTime, nullable=False),
    Column("retracted_at", UTCDateTime),
    Column("recorded_by", ID, ForeignKey("users.id")),
    Index("ix_statements_prop_norm", "prop", "norm"),
)

external_ids = Table(
    "external_ids",
    metadata,
    Column("subject_id", ID, ForeignKey("subjects.id"), primary_key=True),
    Column("external_id", String(300), primary_key=True),
    Index("ix_external_ids_external_id", "external_id"),
)

listings = Table(
    "listings",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("subject_id", ID, ForeignKey("subjects.id"), nullable=False, index=True),
    Column("agency", String(32), ForeignKey("agencies.code"), index=True),
    Column("source", String(64)),
    Column("reference", String(100)),
    Column("category", String(64), nullable=False),
    Column("actions", String(300), nullable=False),
    Column("legal_basis", Text),
    Column("reliability", String(1), nullable=False),
    Column("accuracy", Integer, nullable=False),
    Column("valid_from", Date),
    Column("valid_until", Date),
    Column("review_date", Date),
    Column("sharing", String(16), nullable=False),
    Column("shared_with", Text, nullable=False, default=""),
    Column("handling", String(2), nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("notes", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("created_by", ID, ForeignKey("users.id")),
    Column("contact_ref", String(32), nullable=False, unique=True),
    Column("last_reviewed", Date),
)

relations = Table(
    "relations",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("source_id", ID, ForeignKey("subjects.id"), nullable=False, index=True),
    Column("target_id", ID, ForeignKey("subjects.id"), nullable=False, index=True),
    Column("type", String(32), nullable=False),
    Column("agency", String(32), ForeignKey("agencies.code")),
    Column("source", String(64)),
    Column("start_date", String(32)),
    Column("end_date", String(32)),
    Column("share", Numeric(7, 4)),
    Column("amount", Numeric(20, 2)),
    Column("currency", String(3)),
    Column("notes", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("retracted_at", UTCDateTime),
    Column("recorded_by", ID, ForeignKey("users.id")),
)


def _event_columns() -> list[Column[Any]]:
    """What an audit event says, the same in the chain and in the intake."""
    return [
        Column("ts", String(40), nullable=False),
        Column("actor", String(300), nullable=False),
        Column("agency", String(32)),
        Column("action", String(64), nullable=False),
        Column("purpose", String(500)),
        Column("targets", Text, nullable=False),
        Column("detail", Text, nullable=False),
    ]


audit_events = Table(
    "audit_events",
    metadata,
    Column("seq", ID, primary_key=True, autoincrement=False),
    *_event_columns(),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("ix_audit_events_agency_seq", "agency", "seq"),
)

audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", ID, nullable=False),
    Column("hash", String(64), nullable=False),
)

# Events recorded but not yet sealed onto the chain: a request's transaction inserts its
# event here (no lock); a sealer moves the rows, in id order, onto ``audit_events``
# under the ``audit_head`` lock (``ictd.store.audit``). ``ts`` is when the event happened.
audit_intake = Table(
    "audit_intake",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    *_event_columns(),
)

sources = Table(
    "sources",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("last_import_at", UTCDateTime),
    Column("file_hash", String(64)),
    Column("counts", Text, nullable=False, default="{}"),
    Column("last_error", Text),
    Column("last_error_at", UTCDateTime),
)

source_records = Table(
    "source_records",
    metadata,
    Column("source", String(64), primary_key=True),
    Column("key", String(300), primary_key=True),
    Column("subject_id", ID, ForeignKey("subjects.id"), nullable=False, index=True),
    Column("digest", String(64), nullable=False),
    Column("removed_at", UTCDateTime),
    UniqueConstraint("source", "subject_id"),
)

dispositions = Table(
    "dispositions",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False),
    Column("query_key", String(64), nullable=False),
    Column("subject_id", ID, ForeignKey("subjects.id"), nullable=False),
    Column("decision", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("query", Text, nullable=False),
    Column("created_by", ID, ForeignKey("users.id")),
    Column("created_at", UTCDateTime, nullable=False),
    Column("revoked_at", UTCDateTime),
    Column("revoked_by", ID, ForeignKey("users.id")),
    Index("ix_dispositions_agency_query_key", "agency", "query_key"),
)

# The change feed that keeps in-memory matching indexes current: one row per subject write.
subject_changes = Table(
    "subject_changes",
    metadata,
    Column("seq", ID, primary_key=True, autoincrement=True),
    Column("subject_id", ID, nullable=False),
)
