"""The audit trail, for auditors."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from ictd.api.deps import CurrentActor, Page, StoreDep
from ictd.registry import audit

router = APIRouter(tags=["audit"])
PageDep = Annotated[Page, Depends()]
Filter = Annotated[str | None, Query(max_length=300)]


@router.get("/audit/events")
def list_events(
    actor: CurrentActor,
    store: StoreDep,
    page: PageDep,
    action: Filter = None,
    actor_name: Annotated[str | None, Query(alias="actor", max_length=300)] = None,
    agency: Filter = None,
    target: Filter = None,
    since: Filter = None,
) -> dict[str, Any]:
    """Audit events in sequence order; follow ``next`` as ``after``."""
    filters = {
        "action": action,
        "actor": actor_name,
        "agency": agency,
        "target": target,
        "since": since,
    }
    events = audit.list_events(store, actor, filters, page.after, page.limit)
    next_cursor = events[-1].seq if len(events) == page.limit else None
    return {"items": [e.to_dict() for e in events], "next": next_cursor}


@router.get("/audit/verify")
def verify(actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Recompute the hash chain; names the first broken event when there is one.

    Events are sealed onto the chain shortly after they are recorded (normally within a
    fraction of a second): the chain's tamper evidence starts then. Pending events are
    sealed before the check; ``unsealed`` reports those that had waited a minute or more
    (a sealer not running or failing), which makes ``ok`` false."""
    result = audit.verify(store, actor)
    broken = result.broken
    unsealed = (
        {"count": result.unsealed, "oldest_age_seconds": round(result.unsealed_age or 0, 3)}
        if result.unsealed
        else None
    )
    return {
        "ok": result.ok,
        "checked": result.checked,
        "head_seq": result.head_seq,
        "broken": {"seq": broken.seq, "reason": broken.reason} if broken else None,
        "unsealed": unsealed,
    }
