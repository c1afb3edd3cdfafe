"""Movement intake: store each report, screen it, alert the owners, answer the reporter.

A batch is validated whole first (bad input changes nothing), screened against the live
index outside the transaction, then written in ONE transaction: the movements, an alert
per hit on a listing in force, the alerts' events and their webhook deliveries (the
outbox). The reporter's answer per movement is stored with it, so a retry with the same
idempotency key returns the original answer and creates nothing; the same key with other
content is refused as a conflict.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from ictd.alerts.cotravel import (
    BookingKey,
    CoTravel,
    Travel,
    booking_key,
    booking_of_key,
    co_traveller_alerts,
)
from ictd.alerts.movement import MovementInput, ParsedMovement, parse_movements
from ictd.border.rules import RuleResult
from ictd.documents import DocumentCheck
from ictd.exc import Conflict, Forbidden
from ictd.matching import DEFAULT_THRESHOLD, Match, MatchIndex
from ictd.model import Listing, Schema, Subject
from ictd.model.alert import Alert
from ictd.model.lifecycle import Flag, flagged_hit
from ictd.model.movement import Movement
from ictd.model.risk_rule import RiskRule
from ictd.model.subject import NAME_PROPS
from ictd.outbox.config import AlertConfig
from ictd.outbox.writer import AlertWriter, Hit, NewAlert, new_reference
from ictd.screening import LiveIndex
from ictd.screening.memo import memo_of
from ictd.security.actor import Actor
from ictd.security.policy import Permission, can_see_listing, require
from ictd.store import IntakeWindow, Session, Store
from ictd.targeting import RuleCheck, movement_facts

__all__ = ["IntakeResult", "report_movements", "subject_details"]

MATCH_LIMIT = 10
ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class IntakeResult:
    replies: list[dict[str, Any]]
    events: int  # alert events written (0: nobody needs waking)
    deliveries: int = 0  # webhook deliveries queued (0: the dispatcher need not be woken)


DETAIL_PROPS = (*NAME_PROPS, "birthDate", "nationality", "gender")
"""The properties ``subject_details`` tells: a hit's subject is read with these alone."""


def subject_details(subject: Subject) -> dict[str, Any]:
    """What a reporter inside the sharing scope learns about the listed subject."""
    return {
        "id": subject.id,
        "schema": subject.schema.value,
        "names": subject.names,
        "birth_dates": subject.values("birthDate"),
        "nationalities": subject.values("nationality"),
        "gender": subject.first("gender"),
        "external_ids": list(subject.external_ids),
    }


def report_movements(
    store: Store,
    live: LiveIndex,
    actor: Actor,
    inputs: Sequence[MovementInput],
    config: AlertConfig,
    now: datetime | None = None,
    within: Callable[[Session, IntakeResult], None] | None = None,
    travel: Travel | None = None,
) -> IntakeResult:
    """Report up to 1,000 movements; returns one answer per movement, in order.

    ``within`` is called with the transaction and the answers before it commits: a caller
    that stores more about the same reports (a manifest) does so all or nothing with them.
    ``travel`` tells the booking of each input and the rule facts of each traveller
    (``ictd.alerts.cotravel``): co-travellers of a hit are flagged to its owner.
    """
    require(actor, Permission.REPORT_MOVEMENTS)
    if actor.agency is None:
        raise Forbidden("movements are reported by a user of an agency")
    moment = now or datetime.now(UTC)
    parsed = parse_movements(list(inputs), moment)
    if travel is not None and len(travel.bookings) != len(parsed):
        raise ValueError("one booking (or None) per movement")
    # searched before the transaction (a writer on SQLite holds the lock for its whole
    # transaction) with the index as it is; inside, the change feed is read and, when it
    # moved, the movements are searched again: the same answer as reading it first
    index = live.index
    found = _search(live, index, parsed)
    for attempt in range(ATTEMPTS):
        try:
            with store.begin() as session:
                latest, first = _current(session, live, actor.agency, parsed)
                if latest is not index:
                    index, found = latest, _search(live, latest, parsed)
                result = _write(session, actor, parsed, found, config, moment, travel, first)
                if within is not None:
                    within(session, result)
                return result
        except Conflict as err:
            # a concurrent retry of the same key won the race: the next round replays it
            if _is_key_reuse(err) or attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _search(live: LiveIndex, index: MatchIndex, parsed: list[ParsedMovement]) -> list[list[Match]]:
    """Raw matches of each movement's traveller in ``index``, through the live index's memo
    (``ictd.screening.memo``), as screening does: a traveller reported again, or screened
    before, against the same index is not searched again; a repeated query is searched once."""
    queries = [p.query for p in parsed]
    return memo_of(live).search_all(index, queries, MATCH_LIMIT, DEFAULT_THRESHOLD)


def _current(
    session: Session, live: LiveIndex, agency: str, parsed: list[ParsedMovement]
) -> tuple[MatchIndex, IntakeWindow | None]:
    """The live index with the change feed applied; for a single report, read in the same
    statement as the feed: whether its idempotency key was used before and whether the
    agency has a rule in force (``ChangeFeed.window_and_intake``), which mostly spares
    the reads of both (on PostgreSQL, each a round trip)."""
    if len(parsed) != 1:
        return live.current(session), None
    key = parsed[0].input.idempotency_key

    def read(low: int) -> tuple[tuple[int, int], IntakeWindow]:
        found = session.changes.window_and_intake(low, agency, key)
        return found.window, found

    return live.current_with(session, read)


def _is_key_reuse(err: Conflict) -> bool:
    return isinstance(err.details, dict) and "idempotency_keys" in err.details


def _write(
    session: Session,
    actor: Actor,
    parsed: list[ParsedMovement],
    found: list[list[Match]],
    config: AlertConfig,
    now: datetime,
    travel: Travel | None = None,
    first: IntakeWindow | None = None,
) -> IntakeResult:
    """``first``: what was read with the change feed in the same transaction (``_current``),
    if it was."""
    assert actor.agency is not None
    keys = [p.input.idempotency_key for p in parsed]
    unused = first is not None and not first.key_used
    existing = {} if unused else session.movements.by_keys(actor.agency, keys)
    reused = [p.input.idempotency_key for p in parsed if _differs(existing, p)]
    if reused:
        raise Conflict(
            "an idempotency key was used before for a different movement",
            {"idempotency_keys": reused[:20]},
        )
    fresh = [
        (i, p, m)
        for i, (p, m) in enumerate(zip(parsed, found, strict=True))
        if p.input.idempotency_key not in existing
    ]
    in_force, visible, heads = _listings_in_force(
        session, actor, [x for _, _, ms in fresh for x in ms], now
    )
    shown = sorted({x.subject_id for lsts in in_force.values() for x in lsts if x.id in visible})
    subjects = _shown_subjects(session, heads, shown) if shown else {}
    writer = AlertWriter(session, config, now)
    listed = [x.id for found in in_force.values() for x in found if x.id]
    flags = session.listing_flags.active_of(actor.agency, listed) if actor.agency else {}
    told = HitReply(writer, visible, subjects, flags)
    documents = DocumentCheck(session, actor, writer)
    reported = [p.values() for _, p, _ in fresh]  # the stored fields, worked out once
    on_register = documents.find(reported, now.date())
    rules = RuleCheck(session, actor.agency, read=first is None or first.has_rules)
    # first every traveller's hits and register hits (in bulk), then the rules, which may
    # ask about the hits of others on the same booking
    plans = [
        [
            (listing, match, new_reference() if writer.owner_of(listing) else None)
            for match in matches
            for listing in in_force.get(match.subject_id, [])
        ]
        for _, _, matches in fresh
    ]
    to_document = [[(r, new_reference()) for r in reports] for reports in on_register]
    bookings = [travel.bookings[i] for i, _, _ in fresh] if travel else [None] * len(fresh)
    co = CoTravel.of(bookings, [bool(x) for x in plans], [bool(x) for x in to_document])
    planned = []
    to_rule: list[list[tuple[RiskRule, RuleResult, str]]] = []
    stamp = {"agency": actor.agency, "created_at": now, "created_by": actor.user_id}
    for k, ((i, item, _), plan, noted, fields) in enumerate(
        zip(fresh, plans, to_document, reported, strict=True)
    ):
        hits = [told.hit(x, ref, match) for x, match, ref in plan]
        reply: dict[str, Any] = {"result": "hit" if hits else "no-hit", "hits": hits}
        reply["document_hit"] = documents.reply(*noted[0]) if noted else None
        values = {**fields, **stamp}
        facts = None
        if rules.rules and travel is not None and travel.facts is not None:
            facts = travel.facts(i, bool(noted), co.listed[k], co.document[k])
        matched = []
        if rules.rules:
            # a manifest gives the facts: no movement row is built to derive them from
            facts = facts if facts is not None else movement_facts(_row(0, values), bool(noted))
            matched = [(rule, result, new_reference()) for rule, result in rules.matching(facts)]
        to_rule.append(matched)
        reply["rule_hits"] = [rules.reply(x) for x in matched]
        planned.append((item, dict(values, reply=reply), plan))
    ids = session.movements.insert_many([values for _, values, _ in planned])
    answers: dict[str, dict[str, Any]] = {}
    to_alert: list[Hit] = []
    to_raise: list[NewAlert] = []
    rows: dict[int, Movement] = {}  # the movements an alert shows, by position in ``fresh``
    for k, ((item, values, plan), movement_id, noted, matched) in enumerate(
        zip(planned, ids, to_document, to_rule, strict=True)
    ):
        key = item.input.idempotency_key
        answers[key] = {"idempotency_key": key, "movement_id": movement_id, **values["reply"]}
        if not (noted or matched or plan or bookings[k]):
            continue
        movement = rows[k] = _row(movement_id, values)
        if noted:
            to_raise.extend(documents.alerts(movement, noted, writer.shown(movement)))
        if matched:
            to_raise.extend(rules.alerts(movement, matched, writer.shown(movement)))
        to_alert.extend(
            (movement, listing, match.score, "arrival", ref)
            for listing, match, ref in plan
            if ref is not None
        )
    if travel is not None:
        owners = [
            [(x, m.score, writer.owner_of(x) if ref else None, ref) for x, m, ref in plan]
            for _, _, plan in planned
        ]
        earlier, earlier_hits = _earlier(session, actor.agency, bookings, now, config)
        to_raise.extend(
            co_traveller_alerts(
                bookings, rows, owners, to_document, earlier, earlier_hits, writer.shown
            )
        )
    writer.create_many(to_alert)
    raised = writer.raise_many(to_raise)
    _audit(session, actor, answers, len(existing), raised)
    replies = [answers.get(p.input.idempotency_key) or _replay(existing, p) for p in parsed]
    return IntakeResult(replies, len(writer.events), writer.deliveries)


def _earlier(
    session: Session,
    agency: str,
    bookings: Sequence[BookingKey | None],
    now: datetime,
    config: AlertConfig,
) -> tuple[list[tuple[BookingKey, Movement]], list[Alert]]:
    """The travellers ``agency`` reported earlier on these bookings, within the retention of
    passenger data, and the alerts of their hits on listings still in force and on the
    register (``ictd.alerts.cotravel``)."""
    keys = sorted({booking_key(k) for k in bookings if k is not None})
    since = now - timedelta(days=config.passenger_mask_days)
    stored = session.manifests.on_bookings(agency, keys, since) if keys else []
    if not stored:
        return [], []
    hits = session.alerts.hits_of_movements([m.id for _, m in stored if m.id is not None])
    listed = sorted({a.listing_id for a in hits if a.listing_id is not None})
    listings = session.listings.get_many(listed) if listed else []
    in_force = {x.id for x in listings if x.is_in_force(now.date())}
    hits = [a for a in hits if a.kind == "document" or a.listing_id in in_force]
    return [(booking_of_key(k), m) for k, m in stored], hits


def _differs(existing: dict[str, Movement], item: ParsedMovement) -> bool:
    old = existing.get(item.input.idempotency_key)
    return old is not None and old.digest != item.digest


def _listings_in_force(
    session: Session, actor: Actor, matches: list[Match], now: datetime
) -> tuple[dict[int, list[Listing]], set[int | None], dict[int, Subject]]:
    """The listings in force on the matched subjects, the ids of those the reporter may
    see in full (``can_see_listing``: inside the scope, on a subject it may read), and the
    live subjects' heads (schema and owners, no statements)."""
    ids = sorted({m.subject_id for m in matches})
    every: dict[int, list[Listing]] = {}
    for listing in session.listings.of_subjects(ids) if ids else []:
        every.setdefault(listing.subject_id, []).append(listing)
    owners = session.subjects.owners(ids) if ids else {}
    in_force: dict[int, list[Listing]] = {}
    visible: set[int | None] = set()
    heads: dict[int, Subject] = {}
    for sid, listings in every.items():
        found = [x for x in listings if x.is_in_force(now.date())]
        if found:
            in_force[sid] = found
        if sid in owners:
            schema, agency, source = owners[sid]
            head = heads[sid] = Subject(schema=Schema(schema), id=sid, agency=agency, source=source)
            visible.update(x.id for x in found if can_see_listing(actor, x, head, listings))
    return in_force, visible, heads


def _shown_subjects(
    session: Session, heads: dict[int, Subject], ids: list[int]
) -> dict[int | None, Subject]:
    """The subjects ``ids`` as a hit reply shows them (``subject_details``): their ``heads``
    with only the statements it tells (``DETAIL_PROPS``) and their external ids; two
    statements, not the three of ``get_many`` with every statement of theirs."""
    stated = session.subjects.stated(ids, DETAIL_PROPS)
    external = session.subjects.external_ids_of(ids)
    return {
        i: replace(heads[i], statements=tuple(stated.get(i, ())), external_ids=external.get(i, ()))
        for i in ids
        if i in heads
    }


def _row(movement_id: int, values: dict[str, Any]) -> Movement:
    fields = {k: v for k, v in values.items() if k != "reply"}
    fields["names"] = tuple(fields["names"])
    fields["nationalities"] = tuple(fields["nationalities"])
    return Movement(id=movement_id, **fields)


def _replay(existing: dict[str, Movement], item: ParsedMovement) -> dict[str, Any]:
    row = existing[item.input.idempotency_key]
    return {
        "idempotency_key": row.idempotency_key,
        "movement_id": row.id,
        **row.reply,
        "replayed": True,
    }


class HitReply:
    """What a hit tells the reporter; the parts that depend on the listing alone are worked
    out once per listing in a batch (many movements may hit the same listing). A hit on a
    listing the reporter may not see in full is told in its withheld form
    (``ictd.security.policy.withheld_listing``): no score, no subject, no listing id."""

    def __init__(
        self,
        writer: AlertWriter,
        visible: set[int | None],
        subjects: dict[int | None, Subject],
        flags: dict[int, Flag] | None = None,
    ) -> None:
        self.writer = writer
        self.visible = visible
        self.subjects = subjects
        self.flags = flags or {}  # the reporter's flags: its hits say "information only"
        self._parts: dict[int | None, dict[str, Any]] = {}

    def hit(self, listing: Listing, reference: str | None, match: Match) -> dict[str, Any]:
        if listing.id not in self._parts:
            parts = self._of(listing)
            flag = self.flags.get(listing.id) if listing.id else None
            self._parts[listing.id] = flagged_hit(parts, flag) if flag else parts
        told = {"alert": reference, **self._parts[listing.id]}
        if listing.id in self.visible:
            told["score"] = round(match.score, 4)
        return told

    def _of(self, listing: Listing) -> dict[str, Any]:
        if listing.id not in self.visible:
            return self.writer.withheld(listing)
        subject = self.subjects.get(listing.subject_id)
        owner = self.writer.owner_of(listing)
        return {
            "actions": [a.value for a in listing.actions],
            "category": listing.category,
            "handling": listing.handling.value,
            "owner": self.writer.contact(owner) if owner else None,
            "details_withheld": False,
            "subject": subject_details(subject) if subject else None,
            "listing": listing.to_dict(),
        }


def _audit(
    session: Session,
    actor: Actor,
    answers: dict[str, dict[str, Any]],
    replayed: int,
    raised: Sequence[Alert],
) -> None:
    alerts = [h["alert"] for r in answers.values() for h in r["hits"] if h["alert"]]
    alerts += [x.reference for x in raised if x.reference]  # register, rule, co-traveller
    session.audit.record(
        actor,
        "movement.report",
        [f"movement:{r['movement_id']}" for r in answers.values()] + [f"alert:{a}" for a in alerts],
        movements=len(answers),
        replayed=replayed,
        hits=sum(1 for r in answers.values() if r["hits"]),
        document_hits=sum(1 for r in answers.values() if r.get("document_hit")),
        rule_hits=sum(len(r.get("rule_hits", [])) for r in answers.values()),
        co_traveller_alerts=sum(1 for x in raised if x.kind == "co-traveller") or None,
    )
