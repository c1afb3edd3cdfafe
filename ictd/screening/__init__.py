"""Screening: queries against the live matching index, hits, dispositions.

Owns the index holder (built from the store, kept current from the subject change feed,
swapped atomically), the screening of query batches under the access policy, and
dispositions on matches. May import ``ictd.matching``, ``ictd.store``, ``ictd.model``,
``ictd.security`` and ``ictd.exc``.
"""

from ictd.screening.live_index import LiveIndex
from ictd.screening.query import QueryInput, parse_query, query_key
from ictd.screening.service import MatchResult, QueryResult, screen

__all__ = [
    "STORE_READS",
    "STORE_WRITES",
    "LiveIndex",
    "MatchResult",
    "QueryInput",
    "QueryResult",
    "parse_query",
    "query_key",
    "screen",
]

# The store repositories this package uses besides ``audit`` (tests/store/test_repository_use.py):
STORE_WRITES = ("dispositions",)
"""Repositories of this capability: read and written here."""
STORE_READS = ("changes", "subjects", "listings")
"""Repositories of other capabilities: only their ``READS`` methods are called here."""
