"""The retention of passenger data in movements: masked after ``ICTD_PASSENGER_MASK_DAYS``
(default 182), deleted after ``ICTD_PASSENGER_DELETE_DAYS`` (default 1826).

Masking keeps what an alert needs: a movement no alert refers to keeps only when, where,
how (kind, place, carrier, flight) and the reply its reporter got; one an alert refers to
also keeps the traveller's names, birth date and document, on which the alert rests.
Deletion runs first; it unlinks the alerts of the movements due (the alert keeps its own detail),
then deletes them in chunks. Both are recorded in the audit, with counts and the cut-off.
Run again, the job finds nothing to do.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ictd.security.actor import Actor
from ictd.settings import Settings
from ictd.store import Store

__all__ = ["apply_retention"]

CHUNK = 10_000


def apply_retention(store: Store, settings: Settings, now: datetime) -> dict[str, int]:
    """Delete, then mask, movements past their retention periods (the ``border.retention``
    job)."""
    actor = Actor.system("retention of passenger data")
    mask_before = now - timedelta(days=settings.passenger_mask_days)
    delete_before = now - timedelta(days=settings.passenger_delete_days)
    deleted = detached = 0
    while True:
        with store.begin() as session:
            unlinked = session.alerts.detach_movements_before(delete_before)
            ids = session.movements.delete_before(delete_before, CHUNK)
            if ids or unlinked:
                session.audit.record(
                    actor,
                    "movement.delete",
                    [f"movement:{i}" for i in ids[:1000]],
                    before=delete_before.isoformat(),
                    deleted=len(ids),
                    alerts_unlinked=unlinked,
                )
        deleted += len(ids)
        detached += unlinked
        if len(ids) < CHUNK:
            break
    with store.begin() as session:
        plain, alerted = session.movements.mask_before(mask_before)
        if plain or alerted:
            session.audit.record(
                actor,
                "movement.mask",
                [],
                before=mask_before.isoformat(),
                masked=plain,
                masked_alerted=alerted,
            )
    return {
        "masked": plain,
        "masked_alerted": alerted,
        "deleted": deleted,
        "alerts_unlinked": detached,
    }
