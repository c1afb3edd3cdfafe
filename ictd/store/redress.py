"""The redress repository: requests of individuals, their identity evidence (a table of its
own, read only through ``evidence_of``) and their referrals to agencies."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, and_, exists, insert, or_, select, update

from ictd.model.redress import RedressEvidence, RedressReferral, RedressRequest
from ictd.store.repository import Repository
from ictd.store.tables import redress_evidence, redress_referrals, redress_requests

__all__ = ["RedressRepository"]

R = redress_referrals


def request_from_row(row: RowMapping) -> RedressRequest:
    return RedressRequest(**dict(row))


def referral_from_row(row: RowMapping) -> RedressReferral:
    values = dict(row)
    values["h3_consent"] = bool(values["h3_consent"])
    return RedressReferral(**values)


def _overdue(now: datetime) -> Any:
    """A referral that missed its answer or its decision deadline and is not decided."""
    return and_(
        R.c.decided_at.is_(None),
        or_(and_(R.c.answered_at.is_(None), R.c.answer_due <= now), R.c.decision_due <= now),
    )


class RedressRepository(Repository):
    """Redress requests, their evidence and their referrals to agencies."""

    __slots__ = ()
    READS = frozenset({"by_reference", "evidence_of", "page", "referrals_of", "missed_deadlines"})

    def insert_request(self, values: dict[str, Any]) -> RedressRequest:
        result = self.conn.execute(insert(redress_requests).values(values))
        assert result.inserted_primary_key is not None
        found = self.by_reference(values["reference"])
        assert found is not None
        return found

    def insert_evidence(self, values: dict[str, Any]) -> None:
        self.conn.execute(insert(redress_evidence).values(values))

    def insert_referrals(self, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            self.conn.execute(insert(R), [dict(r) for r in rows])

    def by_reference(self, reference: str) -> RedressRequest | None:
        query = select(redress_requests).where(redress_requests.c.reference == reference)
        row = self.conn.execute(query).mappings().first()
        return request_from_row(row) if row else None

    def evidence_of(self, request_id: int) -> RedressEvidence | None:
        query = select(redress_evidence).where(redress_evidence.c.request_id == request_id)
        row = self.conn.execute(query).mappings().first()
        return RedressEvidence(**dict(row)) if row else None

    def referrals_of(self, request_ids: Sequence[int]) -> list[RedressReferral]:
        """The referrals of the requests, by request and agency."""
        if not request_ids:
            return []
        query = (
            select(R)
            .where(R.c.request_id.in_(list(request_ids)))
            .order_by(R.c.request_id, R.c.agency)
        )
        return [referral_from_row(r) for r in self.conn.execute(query).mappings()]

    def page(
        self,
        agency: str | None,
        status: str | None,
        now: datetime,
        after: int,
        limit: int,
    ) -> list[RedressRequest]:
        """Requests in id order after ``after``: all of them (``agency`` None) or those
        forwarded to ``agency``; ``status`` ``open``, ``overdue`` or ``decided`` — of the
        request, or for an agency of its own referral."""
        query = select(redress_requests).where(redress_requests.c.id > after)
        mine = R.c.request_id == redress_requests.c.id
        if agency is not None:
            mine = and_(mine, R.c.agency == agency)
            query = query.where(exists().where(mine))
        if status == "overdue":
            query = query.where(exists().where(mine, _overdue(now)))
        elif status in ("open", "decided") and agency is None:
            query = query.where(redress_requests.c.status == status)
        elif status in ("open", "decided"):
            done = R.c.decided_at.is_not(None) if status == "decided" else R.c.decided_at.is_(None)
            query = query.where(exists().where(mine, done))
        query = query.order_by(redress_requests.c.id).limit(limit)
        return [request_from_row(r) for r in self.conn.execute(query).mappings()]

    def update_referral(self, referral_id: int, **values: Any) -> None:
        self.conn.execute(update(R).where(R.c.id == referral_id).values(values))

    def update_request(self, request_id: int, **values: Any) -> None:
        query = update(redress_requests).where(redress_requests.c.id == request_id)
        self.conn.execute(query.values(values))

    def missed_deadlines(
        self, now: datetime, limit: int
    ) -> list[tuple[RedressRequest, RedressReferral, str]]:
        """Undecided referrals whose answer or decision deadline passed and was not
        escalated yet, with their request and which deadline (``answer``, ``decision``)."""
        late_answer = and_(
            R.c.answered_at.is_(None), R.c.answer_due <= now, R.c.answer_escalated_at.is_(None)
        )
        late_decision = and_(R.c.decision_due <= now, R.c.decision_escalated_at.is_(None))
        query = (
            select(R)
            .where(R.c.decided_at.is_(None), or_(late_answer, late_decision))
            .order_by(R.c.id)
            .limit(limit)
        )
        referrals = [referral_from_row(r) for r in self.conn.execute(query).mappings()]
        ids = sorted({r.request_id for r in referrals})
        rows = self.conn.execute(
            select(redress_requests).where(redress_requests.c.id.in_(ids))
        ).mappings()
        requests = {r.id: r for r in map(request_from_row, rows)}
        out = []
        for referral in referrals:
            which = "decision" if now >= referral.decision_due else "answer"
            if which == "decision" and referral.decision_escalated_at is not None:
                continue
            out.append((requests[referral.request_id], referral, which))
        return out
