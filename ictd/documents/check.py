"""The register check on every movement: is the presented document lost, stolen or revoked?

The check is exact: the normalised number, the document type (its ICAO category letter)
and the issuing state. A movement without a state matches reports of any state, one
without a type matches reports of any type. It runs inside the intake transaction, as one
indexed query per batch on ``document_reports (number_key, doc_type)`` — the register is
always current on every worker, a withdrawn report stops hitting at once (see
``docs/border-checks.md`` for the cost beside the in-memory ``DocumentIndex``).

The reporter is told the status and how to reach the recording agency (its contact card
and the report's opaque ``reference``); the date and reason only inside the report's
sharing scope, and never the report's id. The recording agency gets an alert of kind
``document`` through the outbox (``DocumentCheck.alerts``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from ictd.border.document_key import normalize_document_number, normalize_document_type
from ictd.model.issuing_state import issuing_state_of
from ictd.model.movement import Movement
from ictd.model.travel_document import DocumentReport
from ictd.outbox.writer import AlertWriter, NewAlert
from ictd.security.actor import Actor
from ictd.security.policy import can_read_document_report
from ictd.store import Session

__all__ = ["DocumentCheck", "document_hits", "presented_key"]

DocKey = tuple[str | None, str, str | None]  # (type or None, normalised number, state or None)


def presented_key(values: Mapping[str, Any]) -> DocKey | None:
    """The register key of a movement's document (flat movement fields), or None."""
    number = normalize_document_number(str(values.get("document_number") or ""))
    if not number:
        return None
    raw_type = values.get("document_type")
    doc_type = normalize_document_type(str(raw_type)) if raw_type else None
    raw_state = values.get("document_country")
    state = issuing_state_of(str(raw_state)) if raw_state else None
    return doc_type, number, state


def _matches(key: DocKey, report: DocumentReport, today: date) -> bool:
    doc_type, number, state = key
    if normalize_document_number(report.document.number) != number:
        return False
    if doc_type is not None and report.document.type != doc_type:
        return False
    theirs = report.document.issuing_state
    if state is not None and theirs is not None and theirs != state:
        return False
    return report.is_in_force(today)


def document_hits(
    session: Session, movements: Sequence[Mapping[str, Any]], today: date
) -> list[list[DocumentReport]]:
    """For each movement (flat fields), the reports in force on its document."""
    keys = [presented_key(m) for m in movements]
    numbers = [k[1] for k in keys if k is not None]
    if not numbers:
        return [[] for _ in movements]
    found = session.travel_documents.lookup(numbers)
    by_number: dict[str, list[DocumentReport]] = {}
    for report in found:
        by_number.setdefault(normalize_document_number(report.document.number), []).append(report)
    out: list[list[DocumentReport]] = []
    for key in keys:
        if key is None:
            out.append([])
            continue
        hits = [r for r in by_number.get(key[1], []) if _matches(key, r, today)]
        out.append(sorted(hits, key=lambda r: (r.reported_on, r.id or 0), reverse=True))
    return out


class DocumentCheck:
    """The register check of one intake batch, in its transaction."""

    def __init__(self, session: Session, actor: Actor, writer: AlertWriter) -> None:
        self.session = session
        self.actor = actor
        self.writer = writer

    def find(
        self, movements: Sequence[Mapping[str, Any]], today: date
    ) -> list[list[DocumentReport]]:
        return document_hits(self.session, movements, today)

    def reply(self, report: DocumentReport, alert: str | None) -> dict[str, Any]:
        """What the reporter learns of a hit on ``report``."""
        owner = self.writer.agency(report.agency)
        told: dict[str, Any] = {
            "status": report.status.value,
            "document": {
                "type": report.document.type,
                "issuing_state": report.document.issuing_state,
            },
            "recorded_by": owner.contact_card() if owner else {"agency": report.agency},
            "reference": report.contact_ref,
            "alert": alert,
            "details_withheld": True,
        }
        if can_read_document_report(self.actor, report.agency, report.sharing, report.shared_with):
            told.update(
                reported_on=report.reported_on.isoformat(),
                reason=report.reason,
                details_withheld=False,
            )
        return told

    def alerts(
        self,
        movement: Movement,
        reports: Sequence[tuple[DocumentReport, str]],
        shown: dict[str, Any] | None = None,
    ) -> list[NewAlert]:
        """An alert of kind ``document`` to each recording agency; ``shown``: the movement
        as its events show it (``AlertWriter.shown``), else made here."""
        shown = movement.to_dict() if shown is None else shown
        return [
            NewAlert(
                kind="document",
                agency=report.agency,
                reporter=movement.agency,
                category=None,
                actions=(),
                handling=None,
                origin="document",
                detail={
                    "report_id": report.id,
                    "reference": report.contact_ref,
                    "status": report.status.value,
                    "document": report.document.to_dict(),
                    "presented": {
                        "type": movement.document_type,
                        "number": movement.document_number,
                        "country": movement.document_country,
                    },
                },
                subject_id=report.subject_id,
                movement_id=movement.id,
                reference=reference,
                extra={"movement": shown},
            )
            for report, reference in reports
        ]
