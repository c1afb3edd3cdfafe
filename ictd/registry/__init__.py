"""The registry service: agencies, accounts, subjects, listings, relations and the audit log.

Every function takes the acting ``Actor``, checks ``ictd.security.policy``, does its work in
one store transaction and records an audit event in that same transaction. May import
``ictd.model``, ``ictd.security``, ``ictd.store``, ``ictd.exc``.
"""

# The store repositories this package uses besides ``audit`` (tests/store/test_repository_use.py):
STORE_WRITES = (
    "accounts",
    "sign_in_attempts",
    "subjects",
    "listings",
    "relations",
    "compliance",
)
"""Repositories of this capability: read and written here."""
STORE_READS = ("sources",)
"""Repositories of other capabilities: only their ``READS`` methods are called here."""
