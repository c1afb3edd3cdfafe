"""Screening a batch of queries under the access policy; hits and what each caller may learn.

Every match returned scores at or above the threshold (default ``DEFAULT_THRESHOLD``); it
is a **hit** when its subject carries a listing in force. What else they get depends on the policy:

- a subject the caller may read: its external ids, full explanation, and the listings the
  caller may see in full (others as requested action only);
- a subject the caller may not read, but with a listing in force: hit / no-hit and the
  requested action only — no external ids, no explanation details;
- a subject the caller may not read and with no listing in force: nothing (left out).

Pairs the caller's agency has judged false matches are left out and counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from ictd.exc import ErrorCollector, InvalidInput
from ictd.matching import DEFAULT_THRESHOLD, Match, Query
from ictd.model import Listing, Schema, Subject
from ictd.screening.live_index import LiveIndex
from ictd.screening.query import QueryInput, parse_query, query_key
from ictd.security.actor import Actor
from ictd.security.policy import Permission, can_read_subject, can_see_listing, require
from ictd.store import Session, Store

__all__ = ["MAX_QUERIES", "MatchResult", "QueryResult", "screen"]

MAX_QUERIES = 1000
MAX_LIMIT = 100


@dataclass(frozen=True, slots=True)
class MatchResult:
    subject_id: int
    score: float
    hit: bool
    visible: bool
    external_ids: tuple[str, ...]
    listings: tuple[dict[str, Any], ...]
    explanation: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject_id": self.subject_id,
            "score": round(self.score, 4),
            "hit": self.hit,
            "details_withheld": not self.visible,
            "external_ids": list(self.external_ids),
            "listings": list(self.listings),
            "explanation": list(self.explanation),
        }


@dataclass(frozen=True, slots=True)
class QueryResult:
    query_id: str
    query_key: str
    matches: tuple[MatchResult, ...]
    suppressed: tuple[int, ...] = field(default=())

    @property
    def is_hit(self) -> bool:
        return any(m.hit for m in self.matches)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query_id": self.query_id,
            "query_key": self.query_key,
            "hit": self.is_hit,
            "matches": [m.to_dict() for m in self.matches],
            "suppressed_false_matches": list(self.suppressed),
        }


def parse_queries(inputs: Sequence[QueryInput]) -> list[Query]:
    """Validate a batch; every bad field is reported as ``queries.N.field``."""
    errors = ErrorCollector()
    if not inputs:
        errors.add("queries", "give at least one query")
    if len(inputs) > MAX_QUERIES:
        errors.add("queries", f"at most {MAX_QUERIES} queries per call")
    parsed = [parse_query(q, errors, f"queries.{i}") for i, q in enumerate(inputs[:MAX_QUERIES])]
    errors.raise_if_any("invalid screening request")
    return [q for q in parsed if q is not None]


def screen(
    store: Store,
    live: LiveIndex,
    actor: Actor,
    inputs: Sequence[QueryInput],
    threshold: float | None = None,
    limit: int = 10,
    today: date | None = None,
) -> list[QueryResult]:
    """Screen ``inputs`` against every subject; audited as one ``screen`` event."""
    require(actor, Permission.SCREEN)
    cut = DEFAULT_THRESHOLD if threshold is None else threshold
    if not 0.0 <= cut <= 1.0:
        raise InvalidInput.field("threshold", "must be between 0 and 1")
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput.field("limit", f"must be between 1 and {MAX_LIMIT}")
    queries = parse_queries(inputs)
    index = live.current()
    raw = [index.search(q, limit=limit, threshold=cut) for q in queries]
    day = today or datetime.now(UTC).date()
    with store.begin() as session:
        results = _render(session, actor, queries, raw, day)
        hits = sorted({m.subject_id for r in results for m in r.matches if m.hit})
        session.audit.record(
            actor,
            "screen",
            [f"subject:{i}" for i in hits],
            queries=len(queries),
            hits=len(hits),
            names=[q.names[0] for q in queries][:50],
            threshold=cut,
        )
    return results


def _render(
    session: Session,
    actor: Actor,
    queries: list[Query],
    raw: list[list[Match]],
    day: date,
) -> list[QueryResult]:
    ids = sorted({m.subject_id for matches in raw for m in matches})
    owners = session.subjects.owners(ids) if ids else {}
    listings: dict[int, list[Listing]] = {}
    for listing in session.listings.of_subjects(ids) if ids else []:
        listings.setdefault(listing.subject_id, []).append(listing)
    external = session.subjects.external_ids_of(ids) if ids else {}
    keys = [query_key(q) for q in queries]
    false = session.dispositions.false_matches(actor.agency, keys) if actor.agency else set()
    out = []
    for query, key, matches in zip(queries, keys, raw, strict=True):
        kept, suppressed = [], []
        for match in matches:
            if match.subject_id not in owners:
                continue
            if (key, match.subject_id) in false:
                suppressed.append(match.subject_id)
                continue
            rendered = _match(
                actor,
                match,
                owners[match.subject_id],
                listings.get(match.subject_id, []),
                external.get(match.subject_id, ()),
                day,
            )
            if rendered is not None:
                kept.append(rendered)
        out.append(QueryResult(query.id, key, tuple(kept), tuple(suppressed)))
    return out


def _match(
    actor: Actor,
    match: Match,
    owner: tuple[str, str | None, str | None],
    listings: list[Listing],
    external_ids: tuple[str, ...],
    day: date,
) -> MatchResult | None:
    schema, agency, source = owner
    head = Subject(schema=Schema(schema), id=match.subject_id, agency=agency, source=source)
    in_force = [x for x in listings if x.is_in_force(day)]
    visible = can_read_subject(actor, head, listings)
    if not visible and not in_force:
        return None
    shown = tuple(
        x.to_dict() if can_see_listing(actor, x) else x.to_action_dict() for x in in_force
    )
    explanation = tuple(
        {"feature": f.feature, "value": round(f.value, 4), "detail": f.detail if visible else None}
        for f in match.explanation
    )
    return MatchResult(
        subject_id=match.subject_id,
        score=match.score,
        hit=bool(in_force),
        visible=visible,
        external_ids=external_ids if visible else (),
        listings=shown,
        explanation=explanation,
    )
