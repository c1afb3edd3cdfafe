"""Rows for screening: the subject change feed and dispositions on matches."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, func, insert, select, update

from ictd.store.tables import dispositions, subject_changes, subjects

__all__ = ["DispositionRow", "ScreeningRows"]


@dataclass(frozen=True, slots=True)
class DispositionRow:
    """A human decision on a match: the query identity, the subject and the verdict."""

    id: int
    agency: str
    query_key: str
    subject_id: int
    decision: str
    reason: str
    query: dict[str, Any]
    created_by: int | None
    created_at: datetime
    revoked_at: datetime | None
    revoked_by: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "agency": self.agency,
            "query_key": self.query_key,
            "subject_id": self.subject_id,
            "decision": self.decision,
            "reason": self.reason,
            "query": self.query,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(),
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
        }


def _disposition(row: RowMapping) -> DispositionRow:
    return DispositionRow(
        id=row["id"],
        agency=row["agency"],
        query_key=row["query_key"],
        subject_id=row["subject_id"],
        decision=row["decision"],
        reason=row["reason"],
        query=json.loads(row["query"]),
        created_by=row["created_by"],
        created_at=row["created_at"],
        revoked_at=row["revoked_at"],
        revoked_by=row["revoked_by"],
    )


class ScreeningRows:
    conn: Connection

    def change_head(self) -> int:
        """The newest sequence number of the subject change feed (0 when empty)."""
        found = self.conn.execute(select(func.max(subject_changes.c.seq))).scalar()
        return int(found or 0)

    def change_window(self, seq: int) -> tuple[int, int]:
        """How many changes there are after ``seq``, and the newest: unchanged means no news."""
        query = select(func.count(), func.coalesce(func.max(subject_changes.c.seq), 0)).where(
            subject_changes.c.seq > seq
        )
        row = self.conn.execute(query).one()
        return int(row[0]), int(row[1])

    def changes_after(self, seq: int, limit: int) -> list[tuple[int, int]]:
        """``(seq, subject_id)`` of the change feed after ``seq``, oldest first."""
        query = (
            select(subject_changes.c.seq, subject_changes.c.subject_id)
            .where(subject_changes.c.seq > seq)
            .order_by(subject_changes.c.seq)
            .limit(limit)
        )
        return [(int(r[0]), int(r[1])) for r in self.conn.execute(query)]

    def subject_owners(self, ids: Sequence[int]) -> dict[int, tuple[str, str | None, str | None]]:
        """``id -> (schema, agency, source)`` of live subjects, without their statements."""
        query = select(subjects.c.id, subjects.c.schema, subjects.c.agency, subjects.c.source)
        query = query.where(subjects.c.id.in_(list(ids)), subjects.c.deleted_at.is_(None))
        return {int(r[0]): (r[1], r[2], r[3]) for r in self.conn.execute(query)}

    def insert_disposition(self, values: dict[str, Any]) -> DispositionRow:
        values = dict(values, query=json.dumps(values["query"], ensure_ascii=False, sort_keys=True))
        result = self.conn.execute(insert(dispositions).values(values))
        assert result.inserted_primary_key is not None
        found = self.get_disposition(int(result.inserted_primary_key[0]))
        assert found is not None
        return found

    def get_disposition(self, disposition_id: int) -> DispositionRow | None:
        query = select(dispositions).where(dispositions.c.id == disposition_id)
        row = self.conn.execute(query).mappings().first()
        return _disposition(row) if row else None

    def list_dispositions(self, agency: str, after: int, limit: int) -> list[DispositionRow]:
        query = (
            select(dispositions)
            .where(dispositions.c.agency == agency, dispositions.c.id > after)
            .order_by(dispositions.c.id)
            .limit(limit)
        )
        return [_disposition(r) for r in self.conn.execute(query).mappings()]

    def revoke_disposition(self, disposition_id: int, by: int | None, at: datetime) -> None:
        query = update(dispositions).where(dispositions.c.id == disposition_id)
        self.conn.execute(query.values(revoked_at=at, revoked_by=by))

    def false_matches(self, agency: str, query_keys: Sequence[str]) -> set[tuple[str, int]]:
        """``(query_key, subject_id)`` pairs the agency has judged false matches (not revoked)."""
        if not query_keys:
            return set()
        query = select(dispositions.c.query_key, dispositions.c.subject_id).where(
            dispositions.c.agency == agency,
            dispositions.c.decision == "false-match",
            dispositions.c.revoked_at.is_(None),
            dispositions.c.query_key.in_(list(dict.fromkeys(query_keys))),
        )
        return {(r[0], int(r[1])) for r in self.conn.execute(query)}
