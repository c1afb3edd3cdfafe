"""The register of lost, stolen and revoked travel documents, and its check on movements.

Only the issuing state records a document: an agency records the documents of its own
``country``, or of a state the operator delegated to it. Reports are shared like listings
(owner, named partners, all). Every movement's document is checked exactly against the
reports in force (``check.DocumentCheck``, called by movement intake): a hit tells the
reporter the status and how to reach the recording agency, and alerts that agency through
the outbox. May import ``ictd.border`` (document keys), ``ictd.outbox``, ``ictd.store``,
``ictd.model``, ``ictd.security`` and ``ictd.exc``.
"""

from ictd.documents.check import DocumentCheck, document_hits
from ictd.documents.register import (
    delegate,
    get_report,
    import_csv,
    list_delegations,
    list_reports,
    record_report,
    record_reports,
    revoke_delegation,
    update_report,
    withdraw_report,
)

__all__ = [
    "STORE_READS",
    "STORE_WRITES",
    "DocumentCheck",
    "delegate",
    "document_hits",
    "get_report",
    "import_csv",
    "list_delegations",
    "list_reports",
    "record_report",
    "record_reports",
    "revoke_delegation",
    "update_report",
    "withdraw_report",
]

# The store repositories this package uses besides ``audit`` (tests/store/test_repository_use.py):
STORE_WRITES = ("travel_documents",)
"""Repositories of this capability: read and written here."""
STORE_READS = ("accounts", "subjects", "listings")
"""Repositories of other capabilities: only their ``READS`` methods are called here."""
