"""Screening: queries against the live matching index, hits, dispositions.

Owns the index holder (built from the store, kept current from the subject change feed,
swapped atomically), the screening of query batches under the access policy, what a hit
withheld from a partner tells it and its owners (notices, probing alerts, through
``ictd.outbox``), and dispositions on matches. May import ``ictd.outbox``,
``ictd.matching``, ``ictd.store``, ``ictd.model``, ``ictd.security`` and ``ictd.exc``.
"""

from ictd.screening.live_index import LiveIndex
from ictd.screening.query import QueryInput, parse_query, query_key
from ictd.screening.result import MatchResult, QueryResult
from ictd.screening.service import Screening, screen, screen_batch

__all__ = [
    "STORE_READS",
    "STORE_WRITES",
    "LiveIndex",
    "MatchResult",
    "QueryInput",
    "QueryResult",
    "Screening",
    "parse_query",
    "query_key",
    "screen",
    "screen_batch",
]

# The store repositories this package uses besides ``audit`` (tests/store/test_repository_use.py):
STORE_WRITES = ("dispositions", "withheld_hits")
"""Repositories of this capability: read and written here."""
STORE_READS = ("changes", "subjects", "listings", "accounts", "listing_flags")
"""Repositories of other capabilities: only their ``READS`` methods are called here."""
