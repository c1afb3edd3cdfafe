"""Rows of external sources and the records each one feeds."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from ictd.store.tables import source_records, sources

__all__ = ["SourceRecordRow", "SourceRows", "SourceState"]


@dataclass(frozen=True, slots=True)
class SourceState:
    """What the store knows of one source: its last good import and its last error."""

    name: str
    last_import_at: datetime | None
    file_hash: str | None
    counts: dict[str, Any]
    last_error: str | None
    last_error_at: datetime | None

    def to_dict(self) -> dict[str, Any]:
        def iso(v: datetime | None) -> str | None:
            return v.isoformat() if v else None

        return {
            "name": self.name,
            "last_import_at": iso(self.last_import_at),
            "file_hash": self.file_hash,
            "counts": self.counts,
            "last_error": self.last_error,
            "last_error_at": iso(self.last_error_at),
        }


@dataclass(frozen=True, slots=True)
class SourceRecordRow:
    key: str
    subject_id: int
    digest: str
    removed_at: datetime | None


class SourceRows:
    conn: Connection

    def get_source(self, name: str) -> SourceState | None:
        row = self.conn.execute(select(sources).where(sources.c.name == name)).mappings().first()
        if row is None:
            return None
        return SourceState(
            name=row["name"],
            last_import_at=row["last_import_at"],
            file_hash=row["file_hash"],
            counts=json.loads(row["counts"] or "{}"),
            last_error=row["last_error"],
            last_error_at=row["last_error_at"],
        )

    def list_sources(self) -> list[SourceState]:
        names = [r[0] for r in self.conn.execute(select(sources.c.name).order_by(sources.c.name))]
        return [s for s in (self.get_source(n) for n in names) if s is not None]

    def save_source(self, name: str, **values: Any) -> None:
        if "counts" in values:
            values["counts"] = json.dumps(values["counts"], sort_keys=True)
        if self.get_source(name) is None:
            self.conn.execute(insert(sources).values(name=name, **values))
        else:
            self.conn.execute(update(sources).where(sources.c.name == name).values(**values))

    def source_records(self, source: str) -> dict[str, SourceRecordRow]:
        query = select(source_records).where(source_records.c.source == source)
        return {
            r["key"]: SourceRecordRow(r["key"], r["subject_id"], r["digest"], r["removed_at"])
            for r in self.conn.execute(query).mappings()
        }

    def insert_source_record(self, source: str, key: str, subject_id: int, digest: str) -> None:
        values = {"source": source, "key": key, "subject_id": subject_id, "digest": digest}
        self.conn.execute(insert(source_records).values(values))

    def insert_source_records(self, source: str, items: Sequence[tuple[str, int, str]]) -> None:
        """Insert many ``(key, subject_id, digest)`` records of one source."""
        if items:
            rows = [{"source": source, "key": k, "subject_id": i, "digest": d} for k, i, d in items]
            self.conn.execute(insert(source_records), rows)

    def update_source_record(self, source: str, key: str, **values: Any) -> None:
        query = update(source_records).where(
            source_records.c.source == source, source_records.c.key == key
        )
        self.conn.execute(query.values(**values))
