"""The sources repository: external sources and the records each one feeds."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select, update

from ictd.model.source import SourceLink, SourceState
from ictd.store.repository import Repository
from ictd.store.tables import source_records, sources

__all__ = ["SourceRepository"]


class SourceRepository(Repository):
    """The state of each source's last import, and its records (key -> subject)."""

    __slots__ = ()
    READS = frozenset({"all", "get", "records"})

    def get(self, name: str) -> SourceState | None:
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

    def all(self) -> list[SourceState]:
        names = [r[0] for r in self.conn.execute(select(sources.c.name).order_by(sources.c.name))]
        return [s for s in (self.get(n) for n in names) if s is not None]

    def save(self, name: str, **values: Any) -> None:
        if "counts" in values:
            values["counts"] = json.dumps(values["counts"], sort_keys=True)
        if self.get(name) is None:
            self.conn.execute(insert(sources).values(name=name, **values))
        else:
            self.conn.execute(update(sources).where(sources.c.name == name).values(**values))

    def records(self, source: str) -> dict[str, SourceLink]:
        query = select(source_records).where(source_records.c.source == source)
        return {
            r["key"]: SourceLink(r["key"], r["subject_id"], r["digest"], r["removed_at"])
            for r in self.conn.execute(query).mappings()
        }

    def insert_records(self, source: str, items: Sequence[tuple[str, int, str]]) -> None:
        """Insert many ``(key, subject_id, digest)`` records of one source."""
        if items:
            rows = [{"source": source, "key": k, "subject_id": i, "digest": d} for k, i, d in items]
            self.conn.execute(insert(source_records), rows)

    def update_record(self, source: str, key: str, **values: Any) -> None:
        query = update(source_records).where(
            source_records.c.source == source, source_records.c.key == key
        )
        self.conn.execute(query.values(**values))
