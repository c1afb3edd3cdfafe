"""Entity resolution across agencies and sources: xref proposals, judgements, profiles.

Owns proposing pairs that may be the same subject (``xref``, blocked and scored by the match
index), human judgements on them with undo (``judgement``), and the review queue and resolved
profiles under the sharing rules (``profile``). May import ``ictd.matching`` (an engine),
``ictd.store``, ``ictd.model``, ``ictd.security`` and ``ictd.exc`` — no other service.
"""

from ictd.resolve.follow import XrefFollower
from ictd.resolve.judgement import DECISIONS, judge, undo_judgement
from ictd.resolve.profile import resolved_profile, review_queue
from ictd.resolve.xref import ImportXref, XrefReport, xref, xref_after_import

__all__ = [
    "DECISIONS",
    "STORE_READS",
    "STORE_WRITES",
    "ImportXref",
    "XrefFollower",
    "XrefReport",
    "judge",
    "resolved_profile",
    "review_queue",
    "undo_judgement",
    "xref",
    "xref_after_import",
]

# The store repositories this package uses besides ``audit`` (tests/store/test_repository_use.py):
STORE_WRITES = ("resolution",)
"""Repositories of this capability: read and written here."""
STORE_READS = ("graph", "subjects", "listings")
"""Repositories of other capabilities: only their ``READS`` methods are called here."""
