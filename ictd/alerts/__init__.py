"""Movements and real-time alerts.

Owns movement intake (store, screen, alert in one transaction), the alert lifecycle and
deadlines, the reporting agency's hit reports, retro-screening when listings start or end,
the live stream, webhooks and the dispatcher that delivers the outbox (written through
``ictd.outbox``). Each movement's document is checked against the lost/stolen register
(``ictd.documents``) and the reporting agency's risk rules are evaluated on it
(``ictd.targeting``); when the caller knows the bookings (a manifest), the other travellers
on a hit's booking are flagged to its owner (``cotravel``). May import ``ictd.screening``,
``ictd.documents``, ``ictd.targeting``, ``ictd.border``, ``ictd.outbox``, ``ictd.matching``,
``ictd.store``, ``ictd.model``, ``ictd.security``, ``ictd.settings`` and ``ictd.exc``.
"""

from ictd.alerts.dispatch import Dispatcher, DispatchReport
from ictd.alerts.hit_reports import (
    HitReportInput,
    file_hit_report,
    find_hit_report,
    get_hit_report,
)
from ictd.alerts.intake import IntakeResult, report_movements
from ictd.alerts.lifecycle import (
    OUTCOMES,
    STEPS,
    get_alert,
    list_alerts,
    report_outcome,
    step_alert,
)
from ictd.alerts.movement import KINDS, MovementInput
from ictd.alerts.runtime import AlertRuntime
from ictd.alerts.signing import sign, verify
from ictd.alerts.stream import Notifier, format_event, open_stream, read_events
from ictd.outbox import AlertConfig

__all__ = [
    "KINDS",
    "OUTCOMES",
    "STEPS",
    "STORE_READS",
    "STORE_WRITES",
    "AlertConfig",
    "AlertRuntime",
    "DispatchReport",
    "Dispatcher",
    "HitReportInput",
    "IntakeResult",
    "MovementInput",
    "Notifier",
    "file_hit_report",
    "find_hit_report",
    "format_event",
    "get_alert",
    "get_hit_report",
    "list_alerts",
    "open_stream",
    "read_events",
    "report_movements",
    "report_outcome",
    "sign",
    "step_alert",
    "verify",
]

# The store repositories this package uses besides ``audit`` (tests/store/test_repository_use.py):
STORE_WRITES = ("movements", "alerts", "webhooks", "hit_reports")
"""Repositories of this capability: read and written here."""
STORE_READS = ("accounts", "changes", "subjects", "listings", "listing_flags", "manifests")
"""Repositories of other capabilities: only their ``READS`` methods are called here."""
