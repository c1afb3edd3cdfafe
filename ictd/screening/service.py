"""Screening a batch of queries under the access policy; hits and what each caller may learn.

A match is a **hit** when its subject carries a listing in force *and* its score reaches the
hit threshold of the caller's agency (``Agency.hit_threshold``, by default
``DEFAULT_THRESHOLD``). The caller's ``threshold`` (default: the same) only decides which
other candidates are shown: a lower one shows more non-hits, a higher one fewer, and hits
are shown whatever it is. What a caller learns of a match depends on the policy:

- a subject the caller may read: its id, score, external ids, full explanation, and the
  listings the caller may see in full (others in their withheld form);
- a subject the caller may not read, with a listing in force, scoring at least
  ``DEFAULT_THRESHOLD`` (whatever threshold the caller or its agency set: neither can be
  turned into a probe of the score): a **withheld hit**, which says only that it is a hit
  and, per listing, category, actions, handling and how to reach the owner
  (``ictd.security.policy.withheld_listing``). Its owners are told
  (``ictd.screening.withheld``);
- any other subject the caller may not read: nothing (left out).

Withheld hits come first, then the other matches best first. Pairs the caller's agency has
judged false matches are left out and counted (of subjects it may read).

The raw matches of a query come from the live index's ``SearchMemo`` when the same query was
asked of the same (immutable) index before (``ictd.screening.memo``); all of the above is
decided afresh on every call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from ictd.exc import ErrorCollector, InvalidInput
from ictd.matching import DEFAULT_THRESHOLD, Match, MatchIndex, Query
from ictd.model import Listing, Schema, Subject
from ictd.model.lifecycle import flagged_hit
from ictd.outbox import AlertConfig, AlertWriter
from ictd.screening.live_index import LiveIndex
from ictd.screening.memo import memo_of
from ictd.screening.query import QueryInput, parse_query, query_key
from ictd.screening.result import MatchResult, QueryResult
from ictd.screening.withheld import Withheld, report_withheld
from ictd.security.actor import Actor
from ictd.security.policy import Permission, can_read_subject, can_see_listing, require
from ictd.store import Session, Store

__all__ = ["MAX_QUERIES", "MatchResult", "QueryResult", "Screening", "screen", "screen_batch"]

MAX_QUERIES = 1000
MAX_LIMIT = 100


@dataclass(frozen=True, slots=True)
class Screening:
    """The results of a screening, and how many alert events it wrote (owners' notices and
    probing alerts): when any, live streams and the dispatcher have news."""

    results: list[QueryResult]
    events: int
    deliveries: int = 0
    """Webhook deliveries queued (none: the dispatcher has nothing new)."""


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
    config: AlertConfig | None = None,
    now: datetime | None = None,
) -> list[QueryResult]:
    """Screen ``inputs`` against every subject; audited as one ``screen`` event.

    ``config`` sets the deadlines and webhook retries of what owners are sent (default: the
    settings' defaults); a server passes its own (``AlertRuntime.screen``).
    """
    found = screen_batch(store, live, actor, inputs, threshold, limit, today, config, now)
    return found.results


def screen_batch(
    store: Store,
    live: LiveIndex,
    actor: Actor,
    inputs: Sequence[QueryInput],
    threshold: float | None = None,
    limit: int = 10,
    today: date | None = None,
    config: AlertConfig | None = None,
    now: datetime | None = None,
) -> Screening:
    """``screen``, also saying how many alert events were written."""
    require(actor, Permission.SCREEN)
    cut = check_options(threshold, limit)
    queries = parse_queries(inputs)
    # One transaction. The search runs before it (a writer on SQLite holds the lock for its
    # whole transaction), with the index as it is and the floor the caller's threshold
    # sets; inside, the change feed and the agency's hit threshold are read, and when either
    # says otherwise the queries are searched again, so the answer is the same as if both
    # had been read first.
    index = live.index
    floor = min(cut, DEFAULT_THRESHOLD)
    raw = _search(live, index, queries, limit, floor)
    moment = now or datetime.now(UTC)
    with store.begin() as session:
        latest, hit_cut = _current(session, live, actor)
        if latest is not index or min(floor, hit_cut) != floor:
            raw = _search(live, latest, queries, limit, min(floor, hit_cut))
        writer = AlertWriter(session, config or AlertConfig(), moment)
        told = render(session, writer, actor, queries, raw, (cut, hit_cut), moment, today)
        session.audit.record(
            actor,
            "screen",
            [f"subject:{i}" for i in told.hits] + [f"reference:{x}" for x in told.references],
            queries=len(queries),
            hits=len(told.hits),
            withheld=told.withheld or None,
            names=[q.names[0] for q in queries][:50],
            threshold=cut,
            hit_threshold=hit_cut,
        )
    return Screening(told.results, len(writer.events), writer.deliveries)


def check_options(threshold: float | None, limit: int) -> float:
    """The caller's threshold (default: the calibrated one); a bad one or a bad ``limit``
    raises ``InvalidInput`` naming it."""
    cut = DEFAULT_THRESHOLD if threshold is None else threshold
    if not 0.0 <= cut <= 1.0:
        raise InvalidInput.field("threshold", "must be between 0 and 1")
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput.field("limit", f"must be between 1 and {MAX_LIMIT}")
    return cut


@dataclass(frozen=True, slots=True)
class Rendered:
    """What one batch's callers learn, and what its audit event names: the subjects of the
    visible hits and the references of the withheld ones (never their subjects' ids: the
    caller's own auditors read the event; the owners get notices)."""

    results: list[QueryResult]
    hits: list[int]
    references: list[str]
    withheld: int


def render(
    session: Session,
    writer: AlertWriter,
    actor: Actor,
    queries: list[Query],
    raw: list[list[Match]],
    cuts: tuple[float, float],
    moment: datetime,
    today: date | None = None,
) -> Rendered:
    """Turn raw matches into what ``actor`` may learn (``cuts``: its threshold and its
    agency's hit threshold) and tell the owners of withheld hits; no audit event (the
    caller writes one per request or per job)."""
    day = today or moment.date()
    renderer = _Renderer(session, actor, writer, queries, raw, day, cuts)
    results = [renderer.query(q, matches) for q, matches in zip(queries, raw, strict=True)]
    report_withheld(session, writer, actor, renderer.withheld, moment)
    hits = sorted({m.subject_id or 0 for r in results for m in r.matches if m.visible and m.hit})
    refs = sorted({x.contact_ref or "" for w in renderer.withheld for x in w.listings})
    return Rendered(results, hits, refs, len(renderer.withheld))


def hit_threshold(session: Session, actor: Actor) -> float:
    """The caller's agency's hit threshold, or the calibrated default."""
    return _hit_threshold(session, actor)


def _search(
    live: LiveIndex, index: MatchIndex, queries: list[Query], limit: int, floor: float
) -> list[list[Match]]:
    """Raw matches of each query in ``index``, through the live index's memo."""
    return memo_of(live).search_all(index, queries, limit, floor)


def _current(session: Session, live: LiveIndex, actor: Actor) -> tuple[MatchIndex, float]:
    """The live index with the change feed applied, and the caller's agency's hit
    threshold (or the calibrated default), read together: one statement."""
    if actor.agency is None:
        return live.current(session), DEFAULT_THRESHOLD
    latest, own = live.current_for(session, actor.agency)
    return latest, DEFAULT_THRESHOLD if own is None else own


def _hit_threshold(session: Session, actor: Actor) -> float:
    """The caller's agency's hit threshold, or the calibrated default."""
    if actor.agency is None:
        return DEFAULT_THRESHOLD
    agency = session.accounts.get_agency(actor.agency)
    if agency is None or agency.hit_threshold is None:
        return DEFAULT_THRESHOLD
    return agency.hit_threshold


class _Renderer:
    """Turns one batch's raw matches into what the actor may learn, collecting withheld hits."""

    def __init__(
        self,
        session: Session,
        actor: Actor,
        writer: AlertWriter,
        queries: list[Query],
        raw: list[list[Match]],
        day: date,
        cuts: tuple[float, float],
    ) -> None:
        ids = sorted({m.subject_id for matches in raw for m in matches})
        self.actor, self.writer, self.day = actor, writer, day
        self.cut, self.hit_cut = cuts
        self.owners = session.subjects.owners(ids) if ids else {}
        self.listings: dict[int, list[Listing]] = {}
        for listing in session.listings.of_subjects(ids) if ids else []:
            self.listings.setdefault(listing.subject_id, []).append(listing)
        self.external = session.subjects.external_ids_of(ids) if ids else {}
        listed = [x.id for found in self.listings.values() for x in found if x.id]
        # the caller's agency's "no action on our territory" flags: told as information only
        self.flags = session.listing_flags.active_of(actor.agency, listed) if actor.agency else {}
        # a query without candidates has nothing a false-match judgement could leave out
        keys = [query_key(q) for q, matches in zip(queries, raw, strict=True) if matches]
        agency = actor.agency
        self.false = session.dispositions.false_matches(agency, keys) if agency else set()
        self.withheld: list[Withheld] = []

    def query(self, query: Query, matches: list[Match]) -> QueryResult:
        key = query_key(query)
        hidden, shown, suppressed = [], [], []
        for match in matches:
            if match.subject_id not in self.owners:
                continue
            schema, owner, source = self.owners[match.subject_id]
            head = Subject(schema=Schema(schema), id=match.subject_id, agency=owner, source=source)
            listings = self.listings.get(match.subject_id, [])
            in_force = [x for x in listings if x.is_in_force(self.day)]
            if not can_read_subject(self.actor, head, listings):
                if in_force and match.score >= DEFAULT_THRESHOLD:
                    hidden.append(self._withheld(query, match, owner, in_force))
            elif (key, match.subject_id) in self.false:
                suppressed.append(match.subject_id)
            elif (rendered := self._visible(match, head, listings, in_force)) is not None:
                shown.append(rendered)
        return QueryResult(query.id, key, (*hidden, *shown), tuple(suppressed))

    def _withheld(
        self, query: Query, match: Match, owner: str | None, in_force: list[Listing]
    ) -> MatchResult:
        self.withheld.append(Withheld(query, match.subject_id, owner, match.score, tuple(in_force)))
        told = tuple(self._flagged(x, self.writer.withheld(x)) for x in in_force)
        return MatchResult(subject_id=None, score=None, hit=True, visible=False, listings=told)

    def _flagged(self, listing: Listing, told: dict[str, Any]) -> dict[str, Any]:
        flag = self.flags.get(listing.id) if listing.id else None
        return flagged_hit(told, flag) if flag else told

    def _visible(
        self, match: Match, head: Subject, listings: list[Listing], in_force: list[Listing]
    ) -> MatchResult | None:
        hit = bool(in_force) and match.score >= self.hit_cut
        if not hit and match.score < self.cut:
            return None
        actor, told = self.actor, self.writer.withheld
        shown = tuple(
            self._flagged(x, x.to_dict() if can_see_listing(actor, x, head, listings) else told(x))
            for x in in_force
        )
        return MatchResult(
            subject_id=match.subject_id,
            score=match.score,
            hit=hit,
            visible=True,
            external_ids=self.external.get(match.subject_id, ()),
            listings=shown,
            explanation=tuple(f.to_dict() for f in match.explanation),
        )
