"""Redress requests: register, forward, answer, decide, disclose.

A redress officer registers an individual's request (access, correction, deletion) on a
subject, with the requester's identity evidence (stored apart, read by officers only). In
the same transaction the request is forwarded to every agency that holds data on the
subject — the subject's owner, the owners of its listings, the agencies that stated its
facts (the operator when only sources do) — each with an answer and a decision deadline
and a ``redress.forwarded`` notice (live stream, webhooks). Each agency answers, then
decides (granted, partly, refused, with reasons) and says what may be told to the
requester. A granted deletion withdraws the agency's listings on the subject and retracts
its statements (``ictd.registry.erasure``: tombstones and audit remain). Every step and
every read is audited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ictd.exc import Conflict, ErrorCollector, Forbidden, InvalidInput, NotFound
from ictd.model import Handling, ListingStatus
from ictd.model.redress import (
    DECISIONS,
    DISCLOSURES,
    REDRESS_KINDS,
    REDRESS_STATUSES,
    RedressReferral,
    RedressRequest,
    new_redress_reference,
)
from ictd.model.text import name_problem, text_problem
from ictd.outbox.config import AlertConfig
from ictd.outbox.writer import AlertWriter
from ictd.redress.access import handles_referrals, is_officer, require_officer
from ictd.registry.erasure import erase_agency_data
from ictd.security.actor import Actor
from ictd.security.policy import refuse_hidden
from ictd.settings import Settings
from ictd.store import Session, Store

__all__ = [
    "RedressConfig",
    "RedressInput",
    "acts_as_officer",
    "answer_request",
    "decide_request",
    "disclosure",
    "get_evidence",
    "get_request",
    "list_requests",
    "register_request",
]

MAX_TEXT = 4000
MAX_LINE = 300


@dataclass(frozen=True, slots=True)
class RedressConfig:
    """The deadlines of a forwarded request, and the outbox configuration of its notices."""

    answer: timedelta = timedelta(days=30)
    decision: timedelta = timedelta(days=122)
    alerts: AlertConfig = field(default_factory=AlertConfig)

    @classmethod
    def from_settings(cls, settings: Settings) -> RedressConfig:
        return cls(
            answer=timedelta(days=settings.redress_answer_days),
            decision=timedelta(days=settings.redress_decision_days),
            alerts=AlertConfig.from_settings(settings),
        )


@dataclass(frozen=True, slots=True)
class RedressInput:
    """A request as the officer records it, before validation."""

    subject_id: int
    kind: str
    summary: str | None
    requester: str | None
    evidence: str | None
    contact: str | None = None


def _text(
    errors: ErrorCollector, name: str, value: str | None, required: bool, multiline: bool = True
) -> str | None:
    text = (value or "").strip()
    if not text:
        if required:
            errors.add(name, "is required")
        return None
    limit = MAX_TEXT if multiline else MAX_LINE
    problem = text_problem(text, multiline=True) if multiline else name_problem(text)
    if problem is None and len(text) > limit:
        problem = f"at most {limit} characters"
    if problem:
        errors.add(name, problem)
    return text


def _holders(session: Session, subject_id: int) -> list[str]:
    """The agencies that hold data on the subject: its owner, its listings' owners (not
    withdrawn), the agencies of its current statements; the operator when none does."""
    subject = session.subjects.get(subject_id)
    if subject is None:
        raise InvalidInput.field("subject_id", f"subject {subject_id} does not exist")
    found = {subject.agency} if subject.agency else set()
    for listing in session.listings.of_subjects([subject_id]):
        if listing.agency and listing.status is not ListingStatus.WITHDRAWN:
            found.add(listing.agency)
    found |= {s.agency for s in subject.active if s.agency}
    if not found:
        found = {a.code for a in session.accounts.list_agencies() if a.is_operator}
    return sorted(found)


def _operator(session: Session) -> str | None:
    return next((a.code for a in session.accounts.list_agencies() if a.is_operator), None)


def register_request(
    store: Store,
    actor: Actor,
    data: RedressInput,
    config: RedressConfig,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Register a request and forward it to every agency holding data on the subject."""
    moment = now or datetime.now(UTC)
    errors = ErrorCollector()
    if data.kind not in REDRESS_KINDS:
        errors.add("kind", f"must be one of {', '.join(REDRESS_KINDS)}")
    summary = _text(errors, "summary", data.summary, True)
    requester = _text(errors, "requester", data.requester, True, multiline=False)
    evidence = _text(errors, "evidence", data.evidence, True)
    contact = _text(errors, "contact", data.contact, False, multiline=False)
    with store.begin() as session:
        require_officer(session, actor)
        errors.raise_if_any("invalid redress request")
        agencies = _holders(session, data.subject_id)
        request = session.redress.insert_request(
            {
                "reference": new_redress_reference(),
                "kind": data.kind,
                "subject_id": data.subject_id,
                "summary": summary,
                "status": "open",
                "created_at": moment,
                "created_by": actor.user_id,
            }
        )
        session.redress.insert_evidence(
            {
                "request_id": request.id,
                "requester": requester,
                "evidence": evidence,
                "contact": contact,
                "recorded_at": moment,
            }
        )
        answer_due, decision_due = moment + config.answer, moment + config.decision
        session.redress.insert_referrals(
            [
                {
                    "request_id": request.id,
                    "agency": code,
                    "forwarded_at": moment,
                    "answer_due": answer_due,
                    "decision_due": decision_due,
                    "disclose": "none",
                    "h3_consent": False,
                }
                for code in agencies
            ]
        )
        writer = AlertWriter(session, config.alerts, moment)
        for code in agencies:
            writer.notify(
                code,
                "redress.forwarded",
                actor.name,
                {
                    "redress": request.reference,
                    "kind": request.kind,
                    "subject_id": request.subject_id,
                    "summary": request.summary,
                    "answer_due": answer_due.isoformat(),
                    "decision_due": decision_due.isoformat(),
                },
            )
        session.audit.record(
            actor,
            "redress.register",
            [f"redress:{request.reference}", f"subject:{data.subject_id}"],
            kind=data.kind,
            forwarded=agencies,
        )
        return _shown(request, session.redress.referrals_of([request.id]), moment)


def _shown(
    request: RedressRequest, referrals: list[RedressReferral], now: datetime
) -> dict[str, Any]:
    return {
        **request.to_dict(),
        "overdue": any(r.is_overdue(now) for r in referrals),
        "referrals": [r.to_dict(now) for r in referrals],
    }


def _visible(
    session: Session, actor: Actor, reference: str
) -> tuple[RedressRequest, list[RedressReferral], bool]:
    """The request and the referrals the actor sees: all of them for an officer, the
    agency's own for its handlers; a request not forwarded to the agency does not exist."""
    officer = is_officer(session, actor)
    # the role first: who may read no request learns nothing of which references exist
    if not officer and not handles_referrals(actor):
        raise Forbidden("redress requests are read by redress officers and agency analysts")
    message = f"redress request {reference} does not exist"
    request = session.redress.by_reference(reference.strip().upper())
    if request is None:
        raise NotFound(message)
    referrals = session.redress.referrals_of([request.id])
    if officer:
        return request, referrals, True
    own = [r for r in referrals if r.agency == actor.agency]
    if not own:
        target = f"redress:{request.reference}"
        raise refuse_hidden(actor, message, target, _operator(session))
    return request, own, False


def acts_as_officer(store: Store, actor: Actor) -> bool:
    """Whether ``actor`` is a redress officer of the operator (the console's views differ)."""
    with store.read() as session:
        return is_officer(session, actor)


def get_request(
    store: Store, actor: Actor, reference: str, now: datetime | None = None
) -> dict[str, Any]:
    """One request with the referrals the actor sees (never the requester's evidence)."""
    moment = now or datetime.now(UTC)
    with store.begin() as session:
        request, referrals, _officer = _visible(session, actor, reference)
        session.audit.record(actor, "redress.view", [f"redress:{request.reference}"])
    return _shown(request, referrals, moment)


def list_requests(
    store: Store,
    actor: Actor,
    status: str | None = None,
    after: int = 0,
    limit: int = 100,
    now: datetime | None = None,
) -> tuple[list[dict[str, Any]], int | None]:
    """Requests, a page at a time: all of them for an officer, those forwarded to the
    actor's agency for its handlers; ``status`` open, overdue or decided."""
    if status is not None and status not in REDRESS_STATUSES:
        raise InvalidInput.field("status", f"must be one of {', '.join(REDRESS_STATUSES)}")
    moment = now or datetime.now(UTC)
    with store.begin() as session:
        if is_officer(session, actor):
            agency = None
        elif handles_referrals(actor):
            agency = actor.agency
        else:
            raise Forbidden("redress requests are read by redress officers and agency analysts")
        rows = session.redress.page(agency, status, moment, after, limit + 1)
        page = rows[:limit]
        referrals = session.redress.referrals_of([r.id for r in page])
        session.audit.record(actor, "redress.list", [], status=status, count=len(page))
    items = [
        _shown(
            r, [x for x in referrals if x.request_id == r.id and agency in (None, x.agency)], moment
        )
        for r in page
    ]
    return items, (page[-1].id if len(rows) > limit else None)


def get_evidence(store: Store, actor: Actor, reference: str) -> dict[str, Any]:
    """The requester's identity and evidence: redress officers only; audited."""
    with store.begin() as session:
        require_officer(session, actor)
        request, _referrals, _officer = _visible(session, actor, reference)
        evidence = session.redress.evidence_of(request.id)
        assert evidence is not None  # written with the request
        session.audit.record(actor, "redress.evidence.view", [f"redress:{request.reference}"])
    return {"reference": request.reference, **evidence.to_dict()}


def _own_referral(
    session: Session, actor: Actor, reference: str
) -> tuple[RedressRequest, RedressReferral]:
    if not handles_referrals(actor):
        raise Forbidden("forwarded redress requests are handled by the agency's analysts")
    request = session.redress.by_reference(reference.strip().upper())
    own = (
        [r for r in session.redress.referrals_of([request.id]) if r.agency == actor.agency]
        if request
        else []
    )
    message = f"redress request {reference} does not exist"
    if request is None:
        raise NotFound(message)
    if not own:
        target = f"redress:{request.reference}"
        raise refuse_hidden(actor, message, target, _operator(session))
    if own[0].decided_at is not None:
        raise Conflict(
            f"{actor.agency} has already decided on {request.reference}", {"field": "decision"}
        )
    return request, own[0]


def answer_request(
    store: Store, actor: Actor, reference: str, answer: str | None, now: datetime | None = None
) -> dict[str, Any]:
    """The agency's answer to a request forwarded to it (once, before its decision)."""
    moment = now or datetime.now(UTC)
    errors = ErrorCollector()
    text = _text(errors, "answer", answer, True)
    errors.raise_if_any("invalid answer")
    with store.begin() as session:
        request, referral = _own_referral(session, actor, reference)
        if referral.answered_at is not None:
            raise Conflict(
                f"{actor.agency} has already answered {request.reference}", {"field": "answer"}
            )
        session.redress.update_referral(referral.id, answer=text, answered_at=moment)
        session.audit.record(
            actor, "redress.answer", [f"redress:{request.reference}"], agency=actor.agency
        )
        referrals = [
            r for r in session.redress.referrals_of([request.id]) if r.agency == actor.agency
        ]
    return _shown(request, referrals, moment)


def decide_request(
    store: Store,
    actor: Actor,
    reference: str,
    decision: str | None,
    reasons: str | None,
    disclose: str | None = None,
    disclosure_note: str | None = None,
    h3_consent: bool = False,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The agency's decision on a request forwarded to it, with reasons and what may be told
    to the requester. A granted deletion withdraws the agency's listings on the subject and
    retracts its statements. The request is decided once every agency has decided."""
    moment = now or datetime.now(UTC)
    errors = ErrorCollector()
    if decision not in DECISIONS:
        errors.add("decision", f"must be one of {', '.join(DECISIONS)}")
    why = _text(errors, "reasons", reasons, True)
    shown_as = disclose or "none"
    if shown_as not in DISCLOSURES:
        errors.add("disclose", f"must be one of {', '.join(DISCLOSURES)}")
    note = _text(errors, "disclosure_note", disclosure_note, shown_as == "summary")
    errors.raise_if_any("invalid decision")
    with store.begin() as session:
        request, referral = _own_referral(session, actor, reference)
        session.redress.update_referral(
            referral.id,
            decision=decision,
            reasons=why,
            decided_at=moment,
            decided_by=actor.user_id,
            disclose=shown_as,
            disclosure_note=note,
            h3_consent=h3_consent,
            answered_at=referral.answered_at or moment,
        )
        erased = None
        if request.kind == "deletion" and decision == "granted":
            assert actor.agency is not None  # handles_referrals
            erased = erase_agency_data(
                session, actor, request.subject_id, actor.agency, moment, request.reference
            )
        everyone = session.redress.referrals_of([request.id])
        if all(r.decided_at is not None for r in everyone):
            session.redress.update_request(request.id, status="decided", decided_at=moment)
        session.audit.record(
            actor,
            "redress.decide",
            [f"redress:{request.reference}", f"subject:{request.subject_id}"],
            agency=actor.agency,
            decision=decision,
            disclose=shown_as,
            **(erased or {}),
        )
        request = session.redress.by_reference(request.reference) or request
        own = [r for r in everyone if r.agency == actor.agency]
    return {**_shown(request, own, moment), "erased": erased}


def disclosure(
    store: Store, actor: Actor, reference: str, now: datetime | None = None
) -> dict[str, Any]:
    """What may be told to the requester, agency by agency, as each allowed: nothing but
    that the request was examined (``none``), its note and reasons (``summary``), or also
    the facts it holds on the subject (``data``). An agency holding an H3 listing on the
    subject discloses nothing without its consent. Redress officers only; audited."""
    moment = now or datetime.now(UTC)
    with store.begin() as session:
        require_officer(session, actor)
        request, referrals, _officer = _visible(session, actor, reference)
        subject = session.subjects.get(request.subject_id)
        listings = session.listings.of_subjects([request.subject_id])
        parts = []
        for referral in referrals:
            # an H3 listing, even withdrawn since, keeps the agency's part back
            h3 = any(x.agency == referral.agency and x.handling is Handling.H3 for x in listings)
            part: dict[str, Any] = {"agency": referral.agency, "decision": referral.decision}
            if referral.decided_at is None:
                part.update(decision=None, told="pending")
            elif h3 and not referral.h3_consent:
                part.update(
                    decision=None, told="examined", withheld="H3 without the owner's consent"
                )
            elif referral.disclose == "none":
                part.update(told="examined")
            else:
                part.update(
                    told=referral.disclose, note=referral.disclosure_note, reasons=referral.reasons
                )
                if referral.disclose == "data" and subject is not None:
                    part["facts"] = [
                        {"prop": s.prop, "value": s.value}
                        for s in subject.active
                        if s.agency == referral.agency
                    ]
            parts.append(part)
        session.audit.record(actor, "redress.disclosure", [f"redress:{request.reference}"])
    return {**request.to_dict(), "agencies": parts, "as_of": moment.isoformat()}
