"""Relations between subjects: create and retract, with provenance."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from ictd.exc import ErrorCollector, InvalidInput, NotFound
from ictd.model import Relation, RelationType, Subject, parse_date
from ictd.model.relation import relation_misfit
from ictd.model.text import check_texts
from ictd.security.actor import Actor
from ictd.security.policy import (
    Permission,
    require,
    require_read_subject,
    require_write_owned,
)
from ictd.store import Session, Store

__all__ = ["RelationInput", "create_relation", "retract_relation"]

_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class RelationInput:
    source_id: int
    target_id: int
    type: str
    start_date: str | None = None
    end_date: str | None = None
    share: str | None = None
    amount: str | None = None
    currency: str | None = None
    notes: str | None = None


def _decimal(errors: ErrorCollector, name: str, value: str | None, top: Decimal) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        errors.add(name, f"{value!r} is not a number")
        return None
    if not number.is_finite() or not Decimal(0) <= number <= top:
        errors.add(name, f"must be between 0 and {top}")
    return number


def _validate(data: RelationInput) -> tuple[RelationType, Decimal | None, Decimal | None]:
    errors = ErrorCollector()
    if not check_texts(errors, asdict(data), multiline=("notes",)):
        errors.raise_if_any("invalid relation")
    kind = None
    try:
        kind = RelationType(data.type)
    except ValueError:
        errors.add(
            "type", f"{data.type!r} is not one of {', '.join(t.value for t in RelationType)}"
        )
    if data.source_id == data.target_id:
        errors.add("target_id", "a relation links two different subjects")
    for name in ("start_date", "end_date"):
        value = getattr(data, name)
        if value is not None:
            try:
                parse_date(value)
            except ValueError as err:
                errors.add(name, str(err))
    dated = data.start_date and data.end_date and not errors.errors
    if (
        dated
        and parse_date(data.end_date or "").latest < parse_date(data.start_date or "").earliest
    ):
        errors.add("end_date", "is before start_date")
    share = _decimal(errors, "share", data.share, Decimal(100))
    amount = _decimal(errors, "amount", data.amount, Decimal(10) ** 17)
    if data.currency is not None and not _CURRENCY.match(data.currency):
        errors.add("currency", "must be an ISO 4217 code such as USD")
    errors.raise_if_any("invalid relation")
    assert kind is not None
    return kind, share, amount


def _readable(session: Session, actor: Actor, subject_id: int, field: str) -> Subject:
    """Missing and hidden subjects get the very same answer (a hidden one's is audited)."""
    subject = session.subjects.get(subject_id)
    message, details = f"subject {subject_id} does not exist", {"field": field}
    if subject is None:
        raise NotFound(message, details)
    require_read_subject(actor, subject, session.listings.of_subjects([subject_id]), details)
    return subject


def _check_ends(kind: RelationType, source: Subject, target: Subject) -> None:
    """A relation type links only the kinds of subject ``RELATION_ENDS`` allows."""
    misfit = relation_misfit(kind, source.schema, target.schema)
    if misfit is not None:
        raise InvalidInput.field("type", f"{misfit} (subject {source.id} → subject {target.id})")


def create_relation(
    store: Store, actor: Actor, data: RelationInput, now: datetime | None = None
) -> Relation:
    """State a relation between two subjects the actor can read, for the actor's agency."""
    moment = now or datetime.now(UTC)
    require_write_owned(actor, actor.agency)
    kind, share, amount = _validate(data)
    with store.begin() as session:
        source = _readable(session, actor, data.source_id, "source_id")
        target = _readable(session, actor, data.target_id, "target_id")
        _check_ends(kind, source, target)
        relation = session.relations.insert(
            Relation(
                source_id=data.source_id,
                target_id=data.target_id,
                type=kind,
                agency=actor.agency,
                start_date=data.start_date,
                end_date=data.end_date,
                share=share,
                amount=amount,
                currency=data.currency,
                notes=data.notes,
                created_at=moment,
                recorded_by=actor.user_id,
            )
        )
        session.audit.record(
            actor,
            "relation.create",
            [f"relation:{relation.id}", f"subject:{data.source_id}", f"subject:{data.target_id}"],
            type=kind.value,
        )
        stored = session.relations.get(relation.id or 0)  # as every later read shows it
    assert stored is not None
    return stored


def retract_relation(
    store: Store, actor: Actor, relation_id: int, now: datetime | None = None
) -> Relation:
    moment = now or datetime.now(UTC)
    require(actor, Permission.WRITE_RECORDS)  # before the look-up: no probing by role
    with store.begin() as session:
        relation = session.relations.get(relation_id)
        if relation is None:
            raise NotFound(f"relation {relation_id} does not exist")
        try:  # a relation with an end the actor may not read is answered as missing
            _readable(session, actor, relation.source_id, "source_id")
            _readable(session, actor, relation.target_id, "target_id")
        except NotFound as err:
            message = f"relation {relation_id} does not exist"
            raise NotFound(message, refusal=err.refusal) from None
        require_write_owned(actor, relation.agency)
        if relation.retracted_at is None:
            session.relations.retract(relation_id, moment)
        session.audit.record(actor, "relation.retract", [f"relation:{relation_id}"])
        return relation.copy_with(retracted_at=relation.retracted_at or moment)
