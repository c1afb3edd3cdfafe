"""Apply a parsed source batch to the store: a sync, in one transaction.

Unchanged entries change nothing but their statements' ``last_seen``; changed entries
retract the facts no longer stated and add the new ones (history is kept); entries gone
from the file are delisted: their listings expire on the import date, while the subject
and its history stay; an entry that comes back is re-listed. Each import returns and
stores a delta report; the report also names the subjects added or changed
(``subject_ids``), for the resolution pairs ``ictd import`` proposes once the import has
committed. New records are written ``CHUNK`` at a time, one statement per table, so a
large file costs a few thousand statements, not one per row.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ictd.exc import Forbidden, SourceError
from ictd.ingest.batch import SourceBatch, SourceRecord
from ictd.model import Listing, ListingStatus, Relation, Statement, Subject
from ictd.model.source import SourceLink
from ictd.security.actor import Actor
from ictd.store import Session, Store

__all__ = ["ImportReport", "record_import_error", "sync_batch"]

# New and changed records are written this many at a time.
CHUNK = 1000


@dataclass
class ImportReport:
    """What one import changed; entries are named by reference number (or key)."""

    source: str
    file_hash: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    relations_added: int = 0
    relations_retracted: int = 0
    subject_ids: list[int] = field(default_factory=list)  # added or changed: for xref
    warnings: list[str] = field(default_factory=list)  # what was left out or stripped

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "changed": len(self.changed),
            "removed": len(self.removed),
            "unchanged": self.unchanged,
            "relations_added": self.relations_added,
            "relations_retracted": self.relations_retracted,
            "warnings": len(self.warnings),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "file_hash": self.file_hash,
            "counts": self.counts(),
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
            "warnings": self.warnings,
        }


def _ref(record: SourceRecord) -> str:
    refs = [x.reference for x in record.listings if x.reference]
    return refs[0] if refs else record.key


def _check_keys(batch: SourceBatch) -> None:
    seen: set[str] = set()
    for record in batch.records:
        if record.key in seen:
            raise SourceError(f"{batch.source}: the entry {record.key} appears twice")
        seen.add(record.key)


def _classify(
    batch: SourceBatch, known: dict[str, SourceLink], report: ImportReport
) -> tuple[list[SourceRecord], list[tuple[SourceRecord, SourceLink]], list[int]]:
    """Sort the file's records into new, changed (or re-listed) and unchanged (their subject
    ids), and name them in the report."""
    new: list[SourceRecord] = []
    changed: list[tuple[SourceRecord, SourceLink]] = []
    unchanged_ids: list[int] = []
    for record in batch.records:
        row = known.get(record.key)
        if row is None:
            new.append(record)
            report.added.append(_ref(record))
        elif row.removed_at is not None:
            changed.append((record, row))
            report.added.append(_ref(record))
        elif row.digest == record.digest:
            unchanged_ids.append(row.subject_id)
            report.unchanged += 1
        else:
            changed.append((record, row))
            report.changed.append(_ref(record))
    return new, changed, unchanged_ids


def sync_batch(
    store: Store, actor: Actor, batch: SourceBatch, now: datetime | None = None
) -> ImportReport:
    """Apply ``batch`` fully or not at all; only the operator may import sources.

    An entry that comes back after it was removed is reported as added (re-listed).
    """
    if not actor.is_system:
        raise Forbidden("sources are imported by the operator (`ictd import`)")
    _check_keys(batch)
    moment = now or datetime.now(UTC)
    report = ImportReport(batch.source, batch.file_hash, warnings=list(batch.warnings))
    with store.begin() as session:
        known = session.sources.records(batch.source)
        new, changed, unchanged_ids = _classify(batch, known, report)
        session.subjects.see_source_statements(batch.source, unchanged_ids, moment)
        report.subject_ids = _add_all(session, batch.source, new, moment)
        report.subject_ids += [row.subject_id for _, row in changed]
        _change_all(session, batch.source, changed, moment)
        keys = {r.key for r in batch.records}
        for key, row in known.items():
            if key not in keys and row.removed_at is None:
                report.removed.append(_delist(session, batch.source, row, moment))
        _sync_relations(session, batch, keys, report, moment)
        session.sources.save(
            batch.source,
            last_import_at=moment,
            file_hash=batch.file_hash,
            counts=report.counts() | {"records": len(batch.records)},
            last_error=None,
            last_error_at=None,
        )
        session.audit.record(
            actor,
            "source.import",
            [f"source:{batch.source}"],
            file_hash=batch.file_hash,
            **report.counts(),
        )
        _record_exemption(session, actor, batch)
    return report


def _record_exemption(session: Session, actor: Actor, batch: SourceBatch) -> None:
    """A public source's listings are shared with every partner without compliance review:
    the source's own authority (the UN Security Council, a published sanctions list) decided
    them, and the operator's import publishes them as they are. Recorded, never silent."""
    shared = sum(1 for r in batch.records for x in r.listings if x.is_shared)
    if shared:
        session.audit.record(
            actor,
            "compliance.exempt",
            [f"source:{batch.source}"],
            listings=shared,
            reason="public source: published by the operator's import of the source",
        )


def _seen(stmt: Statement, moment: datetime) -> Statement:
    return stmt.copy_with(first_seen=moment, last_seen=moment)


def _add_all(
    session: Session, source: str, records: list[SourceRecord], moment: datetime
) -> list[int]:
    """Insert new records a chunk at a time, each table in one statement per chunk; return
    the new subjects' ids."""
    added: list[int] = []
    for start in range(0, len(records), CHUNK):
        chunk = records[start : start + CHUNK]
        subjects = [
            r.subject.copy_with(statements=tuple(_seen(s, moment) for s in r.subject.statements))
            for r in chunk
        ]
        ids = session.subjects.insert_many(subjects, moment)
        added += ids
        pairs = list(zip(chunk, ids, strict=True))
        session.listings.insert_many([_placed(x, i, moment) for r, i in pairs for x in r.listings])
        session.sources.insert_records(source, [(r.key, i, r.digest) for r, i in pairs])
    return added


def _placed(listing: Listing, subject_id: int, moment: datetime) -> Listing:
    return listing.copy_with(subject_id=subject_id, created_at=moment, updated_at=moment)


def _change_all(
    session: Session,
    source: str,
    items: list[tuple[SourceRecord, SourceLink]],
    moment: datetime,
) -> None:
    """Sync changed (or re-listed) records, reading their current state a chunk at a time."""
    for start in range(0, len(items), CHUNK):
        chunk = items[start : start + CHUNK]
        ids = [row.subject_id for _, row in chunk]
        current = {s.id: s for s in session.subjects.get_many(ids, with_deleted=True)}
        listed: dict[int, list[Listing]] = defaultdict(list)
        for listing in session.listings.of_subjects(ids):
            if listing.source == source:
                listed[listing.subject_id].append(listing)
        for record, row in chunk:
            subject = current[row.subject_id]
            _change(session, source, record, subject, listed[row.subject_id], moment)


def _fact(stmt: Statement) -> tuple[str, str, str | None, str | None]:
    return (stmt.prop, stmt.value, stmt.qualifier, stmt.lang)


def _change(
    session: Session,
    source: str,
    record: SourceRecord,
    current: Subject,
    listings: list[Listing],
    moment: datetime,
) -> None:
    """Retract the facts no longer stated, add the new ones, sync ids and listings."""
    subject_id = current.id
    assert subject_id is not None
    old = {_fact(s): s for s in current.active if s.source == source}
    new = {_fact(s): s for s in record.subject.statements}
    gone = [s.id for k, s in old.items() if k not in new and s.id is not None]
    if gone:
        session.subjects.retract_statements(gone, moment)
    session.subjects.add_statements(
        subject_id, [_seen(s, moment) for k, s in new.items() if k not in old]
    )
    session.subjects.see_source_statements(source, [subject_id], moment)
    old_ids, new_ids = set(current.external_ids), set(record.subject.external_ids)
    if old_ids - new_ids:
        session.subjects.remove_external_ids(subject_id, old_ids - new_ids)
    session.subjects.add_external_ids(subject_id, sorted(new_ids - old_ids))
    _sync_listings(session, subject_id, listings, record.listings, moment)
    session.subjects.touch(subject_id, moment)
    session.sources.update_record(source, record.key, digest=record.digest, removed_at=None)


def _sync_listings(
    session: Session,
    subject_id: int,
    existing: list[Listing],
    wanted: tuple[Listing, ...],
    moment: datetime,
) -> None:
    """Update listings matched by reference (in order, so repeated references pair up),
    insert new ones and end those the source no longer states."""
    by_reference: dict[str | None, list[Listing]] = defaultdict(list)
    for listing in existing:
        by_reference[listing.reference].append(listing)
    for listing in wanted:
        olds = by_reference.get(listing.reference)
        if not olds:
            session.listings.insert(_placed(listing, subject_id, moment))
            continue
        old = olds.pop(0)
        session.listings.update(
            listing.copy_with(
                id=old.id, subject_id=subject_id, created_at=old.created_at, updated_at=moment
            )
        )
    for olds in by_reference.values():
        for old in olds:
            _end_listing(session, old, moment)


def _end_listing(session: Session, listing: Listing, moment: datetime) -> None:
    if listing.status is ListingStatus.ACTIVE:
        session.listings.update(
            listing.copy_with(
                status=ListingStatus.EXPIRED, valid_until=moment.date(), updated_at=moment
            )
        )


def _delist(session: Session, source: str, row: SourceLink, moment: datetime) -> str:
    listings = [x for x in session.listings.of_subjects([row.subject_id]) if x.source == source]
    for listing in listings:
        _end_listing(session, listing, moment)
    session.sources.update_record(source, row.key, removed_at=moment)
    refs = [x.reference for x in listings if x.reference]
    return refs[0] if refs else row.key


def _sync_relations(
    session: Session, batch: SourceBatch, keys: set[str], report: ImportReport, moment: datetime
) -> None:
    """Add the file's relations not yet stored; retract stored ones the file no longer has."""
    ids = {k: r.subject_id for k, r in session.sources.records(batch.source).items() if k in keys}
    wanted: dict[tuple[Any, ...], Relation] = {}
    for edge in batch.relations:
        if edge.source_key not in ids or edge.target_key not in ids:
            raise SourceError(
                f"{batch.source}: a {edge.relation.type.value} relation names an entry not in "
                f"the file ({edge.source_key} → {edge.target_key})"
            )
        rel = edge.relation.copy_with(
            source_id=ids[edge.source_key], target_id=ids[edge.target_key], created_at=moment
        )
        wanted[_relation_key(rel)] = rel
    current = {_relation_key(r): r for r in session.relations.of_source(batch.source)}
    added = [rel for key, rel in wanted.items() if key not in current]
    session.relations.insert_many(added)
    report.relations_added = len(added)
    for key, rel in current.items():
        if key not in wanted and rel.id is not None:
            session.relations.retract(rel.id, moment)
            report.relations_retracted += 1


def _relation_key(rel: Relation) -> tuple[Any, ...]:
    share = None if rel.share is None else float(rel.share)
    amount = None if rel.amount is None else float(rel.amount)
    return (
        rel.source_id,
        rel.target_id,
        rel.type.value,
        rel.start_date,
        rel.end_date,
        share,
        amount,
        rel.currency,
        rel.notes,
    )


def record_import_error(
    store: Store, actor: Actor, source: str, message: str, now: datetime | None = None
) -> None:
    """Remember a failed import on the source; its data stays as the last good import left it."""
    moment = now or datetime.now(UTC)
    with store.begin() as session:
        session.sources.save(source, last_error=message[:2000], last_error_at=moment)
        session.audit.record(
            actor, "source.import.failed", [f"source:{source}"], error=message[:500]
        )
