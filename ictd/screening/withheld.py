"""Hits withheld from the screening agency: the owners are told, and probing is recognised.

When a screening hits a subject the screening agency may not read, in the screening's own
transaction (the outbox, ``ictd.outbox.AlertWriter``):

- every owner concerned — the subject's agency and the owner of each listing in force on
  it — gets a ``screening.hit-withheld`` notice: who screened, when, the query's names and
  attributes, the subject, its own listings hit and the score (the owner may see its ids);
- the hit is kept as a ``WithheldHit`` (a digest per query attribute, not the values);
- when one agency has had more than ``PROBE_QUERIES`` withheld hits on one subject in the
  last ``PROBE_WINDOW``, with attributes that varied between the queries, the subject's
  owner gets an alert of kind ``probing`` — once per screening agency, subject and day.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ictd.matching import Query
from ictd.model import Listing
from ictd.model.probe import WithheldHit, varied_attributes
from ictd.model.value import normalize_identifier, normalize_text
from ictd.outbox import AlertWriter, NewAlert
from ictd.security.actor import Actor
from ictd.store import Session

__all__ = ["PROBE_QUERIES", "PROBE_WINDOW", "Withheld", "attribute_digests", "report_withheld"]

PROBE_QUERIES = 5
"""More withheld hits than this on one subject by one agency within the window is probing
(when the queries' attributes varied)."""
PROBE_WINDOW = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class Withheld:
    """A hit of ``query`` on a subject the screening agency may not read."""

    query: Query
    subject_id: int
    owner: str | None
    score: float
    listings: tuple[Listing, ...]


def query_attributes(query: Query) -> dict[str, Any]:
    """The query as its subject's owner is told of it: names and every attribute given."""
    return {
        "names": list(query.names),
        "schema": query.schema,
        "birth_date": query.birth_date,
        "nationalities": list(query.nationalities),
        "gender": query.gender,
        "identifiers": [
            {"value": i.value, "country": i.country, "type": i.type} for i in query.identifiers
        ],
    }


def attribute_digests(query: Query) -> dict[str, str]:
    """A short digest per attribute (``PROBE_ATTRIBUTES``), independent of case, spacing and
    order: equal when the attribute was the same, never giving its value back."""
    values: dict[str, Any] = {
        "names": sorted({normalize_text(n) for n in query.names}),
        "schema": query.schema,
        "birth_date": query.birth_date,
        "nationalities": sorted(set(query.nationalities)),
        "gender": query.gender,
        "identifiers": sorted({normalize_identifier(i.value) for i in query.identifiers}),
    }
    return {
        name: hashlib.sha256(json.dumps(value, ensure_ascii=False).encode()).hexdigest()[:16]
        for name, value in values.items()
    }


def report_withheld(
    session: Session, writer: AlertWriter, actor: Actor, items: Sequence[Withheld], now: datetime
) -> None:
    """Tell the owners of these withheld hits, keep them, and raise probing alerts."""
    if not items:
        return
    for item in items:
        _notify(writer, actor, item, now)
    if actor.agency is None:
        return
    kept = [
        WithheldHit(
            agency=actor.agency,
            subject_id=item.subject_id,
            owner=item.owner,
            at=now,
            actor=actor.name,
            attributes=attribute_digests(item.query),
        )
        for item in items
        if item.owner is not None
    ]
    session.withheld_hits.insert_many(kept)
    _raise_probing(session, writer, actor.agency, kept, now)


def _notify(writer: AlertWriter, actor: Actor, item: Withheld, now: datetime) -> None:
    mine: dict[str, list[Listing]] = defaultdict(list)
    if item.owner:
        mine[item.owner] = []
    for listing in item.listings:
        owner = writer.owner_of(listing)
        if owner:
            mine[owner].append(listing)
    for agency, listings in mine.items():
        payload = {
            "subject_id": item.subject_id,
            "listings": [
                {
                    "id": x.id,
                    "reference": x.contact_ref,
                    "category": x.category,
                    "actions": [a.value for a in x.actions],
                }
                for x in listings
            ],
            "score": round(item.score, 4),
            "screened_by": {"agency": actor.agency, "user": actor.name},
            "screened_at": now.isoformat(),
            "query": query_attributes(item.query),
        }
        writer.notify(agency, "screening.hit-withheld", actor.name, payload)


def _raise_probing(
    session: Session, writer: AlertWriter, agency: str, kept: list[WithheldHit], now: datetime
) -> None:
    owners = {h.subject_id: h.owner for h in kept}
    since = now - PROBE_WINDOW
    recent: dict[int, list[WithheldHit]] = defaultdict(list)
    for hit in session.withheld_hits.since(agency, sorted(owners), since):
        recent[hit.subject_id].append(hit)
    alerts = []
    for subject_id, hits in sorted(recent.items()):
        varied = varied_attributes(hits)
        if len(hits) <= PROBE_QUERIES or not varied:
            continue
        alerts.append(
            NewAlert(
                kind="probing",
                agency=owners[subject_id],
                reporter=agency,
                category=None,
                actions=(),
                handling=None,
                origin="screening",
                subject_id=subject_id,
                dedupe_key=f"probing:{agency}:{subject_id}:{now.date().isoformat()}",
                detail={
                    "screening_agency": agency,
                    "queries": len(hits),
                    "varied": varied,
                    "window_hours": PROBE_WINDOW.total_seconds() / 3600,
                    "first_at": hits[0].at.isoformat(),
                    "last_at": hits[-1].at.isoformat(),
                    "users": sorted({h.actor for h in hits}),
                },
            )
        )
    writer.raise_many(alerts)
