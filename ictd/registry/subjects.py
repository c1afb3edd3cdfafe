"""Subjects and their statements: create, read, list, search, add and retract facts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ictd.exc import ErrorCollector, InvalidInput, NotFound
from ictd.model import Listing, Relation, Schema, Statement, Subject, clean_value, get_property
from ictd.model.schema import NAME_PROPERTIES
from ictd.model.text import text_problem
from ictd.model.value import normalize_text
from ictd.security.actor import Actor
from ictd.security.policy import (
    Permission,
    can_read_subject,
    can_see_relation,
    require,
    require_read_subject,
    require_write_owned,
    visible_listings,
)
from ictd.store import Session, Store

__all__ = [
    "StatementInput",
    "SubjectRecord",
    "add_statements",
    "build_statements",
    "create_subject",
    "get_subject",
    "list_subjects",
    "retract_statement",
    "search_subjects",
    "visible_record",
]

MAX_STATEMENTS = 500


@dataclass(frozen=True, slots=True)
class StatementInput:
    """A fact as a caller states it, before validation."""

    prop: str
    value: str
    qualifier: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class SubjectRecord:
    """A subject with the listings and relations the actor may see."""

    subject: Subject
    listings: tuple[Listing, ...]
    relations: tuple[Relation, ...]

    def to_dict(self) -> dict[str, Any]:
        out = self.subject.to_dict(include_retracted=True)  # the history, marked retracted
        out["listings"] = [x.to_dict() for x in self.listings]
        out["relations"] = [r.to_dict() for r in self.relations]
        return out


def build_statements(
    schema: Schema,
    inputs: Sequence[StatementInput],
    now: datetime,
    agency: str | None = None,
    source: str | None = None,
    recorded_by: int | None = None,
    path: str = "statements",
) -> list[Statement]:
    """Validate facts for a subject of ``schema``; every bad one is reported with its path."""
    errors = ErrorCollector()
    if len(inputs) > MAX_STATEMENTS:
        errors.add(path, f"at most {MAX_STATEMENTS} statements per request")
    out: list[Statement] = []
    seen: set[tuple[str, str, str | None]] = set()
    for i, item in enumerate(inputs[:MAX_STATEMENTS]):
        prop = get_property(item.prop)
        if prop is None:
            errors.add(f"{path}.{i}.prop", f"unknown property {item.prop!r}")
            continue
        if schema not in prop.schemas:
            errors.add(f"{path}.{i}.prop", f"a {schema.value} has no property {item.prop!r}")
            continue
        if item.lang is not None and not (1 <= len(item.lang) <= 16):
            errors.add(f"{path}.{i}.lang", "must be 1–16 characters")
            continue
        if item.lang is not None and text_problem(item.lang):
            errors.add(f"{path}.{i}.lang", str(text_problem(item.lang)))
            continue
        try:
            value, norm, qualifier = clean_value(prop, item.value, item.qualifier)
        except ValueError as err:
            errors.add(f"{path}.{i}.value", str(err))
            continue
        if (prop.name, norm, qualifier) in seen:
            continue  # the same fact twice in one request is stated once
        seen.add((prop.name, norm, qualifier))
        out.append(
            Statement(
                prop=prop.name,
                value=value,
                norm=norm,
                qualifier=qualifier,
                lang=item.lang,
                agency=agency,
                source=source,
                first_seen=now,
                last_seen=now,
                recorded_by=recorded_by,
            )
        )
    errors.raise_if_any("invalid statements")
    return out


def _parse_schema(schema: str) -> Schema:
    try:
        return Schema(schema)
    except ValueError:
        allowed = ", ".join(s.value for s in Schema)
        raise InvalidInput.field("schema", f"{schema!r} is not one of {allowed}") from None


def create_subject(
    store: Store,
    actor: Actor,
    schema: str,
    statements: Sequence[StatementInput],
    external_ids: Sequence[str] = (),
    now: datetime | None = None,
) -> SubjectRecord:
    """Create a subject owned by the actor's agency. It needs at least one name."""
    moment = now or datetime.now(UTC)
    kind = _parse_schema(schema)
    require_write_owned(actor, actor.agency)
    if actor.agency is None:
        raise InvalidInput.field("agency", "subjects are created on behalf of an agency")
    stmts = build_statements(
        kind, statements, moment, agency=actor.agency, recorded_by=actor.user_id
    )
    if not any(s.prop in NAME_PROPERTIES for s in stmts):
        raise InvalidInput.field("statements", "a subject needs at least one name")
    _check_external_ids(external_ids)
    with store.begin() as session:
        subject_id = session.subjects.insert(
            Subject(
                schema=kind,
                agency=actor.agency,
                statements=tuple(stmts),
                external_ids=tuple(external_ids),
            ),
            moment,
        )
        session.audit.record(
            actor, "subject.create", [f"subject:{subject_id}"], statements=len(stmts)
        )
        return visible_record(session, actor, subject_id)


def _check_external_ids(external_ids: Sequence[str]) -> None:
    errors = ErrorCollector()
    for i, value in enumerate(external_ids):
        problem = text_problem(value) or (None if len(value) <= 300 else "at most 300 characters")
        if problem:
            errors.add(f"external_ids.{i}", problem)
    errors.raise_if_any("invalid external ids")


def visible_record(session: Session, actor: Actor, subject_id: int) -> SubjectRecord:
    """A subject as the actor may see it, inside the caller's transaction (not audited)."""
    subject = session.subjects.get(subject_id)
    if subject is None:
        raise NotFound(f"subject {subject_id} does not exist")
    listings = session.listings.of_subjects([subject_id])
    require_read_subject(actor, subject, listings)
    relations = _visible_relations(session, actor, subject_id)
    shown = visible_listings(actor, subject, listings)
    return SubjectRecord(subject, tuple(shown), tuple(relations))


def _visible_relations(session: Session, actor: Actor, subject_id: int) -> list[Relation]:
    relations = session.relations.of_subjects([subject_id])
    other_ids = {r.target_id if r.source_id == subject_id else r.source_id for r in relations}
    others = {s.id or 0: s for s in session.subjects.get_many(sorted(other_ids | {subject_id}))}
    listings = session.listings.of_subjects(sorted(others)) if others else []
    readable = {i for i, s in others.items() if can_read_subject(actor, s, listings)}
    owners = {s.agency for i, s in others.items() if i in readable and s.agency}
    return [
        r
        for r in relations
        if r.source_id in readable
        and r.target_id in readable
        and can_see_relation(actor, r.agency, owners)
    ]


def get_subject(store: Store, actor: Actor, subject_id: int) -> SubjectRecord:
    """One subject as the actor may see it. Audited as a view."""
    require(actor, Permission.READ_RECORDS)
    with store.begin() as session:
        found = visible_record(session, actor, subject_id)
        session.audit.record(actor, "subject.view", [f"subject:{subject_id}"])
    return found


def list_subjects(
    store: Store,
    actor: Actor,
    after: int = 0,
    limit: int = 100,
    schema: str | None = None,
    agency: str | None = None,
) -> tuple[list[Subject], int | None]:
    """A page of visible subjects in id order, and the cursor of the next page (or ``None``)."""
    require(actor, Permission.READ_RECORDS)
    if schema is not None:
        _parse_schema(schema)
    visible_agency = None if actor.is_system else actor.agency or ""
    with store.begin() as session:
        ids = session.subjects.list_ids(visible_agency, after, limit + 1, schema, agency)
        page = session.subjects.get_many(ids[:limit])
        session.audit.record(
            actor,
            "subject.list",
            [],
            after=after,
            count=len(page),
            schema=schema,
            agency=agency,
        )
    return page, (ids[limit - 1] if len(ids) > limit else None)


def search_subjects(store: Store, actor: Actor, text: str, limit: int = 50) -> list[Subject]:
    """Subjects with a name containing every word of ``text`` (case- and width-folded).

    This is a plain look-up for analysts; multilingual fuzzy matching is screening's job.
    """
    require(actor, Permission.READ_RECORDS)
    terms = normalize_text(text).split()
    if not terms or max(len(t) for t in terms) < 2:
        raise InvalidInput.field("q", "give at least one word of two or more characters")
    visible_agency = None if actor.is_system else actor.agency or ""
    with store.begin() as session:
        ids = session.subjects.search_ids(
            terms[:10], visible_agency, sorted(NAME_PROPERTIES), limit
        )
        found = session.subjects.get_many(ids)
        session.audit.record(actor, "subject.search", [f"subject:{i}" for i in ids], q=text)
    return found


def add_statements(
    store: Store,
    actor: Actor,
    subject_id: int,
    statements: Sequence[StatementInput],
    now: datetime | None = None,
) -> SubjectRecord:
    """Add facts to a subject the actor's agency owns. Facts already stated are kept as they are."""
    moment = now or datetime.now(UTC)
    if not statements:
        raise InvalidInput.field("statements", "give at least one statement")
    with store.begin() as session:
        subject = _owned(session, actor, subject_id)
        stmts = build_statements(
            subject.schema, statements, moment, agency=actor.agency, recorded_by=actor.user_id
        )
        known = {s.key for s in subject.active if s.agency == actor.agency}
        new = [s for s in stmts if s.key not in known]
        session.subjects.add_statements(subject_id, new)
        session.subjects.touch(subject_id, moment)
        session.audit.record(
            actor,
            "subject.statements.add",
            [f"subject:{subject_id}"],
            props=sorted({s.prop for s in new}),
            added=len(new),
        )
        return visible_record(session, actor, subject_id)


def retract_statement(
    store: Store, actor: Actor, subject_id: int, statement_id: int, now: datetime | None = None
) -> SubjectRecord:
    """Retract one fact. It stays in the history, marked with the time of retraction."""
    moment = now or datetime.now(UTC)
    with store.begin() as session:
        _owned(session, actor, subject_id)
        stmt = session.subjects.get_statement(statement_id)
        if stmt is None or stmt.subject_id != subject_id:
            raise NotFound(f"statement {statement_id} of subject {subject_id} does not exist")
        require_write_owned(actor, stmt.agency)
        if stmt.retracted_at is None:
            session.subjects.retract_statements([statement_id], moment)
            session.subjects.touch(subject_id, moment)
        session.audit.record(
            actor,
            "subject.statements.retract",
            [f"subject:{subject_id}", f"statement:{statement_id}"],
            prop=stmt.prop,
        )
        return visible_record(session, actor, subject_id)


def _owned(session: Session, actor: Actor, subject_id: int) -> Subject:
    require(actor, Permission.WRITE_RECORDS)  # before the look-up: no probing by role
    subject = session.subjects.get(subject_id)
    if subject is None:
        raise NotFound(f"subject {subject_id} does not exist")
    require_read_subject(actor, subject, session.listings.of_subjects([subject_id]))
    require_write_owned(actor, subject.agency)
    return subject
