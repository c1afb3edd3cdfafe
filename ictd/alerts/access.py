"""Who may do what with alerts, movements and webhooks (on top of ``ictd.security.policy``).

- Read the owning agency's alerts and its stream: duty officers and analysts.
- Move an alert through its lifecycle: duty officers (``handle-alerts``).
- Report an outcome: a movement reporter (``report-movements``) of the reporting agency.
- Manage webhooks and read their delivery log: the agency's admins.
"""

from __future__ import annotations

from ictd.exc import Forbidden, NotFound
from ictd.model import Role
from ictd.model.alert import Alert
from ictd.security.actor import Actor
from ictd.security.policy import Permission, require, require_agency_admin

__all__ = [
    "READER_ROLES",
    "require_alert_handler",
    "require_alert_reader",
    "require_outcome_reporter",
    "require_webhook_admin",
]

READER_ROLES = (Role.DUTY_OFFICER, Role.ANALYST)


def require_alert_reader(actor: Actor) -> str:
    """The agency whose alerts ``actor`` reads."""
    if actor.agency is None or not actor.has_role(*READER_ROLES):
        raise Forbidden("alerts are read by duty officers and analysts of an agency")
    return actor.agency


def require_alert_handler(actor: Actor, alert: Alert) -> None:
    require(actor, Permission.HANDLE_ALERTS)
    if alert.agency != actor.agency:
        raise NotFound(f"alert {alert.reference} does not exist")


def require_outcome_reporter(actor: Actor, alert: Alert) -> None:
    require(actor, Permission.REPORT_MOVEMENTS)
    if alert.reporter != actor.agency or alert.kind != "movement":
        raise NotFound(f"alert {alert.reference} does not exist")


def require_webhook_admin(actor: Actor, agency: str | None) -> str:
    """The agency whose webhooks ``actor`` manages."""
    if agency is None:
        raise Forbidden("webhooks belong to an agency")
    require_agency_admin(actor, agency)
    return agency
