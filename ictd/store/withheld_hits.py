"""The withheld-hits repository: screening's record of hits a partner was not shown."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import RowMapping, insert, select

from ictd.model.probe import WithheldHit
from ictd.store.repository import Repository
from ictd.store.tables import withheld_hits

__all__ = ["WithheldHitRepository"]


def withheld_hit_from_row(row: RowMapping) -> WithheldHit:
    return WithheldHit(
        id=row["id"],
        agency=row["agency"],
        subject_id=row["subject_id"],
        owner=row["owner"],
        actor=row["actor"],
        at=row["at"],
        attributes=json.loads(row["attributes"]),
    )


class WithheldHitRepository(Repository):
    """Withheld hits by screening agency and subject, in time order."""

    __slots__ = ()
    READS = frozenset({"since"})

    def insert_many(self, hits: Sequence[WithheldHit]) -> None:
        rows = [
            {
                "agency": h.agency,
                "subject_id": h.subject_id,
                "owner": h.owner,
                "actor": h.actor,
                "at": h.at,
                "attributes": json.dumps(h.attributes, sort_keys=True),
            }
            for h in hits
        ]
        if rows:
            self.conn.execute(insert(withheld_hits), rows)

    def since(self, agency: str, subject_ids: Sequence[int], at: datetime) -> list[WithheldHit]:
        """``agency``'s withheld hits on these subjects from ``at`` on, oldest first."""
        if not subject_ids:
            return []
        query = (
            select(withheld_hits)
            .where(
                withheld_hits.c.agency == agency,
                withheld_hits.c.subject_id.in_(list(subject_ids)),
                withheld_hits.c.at >= at,
            )
            .order_by(withheld_hits.c.at, withheld_hits.c.id)
        )
        return [withheld_hit_from_row(r) for r in self.conn.execute(query).mappings()]
