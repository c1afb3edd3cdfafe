"""Reading stored manifests (own agency's only) and machine-readable zones."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from ictd.border import parse_mrz
from ictd.exc import InvalidInput, NotFound
from ictd.model.manifest_record import ManifestRecord
from ictd.security.actor import Actor
from ictd.security.policy import Permission, refuse_hidden, require
from ictd.store import Store

__all__ = ["MAX_MRZ", "MAX_PAGE", "get_manifest", "list_manifests", "read_document"]

MAX_PAGE = 200
MAX_MRZ = 200


def _may_read(actor: Actor, record: ManifestRecord) -> bool:
    return actor.is_system or (actor.agency is not None and record.agency == actor.agency)


def list_manifests(
    store: Store, actor: Actor, before: int | None = None, limit: int = 50
) -> dict[str, Any]:
    """The manifests the actor's agency submitted, newest first, a page at a time
    (``before``: the ``next`` of the previous page)."""
    require(actor, Permission.REPORT_MOVEMENTS)
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput.field("limit", f"from 1 to {MAX_PAGE}")
    agency = None if actor.is_system else actor.agency
    if agency is None and not actor.is_system:
        return {"items": [], "next": None}
    with store.begin() as session:
        rows = session.manifests.page(agency, before, limit + 1)
        shown = rows[:limit]
        session.audit.record(
            actor, "manifest.list", [f"manifest:{r.id}" for r in shown], count=len(shown)
        )
    more = len(rows) > limit
    return {
        "items": [r.to_dict() for r in shown],
        "next": shown[-1].id if more and shown else None,
    }


def get_manifest(store: Store, actor: Actor, manifest_id: int) -> dict[str, Any]:
    """A stored manifest with the answer its submitter got (per traveller: hit / no-hit and
    the requested action). Other agencies' manifests are not found."""
    require(actor, Permission.REPORT_MOVEMENTS)
    with store.begin() as session:
        record = session.manifests.get(manifest_id)
        if record is None:
            raise NotFound(f"no manifest {manifest_id}")
        if not _may_read(actor, record):
            # another agency's manifest answers as a missing one; the refusal is audited
            raise refuse_hidden(
                actor, f"no manifest {manifest_id}", f"manifest:{manifest_id}", record.agency
            )
        session.audit.record(actor, "manifest.read", [f"manifest:{manifest_id}"])
    return {**record.to_dict(), "answer": record.answer}


def read_document(mrz: str, today: date | None = None) -> dict[str, Any]:
    """The fields of a machine-readable zone (TD1, TD2, TD3, visas) and which check digits
    agree; text that is no MRZ raises ``InvalidInput`` naming the line and column."""
    if not mrz.strip():
        raise InvalidInput.field("mrz", "give the lines of the machine-readable zone")
    if len(mrz) > MAX_MRZ:
        raise InvalidInput.field("mrz", f"at most {MAX_MRZ} characters")
    reading = parse_mrz(mrz.upper(), today or datetime.now(UTC).date())
    return {
        "format": reading.format,
        "valid": reading.is_valid,
        "failed_checks": list(reading.failed_checks),
        "invalid_fields": list(reading.invalid_fields),
        "document": {
            "code": reading.document_code,
            "type": reading.document_type,
            "number": reading.number,
            "issuing_code": reading.issuing_code,
            "issuing_state": reading.issuing_state,
            "expiry": reading.expiry.isoformat() if reading.expiry else None,
        },
        "name": reading.name.to_dict(),
        "nationality_code": reading.nationality_code,
        "nationality": reading.nationality,
        "birth_date": reading.birth_date.isoformat() if reading.birth_date else None,
        "sex": reading.sex,
        "optional_data": list(reading.optional_data),
    }
