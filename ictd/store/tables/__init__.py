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
from ictd.store.tables.compliance import compliance_reviews
from ictd.store.tables.documents import (
    document_delegations,
    document_reports,
    risk_rule_versions,
    risk_rules,
)
from ictd.store.tables.hit_reports import hit_reports
from ictd.store.tables.jobs import job_runs
from ictd.store.tables.listing_review import (
    listing_extensions,
    listing_flags,
    listing_review_warnings,
)
from ictd.store.tables.manifests import manifest_travellers, manifests, pnr_bookings
from ictd.store.tables.media import media_feedback, media_signals
from ictd.store.tables.redress import redress_evidence, redress_referrals, redress_requests
from ictd.store.tables.registry import (
    ID,
    agencies,
    api_keys,
    audit_events,
    audit_head,
    audit_intake,
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
from ictd.store.tables.trade import (
    area_versions,
    areas,
    commodity_rule_versions,
    commodity_rules,
)
from ictd.store.tables.web import web_sessions

__all__ = [
    "ID",
    "agencies",
    "alert_cursors",
    "alert_event_head",
    "alert_events",
    "alerts",
    "api_keys",
    "area_versions",
    "areas",
    "audit_events",
    "audit_head",
    "audit_intake",
    "commodity_rule_versions",
    "commodity_rules",
    "compliance_reviews",
    "deliveries",
    "delivery_attempts",
    "dispositions",
    "document_delegations",
    "document_reports",
    "external_ids",
    "hit_reports",
    "job_runs",
    "judgements",
    "listing_extensions",
    "listing_flags",
    "listing_review_warnings",
    "listings",
    "manifest_travellers",
    "manifests",
    "media_feedback",
    "media_signals",
    "metadata",
    "movements",
    "pnr_bookings",
    "redress_evidence",
    "redress_referrals",
    "redress_requests",
    "relations",
    "risk_rule_versions",
    "risk_rules",
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
