"""The travel-documents repository: the register of lost, stolen and revoked documents and
the operator's delegations to record another state's documents."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import RowMapping, delete, func, insert, or_, select, update

from ictd.model.listing import Sharing
from ictd.model.travel_document import DocumentReport, DocumentStatus, TravelDocument
from ictd.store.repository import Repository
from ictd.store.tables import document_delegations, document_reports
from ictd.store.types import split_codes

__all__ = ["TravelDocumentRepository", "report_from_row"]

_T = document_reports


def report_from_row(row: RowMapping) -> DocumentReport:
    return DocumentReport(
        id=row["id"],
        document=TravelDocument(
            type=row["doc_type"],
            number=row["number"],
            issuing_state=row["issuing_state"],
            expiry=row["expiry"],
            issued=row["issued"],
        ),
        status=DocumentStatus(row["status"]),
        reported_on=row["reported_on"],
        agency=row["agency"],
        reason=row["reason"],
        subject_id=row["subject_id"],
        withdrawn=row["withdrawn"],
        created_at=row["created_at"],
        sharing=Sharing(row["sharing"]),
        shared_with=split_codes(row["shared_with"]),
        contact_ref=row["contact_ref"],
        updated_at=row["updated_at"],
    )


class TravelDocumentRepository(Repository):
    """Document reports (each with its normalised number key) and recording delegations."""

    __slots__ = ()
    READS = frozenset(
        {"count", "delegated_states", "delegations", "get", "lookup", "page", "by_contact_ref"}
    )

    def insert_many(
        self,
        items: Sequence[tuple[DocumentReport, str]],
        created_by: int | None,
        now: datetime,
    ) -> list[int]:
        """Insert ``(report, normalised number)`` pairs (each with its ``contact_ref``);
        their ids, in the order given."""
        if not items:
            return []
        rows = [
            {
                "agency": r.agency,
                "doc_type": r.document.type,
                "number": r.document.number,
                "number_key": key,
                "issuing_state": r.document.issuing_state,
                "expiry": r.document.expiry,
                "issued": r.document.issued,
                "status": r.status.value,
                "reported_on": r.reported_on,
                "reason": r.reason,
                "subject_id": r.subject_id,
                "sharing": r.sharing.value,
                "shared_with": ",".join(r.shared_with),
                "contact_ref": r.contact_ref,
                "withdrawn": r.withdrawn,
                "created_at": now,
                "created_by": created_by,
                "updated_at": now,
            }
            for r, key in items
        ]
        # one executemany (no RETURNING: SQLite would run it row by row), then the ids by
        # the reports' unique contact references
        self.conn.execute(insert(_T), rows)
        refs = [r["contact_ref"] for r in rows]
        ids: dict[str, int] = {}
        for start in range(0, len(refs), 500):
            query = select(_T.c.contact_ref, _T.c.id).where(
                _T.c.contact_ref.in_(refs[start : start + 500])
            )
            ids.update((str(ref), int(i)) for ref, i in self.conn.execute(query))
        return [ids[str(ref)] for ref in refs]

    def get(self, report_id: int) -> DocumentReport | None:
        row = self.conn.execute(select(_T).where(_T.c.id == report_id)).mappings().first()
        return report_from_row(row) if row else None

    def by_contact_ref(self, reference: str) -> DocumentReport | None:
        row = self.conn.execute(select(_T).where(_T.c.contact_ref == reference)).mappings().first()
        return report_from_row(row) if row else None

    def page(
        self,
        agency: str | None,
        shared_with: str | None,
        after: int,
        limit: int,
        withdrawn: bool = False,
    ) -> list[DocumentReport]:
        """Reports by id after ``after``: of ``agency`` (all agencies when None), and when
        ``shared_with`` is given also those shared with that agency (scope ``all`` or
        ``named`` naming it); withdrawn ones only when asked."""
        query = select(_T).where(_T.c.id > after)
        if agency is not None:
            mine = _T.c.agency == agency
            if shared_with is not None:
                named = (_T.c.sharing == Sharing.NAMED.value) & (
                    ("," + _T.c.shared_with + ",").contains(f",{shared_with},")
                )
                mine = or_(mine, _T.c.sharing == Sharing.ALL.value, named)
            query = query.where(mine)
        if not withdrawn:
            query = query.where(_T.c.withdrawn.is_(None))
        rows = self.conn.execute(query.order_by(_T.c.id).limit(limit)).mappings()
        return [report_from_row(r) for r in rows]

    def count(self) -> int:
        return int(self.conn.execute(select(func.count()).select_from(_T)).scalar() or 0)

    def lookup(self, numbers: Sequence[str]) -> list[DocumentReport]:
        """Reports not withdrawn on documents of these normalised numbers (the caller
        compares types, issuing states and dates)."""
        wanted = sorted(set(numbers))
        out: list[DocumentReport] = []
        for start in range(0, len(wanted), 500):
            query = select(_T).where(
                _T.c.number_key.in_(wanted[start : start + 500]), _T.c.withdrawn.is_(None)
            )
            out.extend(report_from_row(r) for r in self.conn.execute(query).mappings())
        return out

    def set_status(
        self, report_id: int, status: DocumentStatus, reason: str | None, now: datetime
    ) -> None:
        query = update(_T).where(_T.c.id == report_id)
        self.conn.execute(query.values(status=status.value, reason=reason, updated_at=now))

    def withdraw(self, report_id: int, on: date, now: datetime) -> None:
        query = update(_T).where(_T.c.id == report_id)
        self.conn.execute(query.values(withdrawn=on, updated_at=now))

    # delegations
    def delegate(self, agency: str, issuing_state: str, granted_by: str, now: datetime) -> None:
        values = {
            "agency": agency,
            "issuing_state": issuing_state,
            "granted_by": granted_by,
            "granted_at": now,
        }
        self.conn.execute(insert(document_delegations).values(values))

    def revoke_delegation(self, agency: str, issuing_state: str) -> bool:
        d = document_delegations
        query = delete(d).where(d.c.agency == agency, d.c.issuing_state == issuing_state)
        return bool(self.conn.execute(query).rowcount)

    def delegated_states(self, agency: str) -> set[str]:
        d = document_delegations
        query = select(d.c.issuing_state).where(d.c.agency == agency)
        return {str(x) for x in self.conn.execute(query).scalars()}

    def delegations(self) -> list[tuple[str, str, datetime, str]]:
        """Every delegation: ``(agency, issuing state, granted at, granted by)``."""
        d = document_delegations
        query = select(d.c.agency, d.c.issuing_state, d.c.granted_at, d.c.granted_by)
        rows = self.conn.execute(query.order_by(d.c.agency, d.c.issuing_state))
        return [(r[0], r[1], r[2], r[3]) for r in rows]
