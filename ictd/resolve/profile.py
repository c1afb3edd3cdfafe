"""The review queue of proposals, and the resolved profile of a subject.

Both apply the sharing rules per subject: a proposal is shown only when the caller may read
both of its subjects, and a profile lists only the cluster members the caller may read — it
never reveals that an unreadable member exists. Statements are shown as stated, with their
provenance; nothing is copied between records.
"""

from __future__ import annotations

from typing import Any

from ictd.resolve.judgement import readable_ids, unreadable
from ictd.security.actor import Actor
from ictd.security.policy import Permission, require, visible_listings
from ictd.store import Store

__all__ = ["resolved_profile", "review_queue"]

SCAN = 200


def review_queue(
    store: Store, actor: Actor, after: int = 0, limit: int = 50
) -> tuple[list[dict[str, Any]], int | None]:
    """Open proposals best first, and the cursor of the next page (``None``: no more).

    ``after`` is a position in the whole queue, so that pages stay stable whatever the caller
    may read; rows the caller may not see are skipped but still advance the cursor.
    """
    require(actor, Permission.READ_RECORDS)
    items: list[dict[str, Any]] = []
    position = after
    with store.begin() as session:
        while len(items) < limit:
            rows = session.resolution.proposals_page(position, SCAN)
            ids = {i for r in rows for i in (r.subject_a, r.subject_b)}
            readable = readable_ids(session, actor, ids)
            captions = session.graph.captions(sorted(readable))
            for row in rows:
                position += 1
                if row.subject_a in readable and row.subject_b in readable:
                    pair = [row.subject_a, row.subject_b]
                    items.append(
                        {
                            "id": row.id,
                            "subjects": [{"id": i, "label": captions.get(i)} for i in pair],
                            "score": row.score,
                            "explanation": row.explanation,
                            "judgements": [
                                j.to_dict()
                                for j in session.resolution.judgements_of_pair(*pair)
                                if j.revoked_at is None
                            ],
                        }
                    )
                    if len(items) == limit:
                        break
            if len(rows) < SCAN and len(items) < limit:
                position = -1
                break
        subjects = sorted({s["id"] for i in items for s in i["subjects"]})
        session.audit.record(actor, "xref.queue", [f"subject:{i}" for i in subjects], after=after)
    return items, (position if position >= 0 else None)


def resolved_profile(store: Store, actor: Actor, subject_id: int) -> dict[str, Any]:
    """One subject's resolved profile: every readable member of its cluster, with their
    statements grouped by property and each value's provenance."""
    require(actor, Permission.READ_RECORDS)
    with store.begin() as session:
        _cluster, members = session.resolution.cluster_members(subject_id)
        readable = readable_ids(session, actor, members)
        if subject_id not in readable:
            raise unreadable(session, actor, subject_id)
        shown = session.subjects.get_many(sorted(readable))
        listings = session.listings.of_subjects(sorted(readable))
        props: dict[str, list[dict[str, Any]]] = {}
        for subject in shown:
            for stmt in subject.active:
                props.setdefault(stmt.prop, []).append(
                    {
                        "value": stmt.value,
                        "subject_id": subject.id,
                        "stated_by": stmt.agency if stmt.agency else f"source:{stmt.source}",
                        "statement_id": stmt.id,
                        "first_seen": stmt.first_seen.isoformat() if stmt.first_seen else None,
                        "last_seen": stmt.last_seen.isoformat() if stmt.last_seen else None,
                    }
                )
        links = [
            j.to_dict()
            for a, b in session.resolution.same_links(sorted(readable))
            if a in readable and b in readable
            for j in session.resolution.judgements_of_pair(a, b)
            if j.revoked_at is None and j.decision == "same"
        ]
        session.audit.record(actor, "subject.profile", [f"subject:{i}" for i in sorted(readable)])
    return {
        "subject_id": subject_id,
        # named by its smallest member the caller can read: the stored id could name a hidden one
        "cluster_id": min(readable) if len(readable) > 1 else None,
        "members": [
            {
                "id": s.id,
                "schema": s.schema.value,
                "caption": s.caption,
                "owner": s.agency if s.agency else f"source:{s.source}",
                "listings": [x.to_dict() for x in visible_listings(actor, s, listings)],
            }
            for s in shown
        ],
        "properties": props,
        "links": links,
    }
