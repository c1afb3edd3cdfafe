"""Judgements on pairs (``same`` | ``not-same`` | ``unsure``), their undoing, and clusters.

A judgement is a row with who, when and why; it is never edited. Judging a pair again
revokes the actor's agency's earlier judgement of it; another agency's active judgement must
be undone by that agency first (``Conflict``). Active ``same`` judgements link subjects into
clusters — connected components, named by their smallest subject id — recomputed in the same
transaction. Every act is audited.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from ictd.exc import Conflict, ErrorCollector, Forbidden, NotFound
from ictd.model import Listing, Schema, Subject
from ictd.model.resolution import Judgement
from ictd.model.text import check_texts
from ictd.security.actor import Actor
from ictd.security.policy import Permission, can_read_subject, refuse_read, require
from ictd.store import Session, Store

__all__ = ["DECISIONS", "judge", "readable_ids", "undo_judgement", "unreadable"]

DECISIONS = ("same", "not-same", "unsure")
MAX_REASON = 2000


def readable_ids(session: Session, actor: Actor, ids: Iterable[int]) -> set[int]:
    """Those of ``ids`` that are live subjects the actor may read."""
    wanted = sorted(set(ids))
    owners = session.subjects.owners(wanted) if wanted else {}
    listings: dict[int, list[Listing]] = {}
    for listing in session.listings.of_subjects(sorted(owners)) if owners else []:
        listings.setdefault(listing.subject_id, []).append(listing)
    out = set()
    for sid, (schema, agency, source) in owners.items():
        head = Subject(schema=Schema(schema), id=sid, agency=agency, source=source)
        if can_read_subject(actor, head, listings.get(sid, [])):
            out.add(sid)
    return out


def unreadable(session: Session, actor: Actor, subject_id: int) -> NotFound:
    """The answer for a subject the actor may not read: as if it did not exist, and for one
    that does exist but is hidden, with the refusal audited for its owner."""
    message = f"subject {subject_id} does not exist"
    owners = session.subjects.owners([subject_id])
    if subject_id not in owners:
        return NotFound(message)
    schema, agency, source = owners[subject_id]
    head = Subject(schema=Schema(schema), id=subject_id, agency=agency, source=source)
    return refuse_read(actor, message, subject=head)


def _validate(a: int, b: int, decision: str, reason: str) -> None:
    errors = ErrorCollector()
    if not check_texts(errors, {"decision": decision, "reason": reason}, multiline=("reason",)):
        errors.raise_if_any("invalid judgement")
    if a == b:
        errors.add("subjects", "a judgement is about two different subjects")
    if decision not in DECISIONS:
        errors.add("decision", f"{decision!r} is not one of {', '.join(DECISIONS)}")
    if not reason.strip():
        errors.add("reason", "give a reason")
    if len(reason) > MAX_REASON:
        errors.add("reason", f"at most {MAX_REASON} characters")
    errors.raise_if_any("invalid judgement")


def _require_pair(session: Session, actor: Actor, pair: Sequence[int]) -> None:
    missing = set(pair) - readable_ids(session, actor, pair)
    if missing:
        raise unreadable(session, actor, min(missing))


def judge(
    store: Store,
    actor: Actor,
    subject_a: int,
    subject_b: int,
    decision: str,
    reason: str,
    now: datetime | None = None,
) -> Judgement:
    """Record that two subjects the actor can read are (or are not) the same."""
    require(actor, Permission.WRITE_RECORDS)
    _validate(subject_a, subject_b, decision, reason)
    a, b = sorted((subject_a, subject_b))
    moment = now or datetime.now(UTC)
    with store.begin() as session:
        _require_pair(session, actor, (a, b))
        for old in session.resolution.judgements_of_pair(a, b):
            if old.revoked_at is not None:
                continue
            if not actor.is_system and old.agency != actor.agency:
                raise Conflict(
                    f"agency {old.agency} has judged this pair; it must undo its judgement first",
                    {"judgement": old.id},
                )
            session.resolution.revoke_judgement(old.id, actor.user_id, moment)
        row = session.resolution.insert_judgement(
            {
                "subject_a": a,
                "subject_b": b,
                "decision": decision,
                "reason": reason.strip(),
                "agency": actor.agency,
                "created_by": actor.user_id,
                "created_at": moment,
            }
        )
        _recluster(session, (a, b))
        session.audit.record(
            actor,
            "judgement.create",
            [f"judgement:{row.id}", f"subject:{a}", f"subject:{b}"],
            decision=decision,
        )
    return row


def undo_judgement(
    store: Store, actor: Actor, judgement_id: int, now: datetime | None = None
) -> Judgement:
    """Revoke a judgement (kept, marked revoked); only its agency (or the operator) may."""
    require(actor, Permission.WRITE_RECORDS)
    moment = now or datetime.now(UTC)
    with store.begin() as session:
        row = session.resolution.get_judgement(judgement_id)
        if row is None:
            raise NotFound(f"judgement {judgement_id} does not exist")
        _require_pair(session, actor, (row.subject_a, row.subject_b))
        if not actor.is_system and row.agency != actor.agency:
            raise Forbidden("only the judging agency may undo a judgement")
        if row.revoked_at is None:
            session.resolution.revoke_judgement(judgement_id, actor.user_id, moment)
            _recluster(session, (row.subject_a, row.subject_b))
        session.audit.record(
            actor,
            "judgement.undo",
            [f"judgement:{judgement_id}", f"subject:{row.subject_a}", f"subject:{row.subject_b}"],
        )
        found = session.resolution.get_judgement(judgement_id)
    assert found is not None
    return found


def _component(session: Session, start: int) -> set[int]:
    seen, frontier = {start}, [start]
    while frontier:
        links = session.resolution.same_links(frontier)
        frontier = [x for pair in links for x in pair if x not in seen]
        seen.update(frontier)
    return seen


def _recluster(session: Session, pair: Sequence[int]) -> None:
    """Recompute the clusters of ``pair`` and of everyone who shared a cluster with them."""
    touched: set[int] = set()
    for sid in pair:
        touched.update(session.resolution.cluster_members(sid)[1])
    done: set[int] = set()
    for sid in sorted(touched):
        if sid in done:
            continue
        component = _component(session, sid)
        done |= component
        members = sorted(component)
        session.resolution.set_clusters(members, members[0] if len(members) > 1 else None)
