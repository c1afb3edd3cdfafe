"""Redress: individuals' requests to access, correct or delete what the partnership holds
on them, registered by the operator's redress officers, forwarded with deadlines to every
agency holding data on the subject, answered, decided and disclosed agency by agency.

May import ``ictd.registry`` (a granted deletion withdraws listings and retracts
statements in the decision's transaction), ``ictd.outbox``, ``ictd.store``,
``ictd.model``, ``ictd.security``, ``ictd.settings`` and ``ictd.exc``.
"""

from ictd.redress.deadlines import escalate_overdue
from ictd.redress.service import (
    RedressConfig,
    RedressInput,
    acts_as_officer,
    answer_request,
    decide_request,
    disclosure,
    get_evidence,
    get_request,
    list_requests,
    register_request,
)

__all__ = [
    "STORE_READS",
    "STORE_WRITES",
    "RedressConfig",
    "RedressInput",
    "acts_as_officer",
    "answer_request",
    "decide_request",
    "disclosure",
    "escalate_overdue",
    "get_evidence",
    "get_request",
    "list_requests",
    "register_request",
]

# The store repositories this package uses besides ``audit`` (tests/store/test_repository_use.py):
STORE_WRITES = ("redress",)
"""Repositories of this capability: read and written here."""
STORE_READS = ("accounts", "subjects", "listings")
"""Repositories of other capabilities: only their ``READS`` methods are called here."""
