"""Tables of screening: the withheld hits that reveal probing.

A row is written for every hit of a screening on a subject the screening agency may not
read: who screened, when, the subject and its owner, and a digest per query attribute
(never the values). ``ix_withheld_hits_agency_subject_id_at`` serves the look-back over the
last day of one agency's hits on one subject.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text

from ictd.store.tables.registry import ID, metadata
from ictd.store.types import UTCDateTime

__all__ = ["withheld_hits"]

withheld_hits = Table(
    "withheld_hits",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False),
    Column("subject_id", ID, ForeignKey("subjects.id"), nullable=False),
    Column("owner", String(32), ForeignKey("agencies.code"), nullable=False),
    Column("actor", String(300), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("attributes", Text, nullable=False),
    Index("ix_withheld_hits_agency_subject_id_at", "agency", "subject_id", "at"),
)
