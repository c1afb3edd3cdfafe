"""Sources: parsers and writers for external lists and interchange formats.

Owns the pure translation between files and the domain model: the UN Security Council
consolidated list (``un_sc``) and FollowTheMoney entity JSON (``ftm``), both producing a
``SourceBatch`` of records and relations that the store sync applies. It does no database
or network I/O and may import only ``ictd.model`` and ``ictd.exc`` (and lxml, whose home
it is).
"""

from ictd.ingest.ftm import read_ftm, write_ftm
from ictd.ingest.record import SourceBatch, SourceRecord, SourceRelation, make_record
from ictd.ingest.un_sc import parse_un_sc, read_un_sc

__all__ = [
    "STORE_READS",
    "STORE_WRITES",
    "SourceBatch",
    "SourceRecord",
    "SourceRelation",
    "make_record",
    "parse_un_sc",
    "read_ftm",
    "read_un_sc",
    "write_ftm",
]

# The store repositories this package uses besides ``audit`` (tests/store/test_repository_use.py):
STORE_WRITES = ("sources", "subjects", "listings", "relations")
"""Repositories of this capability: read and written here."""
STORE_READS = ()
"""Repositories of other capabilities: only their ``READS`` methods are called here."""
