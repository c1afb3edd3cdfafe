"""Tables of entity resolution: xref proposals, judgements and resolved clusters.

Judgements are human decisions (soft-deleted, never overwritten). ``subject_clusters`` is
derived from the active ``same`` judgements: a subject's cluster id is the smallest subject id
of its connected component; subjects judged same with nobody have no row.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, String, Table, Text, UniqueConstraint

from ictd.store.tables.registry import ID, metadata
from ictd.store.types import UTCDateTime

__all__ = ["judgements", "subject_clusters", "xref_proposals"]

xref_proposals = Table(
    "xref_proposals",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("subject_a", ID, ForeignKey("subjects.id"), nullable=False),
    Column("subject_b", ID, ForeignKey("subjects.id"), nullable=False, index=True),
    Column("score", Float, nullable=False),
    Column("explanation", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("subject_a", "subject_b"),
    Index("ix_xref_proposals_score_id", "score", "id"),
)

judgements = Table(
    "judgements",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("subject_a", ID, ForeignKey("subjects.id"), nullable=False),
    Column("subject_b", ID, ForeignKey("subjects.id"), nullable=False, index=True),
    Column("decision", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("agency", String(32), ForeignKey("agencies.code")),
    Column("created_by", ID, ForeignKey("users.id")),
    Column("created_at", UTCDateTime, nullable=False),
    Column("revoked_at", UTCDateTime),
    Column("revoked_by", ID, ForeignKey("users.id")),
    Index("ix_judgements_subject_a_subject_b", "subject_a", "subject_b"),
)

subject_clusters = Table(
    "subject_clusters",
    metadata,
    Column("subject_id", ID, ForeignKey("subjects.id"), primary_key=True, autoincrement=False),
    Column("cluster_id", ID, nullable=False, index=True),
)
