"""The resolution repository: xref proposals, judgements and resolved clusters."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, and_, delete, insert, or_, select, update

from ictd.model.resolution import Judgement, Proposal
from ictd.store.repository import Repository
from ictd.store.tables import judgements, subject_clusters, xref_proposals

__all__ = ["ResolutionRepository"]


def _judgement(row: RowMapping) -> Judgement:
    return Judgement(
        id=row["id"],
        subject_a=row["subject_a"],
        subject_b=row["subject_b"],
        decision=row["decision"],
        reason=row["reason"],
        agency=row["agency"],
        created_by=row["created_by"],
        created_at=row["created_at"],
        revoked_at=row["revoked_at"],
        revoked_by=row["revoked_by"],
    )


def _pair_is(a: int, b: int) -> Any:
    return and_(judgements.c.subject_a == a, judgements.c.subject_b == b)


class ResolutionRepository(Repository):
    """Proposed pairs, judgements on pairs, and the clusters the ``same`` judgements make."""

    __slots__ = ()
    READS = frozenset(
        {
            "cluster_members",
            "decided_pairs",
            "get_judgement",
            "judgements_of_pair",
            "proposals_page",
            "same_links",
        }
    )

    def save_proposals(
        self, found: Iterable[tuple[int, int, float, list[Any]]], at: datetime
    ) -> int:
        """Insert or refresh proposals ``(a, b, score, explanation)`` with ``a < b``."""
        count = 0
        for a, b, score, explanation in found:
            values = {"score": score, "explanation": json.dumps(explanation), "updated_at": at}
            query = update(xref_proposals).where(
                xref_proposals.c.subject_a == a, xref_proposals.c.subject_b == b
            )
            if self.conn.execute(query.values(values)).rowcount == 0:
                row = {"subject_a": a, "subject_b": b, "created_at": at, **values}
                self.conn.execute(insert(xref_proposals).values(row))
            count += 1
        return count

    def drop_stale_proposals(self, before: datetime, subject_ids: Sequence[int] | None) -> int:
        """Remove proposals not refreshed since ``before`` (of these subjects, or all)."""
        query = delete(xref_proposals).where(xref_proposals.c.updated_at < before)
        if subject_ids is not None:
            ids = list(subject_ids)
            query = query.where(
                or_(xref_proposals.c.subject_a.in_(ids), xref_proposals.c.subject_b.in_(ids))
            )
        return int(self.conn.execute(query).rowcount or 0)

    def proposals_page(self, offset: int, limit: int) -> list[Proposal]:
        """Proposals best score first, skipping pairs with an active same/not-same judgement."""
        decided = (
            select(judgements.c.id)
            .where(
                judgements.c.subject_a == xref_proposals.c.subject_a,
                judgements.c.subject_b == xref_proposals.c.subject_b,
                judgements.c.revoked_at.is_(None),
                judgements.c.decision.in_(("same", "not-same")),
            )
            .exists()
        )
        query = (
            select(xref_proposals)
            .where(~decided)
            .order_by(xref_proposals.c.score.desc(), xref_proposals.c.id)
            .offset(offset)
            .limit(limit)
        )
        return [
            Proposal(
                id=r["id"],
                subject_a=r["subject_a"],
                subject_b=r["subject_b"],
                score=float(r["score"]),
                explanation=json.loads(r["explanation"]),
                updated_at=r["updated_at"],
            )
            for r in self.conn.execute(query).mappings()
        ]

    def decided_pairs(self) -> set[tuple[int, int]]:
        """Pairs with an active ``same`` or ``not-same`` judgement: never proposed again."""
        query = select(judgements.c.subject_a, judgements.c.subject_b).where(
            judgements.c.revoked_at.is_(None), judgements.c.decision.in_(("same", "not-same"))
        )
        return {(int(r[0]), int(r[1])) for r in self.conn.execute(query)}

    def insert_judgement(self, values: dict[str, Any]) -> Judgement:
        result = self.conn.execute(insert(judgements).values(values))
        assert result.inserted_primary_key is not None
        found = self.get_judgement(int(result.inserted_primary_key[0]))
        assert found is not None
        return found

    def get_judgement(self, judgement_id: int) -> Judgement | None:
        query = select(judgements).where(judgements.c.id == judgement_id)
        row = self.conn.execute(query).mappings().first()
        return _judgement(row) if row else None

    def judgements_of_pair(self, a: int, b: int) -> list[Judgement]:
        """Every judgement of the pair, revoked ones too, oldest first."""
        query = select(judgements).where(_pair_is(a, b)).order_by(judgements.c.id)
        return [_judgement(r) for r in self.conn.execute(query).mappings()]

    def revoke_judgement(self, judgement_id: int, by: int | None, at: datetime) -> None:
        query = update(judgements).where(judgements.c.id == judgement_id)
        self.conn.execute(query.values(revoked_at=at, revoked_by=by))

    def same_links(self, subject_ids: Sequence[int]) -> list[tuple[int, int]]:
        """Active ``same`` judgements touching any of ``subject_ids``."""
        ids = list(subject_ids)
        query = select(judgements.c.subject_a, judgements.c.subject_b).where(
            judgements.c.revoked_at.is_(None),
            judgements.c.decision == "same",
            or_(judgements.c.subject_a.in_(ids), judgements.c.subject_b.in_(ids)),
        )
        return [(int(r[0]), int(r[1])) for r in self.conn.execute(query)]

    def set_clusters(self, members: Sequence[int], cluster_id: int | None) -> None:
        """Put ``members`` in ``cluster_id`` (``None``: in no cluster)."""
        ids = list(members)
        self.conn.execute(delete(subject_clusters).where(subject_clusters.c.subject_id.in_(ids)))
        if cluster_id is not None:
            rows = [{"subject_id": i, "cluster_id": cluster_id} for i in ids]
            self.conn.execute(insert(subject_clusters), rows)

    def cluster_members(self, subject_id: int) -> tuple[int | None, list[int]]:
        """The cluster id of a subject and every member of that cluster (itself if none)."""
        query = select(subject_clusters.c.cluster_id).where(
            subject_clusters.c.subject_id == subject_id
        )
        cluster = self.conn.execute(query).scalar()
        if cluster is None:
            return None, [subject_id]
        query_m = (
            select(subject_clusters.c.subject_id)
            .where(subject_clusters.c.cluster_id == cluster)
            .order_by(subject_clusters.c.subject_id)
        )
        return int(cluster), [int(r[0]) for r in self.conn.execute(query_m)]
