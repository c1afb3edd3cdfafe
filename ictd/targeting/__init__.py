"""Risk rules (targeting): agencies' rules over passenger and itinerary data.

A rule is written in the safe rule language of ``ictd.border.rules`` (parsed, checked,
compiled, never ``eval``-ed), kept in versions (every change is a new version; one version
is active), private to its agency, previewed over the agency's movements of the last 30
days before activation, and evaluated on every movement the agency reports
(``check.RuleCheck``, called by movement intake): a hit is an alert of kind ``rule`` to the
agency with the rule's version and the values that matched. May import ``ictd.border``,
``ictd.outbox``, ``ictd.store``, ``ictd.model``, ``ictd.security`` and ``ictd.exc``.
"""

from ictd.targeting.check import RuleCheck
from ictd.targeting.facts import movement_facts
from ictd.targeting.service import (
    PREVIEW_DAYS,
    activate_rule,
    create_rule,
    deactivate_rule,
    get_rule,
    list_rules,
    preview_rule,
    update_rule,
)

__all__ = [
    "PREVIEW_DAYS",
    "STORE_READS",
    "STORE_WRITES",
    "RuleCheck",
    "activate_rule",
    "create_rule",
    "deactivate_rule",
    "get_rule",
    "list_rules",
    "movement_facts",
    "preview_rule",
    "update_rule",
]

# The store repositories this package uses besides ``audit`` (tests/store/test_repository_use.py):
STORE_WRITES = ("risk_rules",)
"""Repositories of this capability: read and written here."""
STORE_READS = ("movements", "manifests")
"""Repositories of other capabilities: only their ``READS`` methods are called here."""
