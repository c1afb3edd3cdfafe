"""The dispositions repository: agencies' decisions on matches."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, bindparam, insert, select, update

from ictd.model.disposition import Disposition
from ictd.store.repository import Repository
from ictd.store.tables import dispositions

__all__ = ["DispositionRepository"]


def disposition_from_row(row: RowMapping) -> Disposition:
    return Disposition(
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


# built once: a statement object keeps its cache key (the screening path)
_FALSE_MATCHES = select(dispositions.c.query_key, dispositions.c.subject_id).where(
    dispositions.c.agency == bindparam("agency"),
    dispositions.c.decision == "false-match",
    dispositions.c.revoked_at.is_(None),
    dispositions.c.query_key.in_(bindparam("keys", expanding=True)),
)


class DispositionRepository(Repository):
    """Decisions by agency; revoked ones are kept (soft-deleted)."""

    __slots__ = ()
    READS = frozenset({"false_matches", "get", "page"})

    def insert(self, values: dict[str, Any]) -> Disposition:
        values = dict(values, query=json.dumps(values["query"], ensure_ascii=False, sort_keys=True))
        result = self.conn.execute(insert(dispositions).values(values))
        assert result.inserted_primary_key is not None
        found = self.get(int(result.inserted_primary_key[0]))
        assert found is not None
        return found

    def get(self, disposition_id: int) -> Disposition | None:
        query = select(dispositions).where(dispositions.c.id == disposition_id)
        row = self.conn.execute(query).mappings().first()
        return disposition_from_row(row) if row else None

    def page(self, agency: str, after: int, limit: int) -> list[Disposition]:
        query = (
            select(dispositions)
            .where(dispositions.c.agency == agency, dispositions.c.id > after)
            .order_by(dispositions.c.id)
            .limit(limit)
        )
        return [disposition_from_row(r) for r in self.conn.execute(query).mappings()]

    def revoke(self, disposition_id: int, by: int | None, at: datetime) -> None:
        query = update(dispositions).where(dispositions.c.id == disposition_id)
        self.conn.execute(query.values(revoked_at=at, revoked_by=by))

    def false_matches(self, agency: str, query_keys: Sequence[str]) -> set[tuple[str, int]]:
        """``(query_key, subject_id)`` pairs the agency has judged false matches (not revoked)."""
        if not query_keys:
            return set()
        found = {"agency": agency, "keys": list(dict.fromkeys(query_keys))}
        return {(r[0], int(r[1])) for r in self.conn.execute(_FALSE_MATCHES, found)}
