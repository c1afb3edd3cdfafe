"""Who may do what with alerts, movements and webhooks (on top of ``ictd.security.policy``).

- Read the owning agency's alerts and its stream: duty officers and analysts.
- Move an alert through its lifecycle: duty officers (``handle-alerts``).
- Report an outcome: a movement reporter (``report-movements``) of the reporting agency.
- Read a hit report: the alert's readers at the owning agency, and the reporting agency's
  movement reporters and duty officers.
- Manage webhooks and read their delivery log: the agency's admins.
"""

from __future__ import annotations

from ictd.exc import Forbidden, NotFound
from ictd.model import Role
from ictd.model.alert import Alert
from ictd.security.actor import Actor
from ictd.security.policy import Permission, can, refuse_hidden, require, require_agency_admin

__all__ = [
    "READER_ROLES",
    "may_report",
    "require_alert_handler",
    "require_alert_reader",
    "require_hit_report_reader",
    "require_outcome_reporter",
    "require_webhook_admin",
]

READER_ROLES = (Role.DUTY_OFFICER, Role.ANALYST)


def require_alert_reader(actor: Actor) -> str:
    """The agency whose alerts ``actor`` reads."""
    if actor.agency is None or not actor.has_role(*READER_ROLES):
        raise Forbidden("alerts are read by duty officers and analysts of an agency")
    return actor.agency


def _hidden(actor: Actor, alert: Alert) -> NotFound:
    """Another agency's alert answers as a missing one; the refusal is audited for its owner."""
    message = f"alert {alert.reference} does not exist"
    return refuse_hidden(actor, message, f"alert:{alert.reference}", alert.agency)


def require_alert_handler(actor: Actor, alert: Alert) -> None:
    require(actor, Permission.HANDLE_ALERTS)
    if alert.agency != actor.agency:
        raise _hidden(actor, alert)


def may_report(actor: Actor, alert: Alert) -> bool:
    """Whether ``actor`` may report on ``alert`` (outcome, hit report): a movement reporter
    of the agency whose movement raised it."""
    return (
        can(actor, Permission.REPORT_MOVEMENTS)
        and alert.reporter == actor.agency
        and alert.kind == "movement"
    )


def require_outcome_reporter(actor: Actor, alert: Alert) -> None:
    require(actor, Permission.REPORT_MOVEMENTS)
    if alert.reporter != actor.agency or alert.kind != "movement":
        raise _hidden(actor, alert)


def require_hit_report_reader(actor: Actor, alert: Alert) -> None:
    """The owner's alert readers, or the reporting agency's reporters and duty officers;
    to anyone else the alert does not exist."""
    owner = alert.agency == actor.agency and actor.has_role(*READER_ROLES)
    reporter = alert.reporter == actor.agency and (
        can(actor, Permission.REPORT_MOVEMENTS) or actor.has_role(Role.DUTY_OFFICER)
    )
    if actor.agency is None or not (owner or reporter):
        raise _hidden(actor, alert)


def require_webhook_admin(actor: Actor, agency: str | None) -> str:
    """The agency whose webhooks ``actor`` manages."""
    if agency is None:
        raise Forbidden("webhooks belong to an agency")
    require_agency_admin(actor, agency)
    return agency
