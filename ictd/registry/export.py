"""Bulk export of what an actor may see, audited as one export."""

from __future__ import annotations

from collections.abc import Iterator

from ictd.registry.subjects import SubjectRecord, visible_record
from ictd.security.actor import Actor
from ictd.security.policy import Permission, require
from ictd.store import Store

__all__ = ["export_records"]

BATCH = 500


def export_records(store: Store, actor: Actor) -> Iterator[SubjectRecord]:
    """Every subject the actor may read, with the listings and relations they may see.

    Streams in batches of ``BATCH`` subjects. The export is audited before the first record
    leaves, and each batch is audited with the subject ids it released.
    """
    require(actor, Permission.EXPORT)
    visible_agency = None if actor.is_system else actor.agency or ""
    with store.begin() as session:
        session.audit.record(actor, "export.start", [])
    after = 0
    while True:
        with store.begin() as session:
            ids = session.subjects.list_ids(visible_agency, after, BATCH)
            records = [visible_record(session, actor, i) for i in ids]
            if ids:
                session.audit.record(actor, "export", [f"subject:{i}" for i in ids], count=len(ids))
        yield from records
        if len(ids) < BATCH:
            break
        after = ids[-1]
