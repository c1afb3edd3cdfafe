"""Travel documents and the reports that put one on the lost, stolen or revoked register.

A ``TravelDocument`` is what a traveller presents (type, number, issuing state, expiry) as
read from a manifest or a machine-readable zone. A ``DocumentReport`` is an agency's
statement that a document is lost, stolen, revoked, invalidated or a stolen blank; every
movement's documents are checked against the reports in force.

``issuing_state`` is an ISO 3166-1 alpha-2 code, or an ICAO code of an organisation
(``UNO``, ``XXA``…) — see ``ictd.model.issuing_state``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from ictd.exc import ErrorCollector
from ictd.model.issuing_state import issuing_state_of
from ictd.model.listing import Sharing

__all__ = ["DOCUMENT_TYPES", "DocumentReport", "DocumentStatus", "TravelDocument"]

# ICAO 9303 document categories (first letter of the document code), plus what airline
# messages add: M military identity, F facilitation document, O other.
DOCUMENT_TYPES: dict[str, str] = {
    "P": "passport",
    "I": "identity card",
    "A": "crew member certificate",
    "C": "residence or other official document",
    "V": "visa",
    "M": "military identity document",
    "F": "facilitation document",
    "O": "other",
}
MAX_NUMBER = 64


class DocumentStatus(StrEnum):
    """Why a document is on the register."""

    LOST = "lost"
    STOLEN = "stolen"
    REVOKED = "revoked"
    INVALIDATED = "invalidated"
    STOLEN_BLANK = "stolen-blank"


@dataclass(frozen=True, slots=True)
class TravelDocument:
    """A document as presented: ``type`` is a key of ``DOCUMENT_TYPES``; ``number`` as sent."""

    type: str
    number: str
    issuing_state: str | None = None
    expiry: date | None = None
    issued: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "number": self.number,
            "issuing_state": self.issuing_state,
            "expiry": _iso(self.expiry),
            "issued": _iso(self.issued),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], path: str = "document") -> TravelDocument:
        """Validate a wire document; raises ``InvalidInput`` naming ``path.field``."""
        errors = ErrorCollector()
        document = _document(data, errors, path)
        errors.raise_if_any("invalid travel document")
        assert document is not None  # no errors means a document was built
        return document


@dataclass(frozen=True, slots=True)
class DocumentReport:
    """An agency's report that a document must not be used.

    ``subject_id`` links the report to a subject when the holder is known; ``withdrawn``
    is set when the report no longer holds (the document was found, the revocation lifted).
    ``sharing``/``shared_with`` say which partners read the report in full, as for listings;
    a partner outside the scope whose traveller presents the document is told the status and
    ``contact_ref``, the opaque reference to quote to the recording agency.
    """

    document: TravelDocument
    status: DocumentStatus
    reported_on: date
    agency: str
    id: int | None = None
    reason: str | None = None
    subject_id: int | None = None
    withdrawn: date | None = None
    created_at: datetime | None = None
    sharing: Sharing = Sharing.OWN
    shared_with: tuple[str, ...] = ()
    contact_ref: str | None = None
    updated_at: datetime | None = None

    def is_in_force(self, today: date) -> bool:
        """Reported on or before ``today`` and not withdrawn by then."""
        if today < self.reported_on:
            return False
        return self.withdrawn is None or today < self.withdrawn

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document": self.document.to_dict(),
            "status": self.status.value,
            "reported_on": self.reported_on.isoformat(),
            "agency": self.agency,
            "reason": self.reason,
            "subject_id": self.subject_id,
            "withdrawn": _iso(self.withdrawn),
            "created_at": _iso(self.created_at),
            "sharing": self.sharing.value,
            "shared_with": list(self.shared_with),
            "contact_ref": self.contact_ref,
            "updated_at": _iso(self.updated_at),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], agency: str) -> DocumentReport:
        """A new report from a wire body, for ``agency``; every bad field is named."""
        errors = ErrorCollector()
        raw_doc = data.get("document")
        document = None
        if isinstance(raw_doc, dict):
            document = _document(raw_doc, errors, "document")
        else:
            errors.add("document", "give the document (type, number, issuing_state)")
        status = data.get("status")
        if status not in {s.value for s in DocumentStatus}:
            errors.add("status", f"must be one of {', '.join(s.value for s in DocumentStatus)}")
        reported_on = _date(data.get("reported_on"), errors, "reported_on", required=True)
        reason = data.get("reason")
        if reason is not None and (not isinstance(reason, str) or len(reason) > 2000):
            errors.add("reason", "a text of at most 2000 characters")
        subject_id = data.get("subject_id")
        if subject_id is not None and (not isinstance(subject_id, int) or subject_id < 1):
            errors.add("subject_id", "a subject id (a positive integer)")
        sharing = data.get("sharing") or Sharing.OWN.value
        if sharing not in {s.value for s in Sharing}:
            errors.add("sharing", f"must be one of {', '.join(s.value for s in Sharing)}")
        shared_with = data.get("shared_with") or []
        if not isinstance(shared_with, list | tuple) or not all(
            isinstance(x, str) and 0 < len(x) <= 32 for x in shared_with
        ):
            errors.add("shared_with", "a list of agency codes")
        elif sharing == Sharing.NAMED.value and not shared_with:
            errors.add("shared_with", "name the agencies to share with")
        elif sharing != Sharing.NAMED.value and shared_with:
            errors.add("shared_with", "only with sharing 'named'")
        errors.raise_if_any("invalid document report")
        assert document is not None and reported_on is not None
        return cls(
            document=document,
            status=DocumentStatus(str(status)),
            reported_on=reported_on,
            agency=agency,
            reason=reason,
            subject_id=subject_id,
            sharing=Sharing(str(sharing)),
            shared_with=tuple(sorted({str(x).strip().upper() for x in shared_with})),
        )


def _document(data: dict[str, Any], errors: ErrorCollector, path: str) -> TravelDocument | None:
    start = len(errors.errors)
    doc_type = str(data.get("type") or "").upper()
    if doc_type not in DOCUMENT_TYPES:
        errors.add(f"{path}.type", f"must be one of {', '.join(DOCUMENT_TYPES)}")
    number = str(data.get("number") or "").strip()
    if not number or len(number) > MAX_NUMBER:
        errors.add(f"{path}.number", f"give 1 to {MAX_NUMBER} characters")
    state = data.get("issuing_state")
    issuing_state = None
    if state:
        issuing_state = issuing_state_of(str(state))
        if issuing_state is None:
            errors.add(f"{path}.issuing_state", f"{state!r} is not a state or ICAO code")
    expiry = _date(data.get("expiry"), errors, f"{path}.expiry")
    issued = _date(data.get("issued"), errors, f"{path}.issued")
    if len(errors.errors) > start:
        return None
    return TravelDocument(doc_type, number, issuing_state, expiry, issued)


def _date(value: Any, errors: ErrorCollector, path: str, required: bool = False) -> date | None:
    if value is None or value == "":
        if required:
            errors.add(path, "give a date (YYYY-MM-DD)")
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        errors.add(path, f"{value!r} is not a date (YYYY-MM-DD)")
        return None


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None
