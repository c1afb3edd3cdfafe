"""Recording, reading, changing and withdrawing reports on the travel-document register.

Every function takes the acting ``Actor``, checks ``ictd.security.policy``, works in one
transaction and records its audit event in it. A CSV import is all or nothing: every bad
field of every line is named (``line 7.document.issuing_state``) and nothing is stored.
"""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from ictd.border.document_key import normalize_document_number
from ictd.exc import Conflict, ErrorCollector, FieldError, Forbidden, InvalidInput, NotFound
from ictd.model import Role
from ictd.model.issuing_state import issuing_state_of
from ictd.model.text import check_texts
from ictd.model.travel_document import DocumentReport, DocumentStatus
from ictd.security.actor import Actor
from ictd.security.policy import (
    Permission,
    can_read_document_report,
    can_read_subject,
    can_record_document,
    refuse_hidden,
    require,
)
from ictd.store import Session, Store

__all__ = [
    "CSV_COLUMNS",
    "MAX_IMPORT",
    "delegate",
    "get_report",
    "import_csv",
    "list_delegations",
    "list_reports",
    "new_document_ref",
    "record_report",
    "record_reports",
    "revoke_delegation",
    "update_report",
    "withdraw_report",
]

MAX_IMPORT = 1_000_000
MAX_PAGE = 1000
DOCUMENT_REF_PREFIX = "DREF-"
CSV_COLUMNS = (
    "type",
    "number",
    "issuing_state",
    "status",
    "reported_on",
    "reason",
    "expiry",
    "issued",
    "subject_id",
    "sharing",
    "shared_with",
)
"""The columns of an import file (a header line names them; ``shared_with`` lists agency
codes separated by spaces or semicolons)."""
CSV_REQUIRED = ("type", "number", "issuing_state", "status", "reported_on")
"""The columns every import file must have."""


def new_document_ref() -> str:
    """A random, unguessable reference to a report: ``DREF-9F3A0C1B7E2D4A65B0C3``; a
    partner outside the report's scope quotes it to the recording agency."""
    return f"{DOCUMENT_REF_PREFIX}{secrets.token_hex(10).upper()}"


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _agency_of(actor: Actor) -> str:
    if actor.agency is None:
        raise Forbidden("documents are recorded by a user of an agency (use --as EMAIL)")
    return actor.agency


class _Recorder:
    """Checks, in one transaction, that the actor's agency may record each report."""

    def __init__(self, session: Session, actor: Actor) -> None:
        self.actor = actor
        agency = session.accounts.get_agency(_agency_of(actor))
        self.country = agency.country if agency else None
        self.delegated = session.travel_documents.delegated_states(_agency_of(actor))
        self.session = session

    def check(self, report: DocumentReport, errors: ErrorCollector, prefix: str = "") -> None:
        state = report.document.issuing_state
        if state is None:
            errors.add(f"{prefix}document.issuing_state", "give the issuing state")
        elif not can_record_document(self.actor, self.country, self.delegated, state):
            errors.add(
                f"{prefix}document.issuing_state",
                f"your agency records documents of {self.country or 'no state'} only"
                + (f" (and {', '.join(sorted(self.delegated))})" if self.delegated else ""),
            )

    def subjects_exist(self, reports: Sequence[tuple[str, DocumentReport]]) -> list[FieldError]:
        """A report names a subject the actor may read: a hidden one is told as missing, as
        everywhere (no probing for other agencies' subjects through the register)."""
        ids = sorted({r.subject_id for _, r in reports if r.subject_id is not None})
        known = _readable_subjects(self.session, self.actor, ids)
        return [
            FieldError(f"{prefix}subject_id", f"subject {r.subject_id} does not exist")
            for prefix, r in reports
            if r.subject_id is not None and r.subject_id not in known
        ]


def _readable_subjects(session: Session, actor: Actor, ids: Sequence[int]) -> set[int]:
    """The subjects among ``ids`` that exist and that the actor may read."""
    if not ids:
        return set()
    subjects = session.subjects.get_many(list(ids))
    listings = session.listings.of_subjects([s.id for s in subjects if s.id is not None])
    return {s.id for s in subjects if s.id is not None and can_read_subject(actor, s, listings)}


def _shown(session: Session, actor: Actor, reports: list[DocumentReport]) -> list[DocumentReport]:
    """Reports as the actor reads them: a partner's report names its subject only when the
    actor may read that subject (the subject id of a hidden record is not disclosed)."""
    others = {
        r.subject_id
        for r in reports
        if r.subject_id is not None and r.agency != actor.agency and not actor.is_system
    }
    hidden = others - _readable_subjects(session, actor, sorted(others))
    return [
        replace(r, subject_id=None) if r.agency != actor.agency and r.subject_id in hidden else r
        for r in reports
    ]


def _prepared(report: DocumentReport, now: datetime) -> tuple[DocumentReport, str]:
    ready = replace(report, contact_ref=new_document_ref(), created_at=now, updated_at=now)
    return ready, normalize_document_number(report.document.number)


def record_report(
    store: Store, actor: Actor, data: dict[str, Any], now: datetime | None = None
) -> DocumentReport:
    """Record one report from a wire body (``DocumentReport.from_dict``)."""
    require(actor, Permission.WRITE_RECORDS)
    report = DocumentReport.from_dict(data, _agency_of(actor))
    (saved,) = record_reports(store, actor, [report], now)
    return saved


def record_reports(
    store: Store,
    actor: Actor,
    reports: Sequence[DocumentReport],
    now: datetime | None = None,
    labels: Sequence[str] | None = None,
) -> list[DocumentReport]:
    """Record many reports in one transaction, all or nothing; ``labels`` prefix the field
    names of errors (``line 7``)."""
    require(actor, Permission.WRITE_RECORDS)
    agency = _agency_of(actor)
    if len(reports) > MAX_IMPORT:
        raise InvalidInput.field("reports", f"at most {MAX_IMPORT:,} at a time")
    moment = _now(now)
    with store.begin() as session:
        recorder = _Recorder(session, actor)
        errors = ErrorCollector()
        prefixes = [f"{x}." for x in labels] if labels else [""] * len(reports)
        for prefix, report in zip(prefixes, reports, strict=True):
            if report.agency != agency:
                errors.add(f"{prefix}agency", "reports are recorded for your own agency")
            recorder.check(report, errors, prefix)
        errors.errors.extend(recorder.subjects_exist(list(zip(prefixes, reports, strict=True))))
        errors.raise_if_any("the reports cannot be recorded")
        items = [_prepared(r, moment) for r in reports]
        ids = session.travel_documents.insert_many(items, actor.user_id, moment)
        saved = [replace(r, id=i) for (r, _), i in zip(items, ids, strict=True)]
        targets = [f"document-report:{i}" for i in ids[:1000]]
        session.audit.record(actor, "document.record", targets, reports=len(ids))
    return saved


def import_csv(
    store: Store, actor: Actor, text: str, now: datetime | None = None
) -> list[DocumentReport]:
    """Record every line of a CSV file (``CSV_COLUMNS``), all or nothing."""
    require(actor, Permission.WRITE_RECORDS)
    agency = _agency_of(actor)
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [
        c for c in ("type", "number", "issuing_state", "status", "reported_on") if c not in header
    ]
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if missing or unknown:
        problem = f"missing columns {', '.join(missing)}" if missing else ""
        if unknown:
            problem += ("; " if problem else "") + f"unknown columns {', '.join(unknown)}"
        raise InvalidInput.field("line 1", problem)
    errors = ErrorCollector()
    reports: list[DocumentReport] = []
    labels: list[str] = []
    for row in reader:
        line = reader.line_num
        if len(reports) >= MAX_IMPORT:
            raise InvalidInput.field(f"line {line}", f"at most {MAX_IMPORT:,} reports a file")
        values = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k}
        if None in row:
            errors.add(f"line {line}", "more values than columns")
            continue
        report = _report_of(values, agency, errors, f"line {line}")
        if report is not None:
            reports.append(report)
            labels.append(f"line {line}")
    if not reports and not errors.errors:
        raise InvalidInput.field("line 2", "the file has no reports")
    errors.raise_if_any("the file was not imported")
    return record_reports(store, actor, reports, now, labels)


def _report_of(
    values: dict[str, str], agency: str, errors: ErrorCollector, label: str
) -> DocumentReport | None:
    if not check_texts(errors, {f"{label}.{k}": v for k, v in values.items()}):
        return None
    subject = values.get("subject_id") or None
    shared = [x for x in (values.get("shared_with") or "").replace(";", " ").split() if x]
    data: dict[str, Any] = {
        "document": {
            "type": values.get("type"),
            "number": values.get("number"),
            "issuing_state": values.get("issuing_state"),
            "expiry": values.get("expiry") or None,
            "issued": values.get("issued") or None,
        },
        "status": values.get("status"),
        "reported_on": values.get("reported_on"),
        "reason": values.get("reason") or None,
        "subject_id": int(subject) if subject and subject.isdigit() else subject,
        "sharing": values.get("sharing") or "own",
        "shared_with": shared,
    }
    try:
        return DocumentReport.from_dict(data, agency)
    except InvalidInput as err:
        for e in err.errors:
            errors.add(f"{label}.{e.field}", e.message)
        return None


def _readable(session: Session, actor: Actor, report_id: int) -> DocumentReport:
    """A report the actor may read; a hidden one answers as a missing one (audited for the
    recording agency)."""
    message = f"document report {report_id} does not exist"
    report = session.travel_documents.get(report_id)
    if report is None:
        raise NotFound(message)
    if not can_read_document_report(actor, report.agency, report.sharing, report.shared_with):
        raise refuse_hidden(actor, message, f"document-report:{report_id}", report.agency)
    return report


def get_report(store: Store, actor: Actor, report_id: int) -> DocumentReport:
    """One report: its recording agency's, or shared with the actor's agency."""
    require(actor, Permission.READ_RECORDS)
    with store.begin() as session:
        (report,) = _shown(session, actor, [_readable(session, actor, report_id)])
        session.audit.record(actor, "document.read", [f"document-report:{report_id}"])
    return report


def list_reports(
    store: Store,
    actor: Actor,
    after: int = 0,
    limit: int = 100,
    withdrawn: bool = False,
    shared: bool = False,
) -> list[DocumentReport]:
    """The actor's agency's reports, by id after ``after``; with ``shared`` also those
    partners share with it; withdrawn ones only when asked."""
    require(actor, Permission.READ_RECORDS)
    limit = max(1, min(limit, MAX_PAGE))
    with store.begin() as session:
        agency = None if actor.is_system else _agency_of(actor)
        found = session.travel_documents.page(
            agency, agency if shared else None, after, limit, withdrawn
        )
        found = _shown(session, actor, found)
        session.audit.record(
            actor,
            "document.list",
            [f"document-report:{r.id}" for r in found],
            after=after,
            shared=shared,
        )
    return found


def _owned(session: Session, actor: Actor, report_id: int) -> DocumentReport:
    report = _readable(session, actor, report_id)
    if report.agency != actor.agency or not actor.has_role(Role.ANALYST):
        raise Forbidden("only analysts of the recording agency may change a report")
    return report


def update_report(
    store: Store,
    actor: Actor,
    report_id: int,
    status: str,
    reason: str | None = None,
    now: datetime | None = None,
) -> DocumentReport:
    """Change a report's status (a lost document later found stolen …) and reason."""
    require(actor, Permission.WRITE_RECORDS)
    if status not in {s.value for s in DocumentStatus}:
        raise InvalidInput.field(
            "status", f"must be one of {', '.join(s.value for s in DocumentStatus)}"
        )
    if reason is not None and len(reason) > 2000:
        raise InvalidInput.field("reason", "a text of at most 2000 characters")
    moment = _now(now)
    with store.begin() as session:
        report = _owned(session, actor, report_id)
        if report.withdrawn is not None:
            raise Conflict(f"document report {report_id} was withdrawn")
        new_reason = reason if reason is not None else report.reason
        session.travel_documents.set_status(report_id, DocumentStatus(status), new_reason, moment)
        session.audit.record(
            actor, "document.update", [f"document-report:{report_id}"], status=status
        )
    return replace(report, status=DocumentStatus(status), reason=new_reason, updated_at=moment)


def withdraw_report(
    store: Store,
    actor: Actor,
    report_id: int,
    on: date | None = None,
    now: datetime | None = None,
) -> DocumentReport:
    """Withdraw a report (the document was found, the revocation lifted): it stops hitting."""
    require(actor, Permission.WRITE_RECORDS)
    moment = _now(now)
    day = on or moment.date()
    with store.begin() as session:
        report = _owned(session, actor, report_id)
        if report.withdrawn is not None:
            raise Conflict(f"document report {report_id} was withdrawn already")
        session.travel_documents.withdraw(report_id, day, moment)
        session.audit.record(actor, "document.withdraw", [f"document-report:{report_id}"])
    return replace(report, withdrawn=day, updated_at=moment)


def _require_operator(session: Session, actor: Actor) -> None:
    if actor.is_system:
        return
    own = session.accounts.get_agency(actor.agency) if actor.agency else None
    if not (own and own.is_operator and actor.has_role(Role.AGENCY_ADMIN)):
        raise Forbidden("only the operator delegates the recording of documents")


def _state(issuing_state: str) -> str:
    state = issuing_state_of(issuing_state.strip()) if issuing_state.strip() else None
    if state is None:
        raise InvalidInput.field("issuing_state", f"{issuing_state!r} is not a state or ICAO code")
    return state


def delegate(
    store: Store, actor: Actor, agency: str, issuing_state: str, now: datetime | None = None
) -> tuple[str, str]:
    """Allow ``agency`` to record documents issued by ``issuing_state`` (the operator)."""
    state = _state(issuing_state)
    code = agency.strip().upper()
    with store.begin() as session:
        _require_operator(session, actor)
        if session.accounts.get_agency(code) is None:
            raise NotFound(f"agency {code} does not exist")
        if state in session.travel_documents.delegated_states(code):
            raise Conflict(f"agency {code} records documents of {state} already")
        session.travel_documents.delegate(code, state, actor.name, _now(now))
        session.audit.record(actor, "document.delegate", [f"agency:{code}"], issuing_state=state)
    return code, state


def revoke_delegation(store: Store, actor: Actor, agency: str, issuing_state: str) -> None:
    """End a delegation (the operator)."""
    state = _state(issuing_state)
    code = agency.strip().upper()
    with store.begin() as session:
        _require_operator(session, actor)
        if not session.travel_documents.revoke_delegation(code, state):
            raise NotFound(f"agency {code} has no delegation for {state}")
        session.audit.record(
            actor, "document.delegation-revoke", [f"agency:{code}"], issuing_state=state
        )


def list_delegations(store: Store, actor: Actor) -> list[dict[str, Any]]:
    """Every delegation, for any signed-in user (who records which state's documents is
    not secret: partners need to know whom to ask)."""
    with store.begin() as session:
        rows = session.travel_documents.delegations()
        session.audit.record(actor, "document.delegations")
    return [
        {"agency": a, "issuing_state": s, "granted_at": t.isoformat(), "granted_by": b}
        for a, s, t, b in rows
    ]
