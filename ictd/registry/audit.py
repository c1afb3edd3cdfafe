"""Recording, reading and verifying the audit trail.

An event is recorded into the audit intake in the transaction of the act it records, and
sealed onto the hash chain shortly after (normally within a fraction of a second; see
``ictd.store.audit``). The chain's tamper evidence starts when an event is sealed; reads and
the verification seal the pending events first, so they see every committed event, and the
verification reports events that waited in the intake longer than ``STALE_SECONDS`` (no
sealer running, or one failing) as a problem.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ictd.exc import Forbidden, IctdError
from ictd.security.actor import Actor
from ictd.security.audit import AuditEvent, ChainBreak, verify_chain
from ictd.security.policy import can_read_audit_of
from ictd.store import Store

__all__ = ["STALE_SECONDS", "VerifyResult", "list_events", "record_denial", "verify"]

log = logging.getLogger("ictd.audit")


STALE_SECONDS = 60.0
"""An event still unsealed this many seconds after it was recorded is reported by ``verify``."""


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """The chain check, and the events found waiting too long in the intake (then sealed)."""

    checked: int
    head_seq: int
    broken: ChainBreak | None
    unsealed: int = 0
    """Events found unsealed ``STALE_SECONDS`` or more after they were recorded."""
    unsealed_age: float | None = None
    """Seconds the oldest of them had waited."""

    @property
    def ok(self) -> bool:
        return self.broken is None and self.unsealed == 0


def verify(store: Store, actor: Actor, now: datetime | None = None) -> VerifyResult:
    """Recompute the whole chain; name the first broken event, if any, and the events that
    waited unsealed ``STALE_SECONDS`` or more. Audited."""
    _auditor_scope(store, actor)  # the result reveals no event content: any auditor may verify
    moment = now or datetime.now(UTC)
    cutoff = moment - timedelta(seconds=STALE_SECONDS)
    with store.read() as session:
        unsealed, oldest = session.audit.pending(before=cutoff.isoformat(timespec="microseconds"))
    store.seal_audit()  # in transactions of their own: the check below holds no lock
    with store.read() as session:
        head = session.audit.head()
        checked, broken = verify_chain(session.audit.events(), head)
    age = (moment - datetime.fromisoformat(oldest)).total_seconds() if oldest else None
    with store.begin() as session:
        session.audit.record(
            actor, "audit.verify", ok=broken is None, checked=checked, unsealed=unsealed or None
        )
    return VerifyResult(
        checked=checked, head_seq=head[0], broken=broken, unsealed=unsealed, unsealed_age=age
    )


def list_events(
    store: Store, actor: Actor, filters: dict[str, Any], after: int = 0, limit: int = 100
) -> list[AuditEvent]:
    """Audit events the actor may read, oldest first, after sequence number ``after``.

    An agency's auditors read their agency's events and the refused reads of its records by
    anyone (``subject.read.refused``, ``listing.read.refused``: who tried, when, on what), so
    that the owner sees probing; the operator's auditors read every event.
    """
    scoped = dict(filters)
    if not _auditor_scope(store, actor):
        scoped["concerning"] = actor.agency
    store.seal_audit()  # what is committed is on the chain before the read (no lock held)
    with store.begin() as session:
        events = session.audit.query(scoped, after, limit)
        session.audit.record(actor, "audit.read", filters=scoped, count=len(events))
    return events


def _auditor_scope(store: Store, actor: Actor) -> bool:
    """Check the actor is an auditor; return whether they may read every agency's events."""
    is_operator = False
    if actor.agency is not None:
        with store.begin() as session:
            agency = session.accounts.get_agency(actor.agency)
        is_operator = bool(agency and agency.is_operator)
    if not can_read_audit_of(actor, actor.agency, is_operator):
        raise Forbidden("only auditors may read the audit log")
    return actor.is_system or is_operator


def record_denial(
    store: Store, actor: Actor | None, path: str, method: str, reason: str, edge: str = "api"
) -> None:
    """Audit a refused request (403): refused attempts are part of the trail an auditor reads.

    A failure to write the event is logged, not raised: the caller is already answering.
    """
    if actor is None:
        return
    try:
        with store.begin() as session:
            detail = {"path": path, "method": method, "reason": reason}
            if edge != "api":
                detail["edge"] = edge
            session.audit.record(actor, "access.denied", [], **detail)
    except IctdError:
        log.exception("could not audit a refused request")
