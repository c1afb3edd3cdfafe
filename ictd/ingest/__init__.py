"""Sources: parsers and writers for external lists and interchange formats, and the sync.

The parsers translate files into the domain model without I/O beyond reading them: the UN
Security Council consolidated list (``un_sc``) and FollowTheMoney entity JSON (``ftm``),
both producing a ``SourceBatch`` of records and relations. ``sync`` applies a batch to the
store (a sync with a delta report), ``fetch`` downloads a list. lxml has its home here.
``UN_SC_LIST`` is the copy of the UN list shipped with the package (the demo, the
benchmarks and the tests read it).
"""

from pathlib import Path

from ictd.ingest.batch import SourceBatch, SourceRecord, SourceRelation, make_record
from ictd.ingest.ftm import read_ftm, write_ftm
from ictd.ingest.un_sc import parse_un_sc, read_un_sc

__all__ = [
    "STORE_READS",
    "STORE_WRITES",
    "UN_SC_LIST",
    "SourceBatch",
    "SourceRecord",
    "SourceRelation",
    "make_record",
    "parse_un_sc",
    "read_ftm",
    "read_un_sc",
    "write_ftm",
]

UN_SC_LIST = Path(__file__).resolve().parent / "data" / "un-sc-consolidated-2026-02-27.xml"
"""The UN Security Council consolidated list of 27 February 2026, as published."""

# The store repositories this package uses besides ``audit`` (tests/store/test_repository_use.py):
STORE_WRITES = ("sources", "subjects", "listings", "relations")
"""Repositories of this capability: read and written here."""
STORE_READS = ()
"""Repositories of other capabilities: only their ``READS`` methods are called here."""
