"""The outbox: alerts, notices and their events written inside the caller's transaction.

Owns ``AlertWriter`` (alerts of any kind with their acknowledgement deadlines, notices to
an agency, the ``alert_events`` they emit and one queued webhook delivery per event and
interested webhook) and ``AlertConfig``, the knobs of alerting. Used by the alert service
and by screening (which tells owners of hits withheld from partners and raises probing
alerts) so that both write events one way. Delivery happens after commit, elsewhere (the
alert service's dispatcher and live stream). May import ``ictd.store``, ``ictd.model``,
``ictd.settings`` and ``ictd.exc``.
"""

from ictd.outbox.config import AlertConfig
from ictd.outbox.writer import EVENT_TYPES, AlertWriter, Hit, NewAlert, new_reference

__all__ = [
    "EVENT_TYPES",
    "STORE_READS",
    "STORE_WRITES",
    "AlertConfig",
    "AlertWriter",
    "Hit",
    "NewAlert",
    "new_reference",
]

# The store repositories this package uses besides ``audit`` (tests/store/test_repository_use.py):
STORE_WRITES = ("alerts", "webhooks")
"""The alert event log and the webhook outbox: written here and by ``ictd.alerts``."""
STORE_READS = ("accounts",)
"""Repositories of other capabilities: only their ``READS`` methods are called here."""
