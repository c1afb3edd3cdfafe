"""Dispositions: a person's decision on a match, which can suppress later false matches."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime

from ictd.exc import ErrorCollector, FieldError, Forbidden, InvalidInput, NotFound
from ictd.model import Schema, Subject
from ictd.model.disposition import DECISIONS, Disposition
from ictd.model.text import check_texts
from ictd.screening.query import QueryInput, query_key
from ictd.screening.service import parse_queries
from ictd.security.actor import Actor
from ictd.security.policy import Permission, require, require_read_subject
from ictd.store import Session, Store

__all__ = ["DECISIONS", "list_dispositions", "record_disposition", "revoke_disposition"]

MAX_REASON = 2000


def record_disposition(
    store: Store,
    actor: Actor,
    query: QueryInput,
    subject_id: int,
    decision: str,
    reason: str,
    now: datetime | None = None,
) -> Disposition:
    """Record a decision on the match of ``query`` against ``subject_id`` for the actor's agency.

    A ``false-match`` hides that subject from the agency's later screenings of the same query
    identity (same names, birth date, nationalities, gender, identifiers) until revoked.
    """
    require(actor, Permission.SCREEN)
    if actor.agency is None:
        raise Forbidden("dispositions are recorded on behalf of an agency")
    errors = ErrorCollector()
    if not check_texts(errors, {"decision": decision, "reason": reason}, multiline=("reason",)):
        errors.raise_if_any("invalid disposition")
    if decision not in DECISIONS:
        errors.add("decision", f"must be one of {', '.join(DECISIONS)}")
    if not reason.strip() or len(reason) > MAX_REASON:
        errors.add("reason", f"give a reason of 1–{MAX_REASON} characters")
    errors.raise_if_any("invalid disposition")
    try:
        (parsed,) = parse_queries([query])
    except InvalidInput as err:
        fields = [FieldError(e.field.replace("queries.0", "query"), e.message) for e in err.errors]
        raise InvalidInput("invalid disposition: query", fields) from None
    with store.begin() as session:
        _require_readable(session, actor, subject_id)
        row = session.dispositions.insert(
            {
                "agency": actor.agency,
                "query_key": query_key(parsed),
                "subject_id": subject_id,
                "decision": decision,
                "reason": reason.strip(),
                "query": asdict(query),
                "created_by": actor.user_id,
                "created_at": now or datetime.now(UTC),
            }
        )
        session.audit.record(
            actor,
            "disposition.create",
            [f"disposition:{row.id}", f"subject:{subject_id}"],
            decision=decision,
        )
    return row


def _require_readable(session: Session, actor: Actor, subject_id: int) -> None:
    """A decision is recorded on a subject the actor may read; a hidden one answers exactly
    as a missing one (and the refusal is audited for its owner)."""
    message, details = f"subject {subject_id} does not exist", {"field": "subject_id"}
    owners = session.subjects.owners([subject_id])
    if subject_id not in owners:
        raise NotFound(message, details)
    schema, agency, source = owners[subject_id]
    head = Subject(schema=Schema(schema), id=subject_id, agency=agency, source=source)
    require_read_subject(actor, head, session.listings.of_subjects([subject_id]), details)


def revoke_disposition(
    store: Store, actor: Actor, disposition_id: int, now: datetime | None = None
) -> Disposition:
    """Undo a disposition; a revoked false-match no longer suppresses anything."""
    require(actor, Permission.SCREEN)
    with store.begin() as session:
        row = session.dispositions.get(disposition_id)
        if row is None or row.agency != actor.agency:
            raise NotFound(f"disposition {disposition_id} does not exist")
        if row.revoked_at is None:
            session.dispositions.revoke(disposition_id, actor.user_id, now or datetime.now(UTC))
        session.audit.record(actor, "disposition.revoke", [f"disposition:{disposition_id}"])
        found = session.dispositions.get(disposition_id)
    assert found is not None
    return found


def list_dispositions(
    store: Store, actor: Actor, after: int = 0, limit: int = 100
) -> list[Disposition]:
    require(actor, Permission.SCREEN)
    with store.begin() as session:
        rows = session.dispositions.page(actor.agency or "", after, limit)
        session.audit.record(actor, "disposition.list", [], count=len(rows))
    return rows
