"""Apply a parsed source batch to the store: a sync, in one transaction.

Unchanged entries change nothing but their statements' ``last_seen``; changed entries
retract the facts no longer stated and add the new ones (history is kept); entries gone
from the file are delisted: their listings expire on the import date, while the subject
and its history stay. Each import returns and stores a delta report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ictd.exc import Forbidden
from ictd.ingest.record import SourceBatch, SourceRecord
from ictd.model import Listing, ListingStatus, Relation
from ictd.security.actor import Actor
from ictd.store import Session, SourceRecordRow, Store

__all__ = ["ImportReport", "record_import_error", "sync_batch"]


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

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "changed": len(self.changed),
            "removed": len(self.removed),
            "unchanged": self.unchanged,
            "relations_added": self.relations_added,
            "relations_retracted": self.relations_retracted,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "file_hash": self.file_hash,
            "counts": self.counts(),
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
        }


def _ref(record: SourceRecord) -> str:
    refs = [x.reference for x in record.listings if x.reference]
    return refs[0] if refs else record.key


def sync_batch(
    store: Store, actor: Actor, batch: SourceBatch, now: datetime | None = None
) -> ImportReport:
    """Apply ``batch`` fully or not at all; only the operator may import sources."""
    if not actor.is_system:
        raise Forbidden("sources are imported by the operator (`ictd import`)")
    moment = now or datetime.now(UTC)
    report = ImportReport(batch.source, batch.file_hash)
    with store.begin() as session:
        known = session.source_records(batch.source)
        seen: set[str] = set()
        unchanged_ids: list[int] = []
        for record in batch.records:
            seen.add(record.key)
            row = known.get(record.key)
            if row is None:
                _add(session, batch.source, record, moment)
                report.added.append(_ref(record))
            elif row.digest == record.digest and row.removed_at is None:
                unchanged_ids.append(row.subject_id)
                report.unchanged += 1
            else:
                _change(session, batch.source, record, row, moment)
                report.changed.append(_ref(record))
        session.see_source_statements(batch.source, unchanged_ids, moment)
        for key, row in known.items():
            if key not in seen and row.removed_at is None:
                report.removed.append(_delist(session, batch.source, row, moment))
        _sync_relations(session, batch, report, moment)
        session.save_source(
            batch.source,
            last_import_at=moment,
            file_hash=batch.file_hash,
            counts=report.counts() | {"records": len(batch.records)},
            last_error=None,
            last_error_at=None,
        )
        session.record(
            actor,
            "source.import",
            [f"source:{batch.source}"],
            file_hash=batch.file_hash,
            **report.counts(),
        )
    return report


def _add(session: Session, source: str, record: SourceRecord, moment: datetime) -> None:
    stmts = tuple(
        s.copy_with(first_seen=moment, last_seen=moment) for s in record.subject.statements
    )
    subject_id = session.insert_subject(record.subject.copy_with(statements=stmts), moment)
    for listing in record.listings:
        session.insert_listing(_placed(listing, subject_id, moment))
    session.insert_source_record(source, record.key, subject_id, record.digest)


def _placed(listing: Listing, subject_id: int, moment: datetime) -> Listing:
    return listing.copy_with(subject_id=subject_id, created_at=moment, updated_at=moment)


def _change(
    session: Session, source: str, record: SourceRecord, row: SourceRecordRow, moment: datetime
) -> None:
    subject_id = row.subject_id
    current = session.get_subject(subject_id)
    assert current is not None
    old = {(s.key, s.lang): s for s in current.active if s.source == source}
    new = {(s.key, s.lang): s for s in record.subject.statements}
    gone = [s.id for k, s in old.items() if k not in new and s.id is not None]
    session.retract_statements(gone, moment)
    added = [
        s.copy_with(first_seen=moment, last_seen=moment) for k, s in new.items() if k not in old
    ]
    session.insert_statements(subject_id, added)
    session.see_source_statements(source, [subject_id], moment)
    old_ids, new_ids = set(current.external_ids), set(record.subject.external_ids)
    session.remove_external_ids(subject_id, old_ids - new_ids)
    session.add_external_ids(subject_id, sorted(new_ids - old_ids))
    _sync_listings(session, source, subject_id, record.listings, moment)
    session.touch_subject(subject_id, moment)
    session.update_source_record(source, record.key, digest=record.digest, removed_at=None)


def _sync_listings(
    session: Session, source: str, subject_id: int, wanted: tuple[Listing, ...], moment: datetime
) -> None:
    existing = {x.reference: x for x in session.listings_for([subject_id]) if x.source == source}
    for listing in wanted:
        old = existing.pop(listing.reference, None)
        if old is None:
            session.insert_listing(_placed(listing, subject_id, moment))
        else:
            session.update_listing(
                listing.copy_with(
                    id=old.id, subject_id=subject_id, created_at=old.created_at, updated_at=moment
                )
            )
    for old in existing.values():
        _end_listing(session, old, moment)


def _end_listing(session: Session, listing: Listing, moment: datetime) -> None:
    if listing.status is ListingStatus.ACTIVE:
        session.update_listing(
            listing.copy_with(
                status=ListingStatus.EXPIRED, valid_until=moment.date(), updated_at=moment
            )
        )


def _delist(session: Session, source: str, row: SourceRecordRow, moment: datetime) -> str:
    listings = [x for x in session.listings_for([row.subject_id]) if x.source == source]
    for listing in listings:
        _end_listing(session, listing, moment)
    session.update_source_record(source, row.key, removed_at=moment)
    refs = [x.reference for x in listings if x.reference]
    return refs[0] if refs else row.key


def _sync_relations(
    session: Session, batch: SourceBatch, report: ImportReport, moment: datetime
) -> None:
    ids = {k: r.subject_id for k, r in session.source_records(batch.source).items()}
    wanted: dict[tuple[Any, ...], Relation] = {}
    for edge in batch.relations:
        if edge.source_key in ids and edge.target_key in ids:
            rel = edge.relation.copy_with(
                source_id=ids[edge.source_key], target_id=ids[edge.target_key], created_at=moment
            )
            wanted[_relation_key(rel)] = rel
    current = {_relation_key(r): r for r in session.source_relations(batch.source)}
    for key, rel in wanted.items():
        if key not in current:
            session.insert_relation(rel)
            report.relations_added += 1
    for key, rel in current.items():
        if key not in wanted and rel.id is not None:
            session.retract_relation(rel.id, moment)
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
    )


def record_import_error(
    store: Store, actor: Actor, source: str, message: str, now: datetime | None = None
) -> None:
    """Remember a failed import on the source; its data stays as the last good import left it."""
    moment = now or datetime.now(UTC)
    with store.begin() as session:
        session.save_source(source, last_error=message[:2000], last_error_at=moment)
        session.record(actor, "source.import.failed", [f"source:{source}"], error=message[:500])
