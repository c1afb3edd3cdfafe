"""Cross-referencing: propose pairs of subjects, across owners, that may be the same.

Blocking is the match index itself: each subject's names and facts are a query against an
index of every live subject, and only matches at or above the threshold are kept. A pair is
proposed only when its two subjects have different owners (agencies or sources) and nobody has
judged it ``same`` or ``not-same``. Proposals are stored, best score first, for review.

After an import, ``xref_after_import`` proposes pairs for the subjects it added or changed,
once the import's transaction has committed: a failure there never undoes the import; it is
audited (``xref.failed``) and returned, and a full ``ictd xref`` catches up.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ictd.exc import IctdError, InvalidInput
from ictd.matching import (
    DEFAULT_THRESHOLD,
    IndexRecord,
    Match,
    MatchIndex,
    Query,
    record_from_subject,
)
from ictd.model import parse_date
from ictd.security.actor import Actor
from ictd.security.policy import Permission, require
from ictd.store import Store

__all__ = [
    "BATCH",
    "ImportXref",
    "XrefReport",
    "audit_failed_xref",
    "query_of",
    "xref",
    "xref_after_import",
]

BATCH = 2000
MATCHES_PER_SUBJECT = 10


@dataclass(frozen=True, slots=True)
class XrefReport:
    subjects: int
    proposals: int
    dropped: int
    seconds: float

    def to_dict(self) -> dict[str, float | int]:
        return {
            "subjects": self.subjects,
            "proposals": self.proposals,
            "dropped": self.dropped,
            "seconds": round(self.seconds, 3),
        }


def query_of(record: IndexRecord) -> Query | None:
    """The screening query that asks for ``record``'s doubles (``None``: nothing to ask)."""
    birth = None
    for text in record.birth_dates:
        try:
            parse_date(text)
        except ValueError:
            continue
        birth = text
        break
    try:
        return Query(
            id=str(record.subject_id),
            names=record.names[:20],
            schema=record.schema,
            birth_date=birth,
            nationalities=record.nationalities,
            gender=record.gender,
            identifiers=record.identifiers,
        )
    except InvalidInput:
        return None


def _records(store: Store, only: Sequence[int] | None) -> Iterator[tuple[IndexRecord, str]]:
    """Index records of live subjects (all, or ``only``) with their owner."""
    if only is not None:
        for start in range(0, len(only), BATCH):
            with store.read() as session:
                found = session.subjects.get_many(list(only[start : start + BATCH]))
            yield from ((record_from_subject(s), _owner(s.agency, s.source)) for s in found)
        return
    after = 0
    while True:
        with store.read() as session:
            ids = session.subjects.list_ids(None, after, BATCH)
            found = session.subjects.get_many(ids)
        yield from ((record_from_subject(s), _owner(s.agency, s.source)) for s in found)
        if len(ids) < BATCH:
            return
        after = ids[-1]


def _owner(agency: str | None, source: str | None) -> str:
    return agency if agency else f"source:{source}"


def xref(
    store: Store,
    actor: Actor,
    threshold: float | None = None,
    subject_ids: Sequence[int] | None = None,
    index: MatchIndex | None = None,
    now: datetime | None = None,
    trigger: str | None = None,
) -> XrefReport:
    """Propose pairs for every live subject (or for ``subject_ids``, e.g. after an import).

    ``index`` may be a current index of every subject (the screening index); without one, an
    index is built here. A full run drops the proposals it no longer finds; a run for some
    subjects drops theirs. Audited, with ``trigger`` (what started the run) when given.
    """
    require(actor, Permission.WRITE_RECORDS)
    cut = DEFAULT_THRESHOLD if threshold is None else threshold
    if not 0.0 < cut <= 1.0:
        raise InvalidInput.field("threshold", "must be above 0 and at most 1")
    started, moment = time.perf_counter(), now or datetime.now(UTC)
    wanted = None if subject_ids is None else set(subject_ids)
    loaded = list(_records(store, subject_ids if index is not None else None))
    owners = {record.subject_id: owner for record, owner in loaded}
    targets = [r for r, _ in loaded if wanted is None or r.subject_id in wanted]
    if index is None:
        index = MatchIndex.build(r for r, _ in loaded)
    raw: list[tuple[int, Match]] = []
    for record in targets:
        query = query_of(record)
        if query is not None:
            matches = index.search(query, limit=MATCHES_PER_SUBJECT, threshold=cut)
            raw.extend((record.subject_id, m) for m in matches if m.subject_id != record.subject_id)
    with store.read() as session:
        decided = session.resolution.decided_pairs()
        unknown = sorted({m.subject_id for _, m in raw} - set(owners))
        for start in range(0, len(unknown), BATCH):
            heads = session.subjects.owners(unknown[start : start + BATCH])
            owners.update({k: _owner(v[1], v[2]) for k, v in heads.items()})
    found: dict[tuple[int, int], tuple[float, list[dict[str, object]]]] = {}
    for sid, match in raw:
        other = match.subject_id
        if other not in owners or owners[other] == owners[sid]:
            continue  # deleted meanwhile, or the same agency's (or source's) own records
        pair = (min(other, sid), max(other, sid))
        if pair in decided or (pair in found and found[pair][0] >= match.score):
            continue
        found[pair] = (match.score, [f.to_dict() for f in match.explanation])
    with store.begin() as session:
        saved = session.resolution.save_proposals(
            ((a, b, round(s, 6), e) for (a, b), (s, e) in sorted(found.items())), moment
        )
        dropped = session.resolution.drop_stale_proposals(moment, subject_ids)
        why = {"trigger": trigger} if trigger else {}
        session.audit.record(
            actor, "xref.run", [], subjects=len(targets), proposals=saved, threshold=cut, **why
        )
    return XrefReport(len(targets), saved, dropped, time.perf_counter() - started)


@dataclass(frozen=True, slots=True)
class ImportXref:
    """What the xref after an import did: its report, or the error it failed with."""

    source: str
    subjects: int  # added or changed by the import
    report: XrefReport | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"subjects": self.subjects}
        if self.report is not None:
            out |= {k: v for k, v in self.report.to_dict().items() if k != "subjects"}
        if self.error is not None:
            out["error"] = self.error
        return out


def _describe(err: Exception) -> str:
    return err.message if isinstance(err, IctdError) else f"{type(err).__name__}: {err}"


def audit_failed_xref(
    store: Store, actor: Actor, err: Exception, subjects: int, targets: Sequence[str] = ()
) -> str:
    """Audit a failed xref run as ``xref.failed``; return what went wrong, in one line.

    Never raises: when even the audit cannot be written, the message says so."""
    message = _describe(err)[:500]
    try:
        with store.begin() as session:
            session.audit.record(
                actor, "xref.failed", list(targets), subjects=subjects, error=message
            )
    except IctdError as again:
        message += f" (the failure could not be audited either: {again.message})"
    return message


def xref_after_import(
    store: Store,
    actor: Actor,
    source: str,
    subject_ids: Sequence[int],
    threshold: float | None = None,
    now: datetime | None = None,
) -> ImportXref:
    """Propose pairs for the subjects an import of ``source`` added or changed; call it once
    the import has committed. It never raises for a failed run: the import stays as it is,
    the failure is audited as ``xref.failed`` (naming the source) and returned."""
    ids = sorted(set(subject_ids))
    if not ids:  # nothing new: do not build an index of everything for nothing
        return ImportXref(source, 0, XrefReport(0, 0, 0, 0.0))
    try:
        report = xref(store, actor, threshold, ids, now=now, trigger=f"import:{source}")
    except Exception as err:  # whatever failed, the committed import must stand
        message = audit_failed_xref(store, actor, err, len(ids), [f"source:{source}"])
        return ImportXref(source, len(ids), error=message)
    return ImportXref(source, len(ids), report)
