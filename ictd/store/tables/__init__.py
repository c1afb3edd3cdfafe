"""The schema of the store, in SQLAlchemy Core, one module per area; migrations build it.

Importing this package registers every table on ``metadata`` (Alembic compares against it).
"""

from ictd.store.tables.alerting import (
    alert_cursors,
    alert_event_head,
    alert_events,
    alerts,
    deliveries,
    delivery_attempts,
    movements,
    webhooks,
)
from ictd.store.tables.jobs import job_runs
from ictd.store.tables.media import media_feedback, media_signals
from ictd.store.tables.registry import (
    ID,
    agencies,
    api_keys,
    audit_events,
    audit_head,
    dispositions,
    external_ids,
    listings,
    metadata,
    relations,
    source_records,
    sources,
    statements,
    subject_changes,
    subjects,
    users,
)
from ictd.store.tables.resolution import judgements, subject_clusters, xref_proposals
from ictd.store.tables.screening import withheld_hits
from ictd.store.tables.sign_in import sign_in_attempts
from ictd.store.tables.web import web_sessions

__all__ = [
    "ID",
    "agencies",
    "alert_cursors",
    "alert_event_head",
    "alert_events",
    "alerts",
    "api_keys",
    "audit_events",
    "audit_head",
    "deliveries",
    "delivery_attempts",
    "dispositions",
    "external_ids",
    "job_runs",
    "judgements",
    "listings",
    "media_feedback",
    "media_signals",
    "metadata",
    "movements",
    "relations",
    "sign_in_attempts",
    "source_records",
    "sources",
    "statements",
    "subject_changes",
    "subject_clusters",
    "subjects",
    "users",
    "web_sessions",
    "webhooks",
    "withheld_hits",
    "xref_proposals",
]
