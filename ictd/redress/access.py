"""Who may do what with redress requests (on top of ``ictd.security.policy``).

- Register requests, read them all, their requesters' identity evidence and the
  disclosure view: the operator agency's redress officers (``redress-officer``), only.
- Read the requests forwarded to an agency, answer and decide them: that agency's analysts
  and auditors (its data-protection function); a request not forwarded to the agency does
  not exist for it.
"""

from __future__ import annotations

from ictd.exc import Forbidden
from ictd.model import Role
from ictd.security.actor import Actor
from ictd.store import Session

__all__ = ["HANDLER_ROLES", "handles_referrals", "is_officer", "require_officer"]

HANDLER_ROLES = (Role.ANALYST, Role.AUDITOR)


def is_officer(session: Session, actor: Actor) -> bool:
    """A redress officer of the operator agency (or the operator at the machine)."""
    if actor.is_system:
        return True
    if actor.agency is None or not actor.has_role(Role.REDRESS_OFFICER):
        return False
    agency = session.accounts.get_agency(actor.agency)
    return agency is not None and agency.is_operator


def require_officer(session: Session, actor: Actor) -> None:
    if not is_officer(session, actor):
        raise Forbidden("redress requests are registered by the operator's redress officers")


def handles_referrals(actor: Actor) -> bool:
    """An agency's analyst or auditor: answers and decides requests forwarded to it."""
    return actor.agency is not None and actor.has_role(*HANDLER_ROLES)
