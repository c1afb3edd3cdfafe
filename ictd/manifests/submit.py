"""Submitting a manifest: parse the interchange, report each traveller as a movement, store.

``submit_manifest`` is all or nothing per interchange: a message with any fault rejects it
(``InvalidInput`` naming the segment, its position and what is wrong) and nothing is
stored. Otherwise each traveller becomes a movement through the movement intake
(``ictd.alerts.report_movements``: screened, stored, hits alerted to the owners) and, in
that same transaction, the interchange, its bookings and travellers are stored with the
answer. The same interchange again (agency, sender and control reference) answers the
stored answer and stores nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ictd.alerts.cotravel import BookingKey, Travel, booking_key
from ictd.alerts.intake import IntakeResult, report_movements
from ictd.alerts.movement import MAX_MOVEMENTS, MovementInput
from ictd.border import Facts, movement_fields, parse_interchange
from ictd.border.rules.facts import MessageFacts
from ictd.exc import FieldError, Forbidden, InvalidInput
from ictd.model.manifest import Interchange, Manifest
from ictd.model.manifest_record import ManifestRecord
from ictd.model.passenger import Passenger
from ictd.outbox.config import AlertConfig
from ictd.screening import LiveIndex
from ictd.security.actor import Actor
from ictd.security.policy import Permission, require
from ictd.store import Session, Store

__all__ = [
    "MAX_MESSAGE_BYTES",
    "MAX_TRAVELLERS",
    "ManifestResult",
    "submit_manifest",
    "traveller_answer",
]

MAX_MESSAGE_BYTES = 2_000_000
MAX_TRAVELLERS = MAX_MOVEMENTS
# widths of the stored texts (``ictd.store.tables.manifests``)
_WIDTHS = {
    "sender": 80, "reference": 35, "recipient": 80, "syntax": 8, "message_reference": 35,
    "record_locator": 35, "seat": 35, "travel_agency": 100, "payment": 40, "carrier": 8,
}  # fmt: skip
_MOVEMENT_PATH = re.compile(r"^movements\.(\d+)(?:\.(.*))?$")


@dataclass(frozen=True, slots=True)
class ManifestResult:
    """The answer to the submitter, and how many alert events were written (to wake the
    live streams and the dispatcher)."""

    answer: dict[str, Any]
    events: int


class _AlreadyStored(Exception):  # a signal, not an error
    """The interchange was stored by a concurrent submission: answer that one."""


def _digest(raw: str | bytes) -> str:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    return hashlib.sha256(data).hexdigest()


def submit_manifest(
    store: Store,
    live: LiveIndex,
    actor: Actor,
    raw: str | bytes,
    config: AlertConfig,
    state: str | None = None,
    now: datetime | None = None,
) -> ManifestResult:
    """Submit one interchange of PAXLST and/or PNRGOV messages; answers per traveller
    hit / no-hit with the requested action, as a movement report does.

    ``state`` is the alpha-2 code of the receiving state (decides border entry or exit).
    """
    require(actor, Permission.REPORT_MOVEMENTS)
    if actor.agency is None:
        raise Forbidden("manifests are submitted by a user of an agency")
    agency = actor.agency
    if len(raw) > MAX_MESSAGE_BYTES:
        raise InvalidInput.field("message", f"at most {MAX_MESSAGE_BYTES} bytes per interchange")
    moment = now or datetime.now(UTC)
    outcome = parse_interchange(raw)
    outcome.raise_if_rejected()
    interchange = outcome.interchange
    _check(interchange)
    digest = _digest(raw)
    with store.read() as session:
        stored = session.manifests.find(agency, interchange.sender, interchange.reference)
    if stored is not None:
        return ManifestResult(_replay(store, actor, stored, digest), 0)
    pairs = [(m, p) for m in interchange.manifests for p in m.passengers]
    inputs = [MovementInput.from_dict(movement_fields(interchange, m, p, state)) for m, p in pairs]
    travel = _travel(pairs)

    answers: list[dict[str, Any]] = []

    def record(session: Session, result: IntakeResult) -> None:
        found = session.manifests.find(agency, interchange.sender, interchange.reference)
        if found is not None:
            raise _AlreadyStored
        answers.append(
            _store(session, actor, interchange, pairs, result, digest, moment, travel.bookings)
        )

    try:
        result = report_movements(
            store, live, actor, inputs, config, moment, within=record, travel=travel
        )
    except _AlreadyStored:
        with store.read() as session:
            again = session.manifests.find(agency, interchange.sender, interchange.reference)
        assert again is not None
        return ManifestResult(_replay(store, actor, again, digest), 0)
    except InvalidInput as err:
        raise _traveller_errors(err, pairs) from err
    return ManifestResult(answers[-1], result.events)


def _carrier(manifest: Manifest) -> str:
    """The airline whose reservation system the record locators of a message are of: the
    carrier of its (first) flight."""
    return manifest.legs[0].carrier if manifest.legs else ""


def _travel(pairs: list[tuple[Manifest, Passenger]]) -> Travel:
    """Each traveller's booking (carrier and record locator: the PNR's booking, else the
    locator an API list gives; the same booking in every message that carries it) and its
    rule facts from the message (``MessageFacts``: the itinerary, booking date, payment,
    agency … of a PNR)."""
    booking_of = {
        (id(m), position): b for m, _ in pairs for b in m.bookings for position in b.passengers
    }
    bookings: list[BookingKey | None] = []
    for manifest, passenger in pairs:
        booking = booking_of.get((id(manifest), passenger.position))
        locator = booking.record_locator if booking else passenger.record_locator
        bookings.append((_carrier(manifest), locator) if locator else None)

    of_message = {id(m): MessageFacts(m) for m, _ in pairs}  # what travellers share, once

    def facts(i: int, document_hit: bool, co_listed: bool, co_document: bool) -> Facts:
        manifest, passenger = pairs[i]
        return of_message[id(manifest)].of(
            passenger,
            document_hit=document_hit,
            co_traveller_listed=co_listed,
            co_traveller_document_hit=co_document,
        )

    return Travel(bookings, facts)


def _check(interchange: Interchange) -> None:
    """Refuse an empty interchange, too many travellers, and texts wider than stored."""
    if not interchange.manifests:
        raise InvalidInput.field("UNB", "the interchange holds no PAXLST or PNRGOV message")
    count = sum(len(m.passengers) for m in interchange.manifests)
    if count == 0:
        raise InvalidInput.field("UNB", "the interchange lists no traveller")
    if count > MAX_TRAVELLERS:
        raise InvalidInput.field(
            "UNB", f"{count} travellers: at most {MAX_TRAVELLERS} per interchange (send several)"
        )
    errors: list[FieldError] = []

    def fits(where: str, name: str, value: str | None) -> None:
        if value is not None and len(value) > _WIDTHS[name]:
            errors.append(FieldError(where, f"{name} longer than {_WIDTHS[name]} characters"))

    for name in ("sender", "reference", "recipient", "syntax"):
        fits("UNB", name, getattr(interchange, name))
    for m in interchange.manifests:
        where = f"UNH {m.message_reference}"
        fits(where, "message_reference", m.message_reference)
        fits(where, "carrier", _carrier(m))
        for p in m.passengers:
            fits(f"{where} traveller {p.position}", "record_locator", p.record_locator)
            fits(f"{where} traveller {p.position}", "seat", p.seat)
        for b in m.bookings:
            fits(f"{where} booking {b.record_locator[:35]}", "record_locator", b.record_locator)
            fits(f"{where} booking {b.record_locator[:35]}", "travel_agency", b.agency)
            fits(f"{where} booking {b.record_locator[:35]}", "payment", b.payment)
    if errors:
        raise InvalidInput(f"message rejected: {errors[0].field}: {errors[0].message}", errors)


def _traveller_errors(err: InvalidInput, pairs: list[tuple[Manifest, Passenger]]) -> InvalidInput:
    """The movement intake names ``movements.N.field``: name the traveller instead."""
    errors = []
    for e in err.errors:
        found = _MOVEMENT_PATH.match(e.field)
        if found is None or int(found.group(1)) >= len(pairs):
            errors.append(e)
            continue
        manifest, passenger = pairs[int(found.group(1))]
        where = f"UNH {manifest.message_reference} traveller {passenger.position}"
        who = passenger.name.as_sent
        field = f" {found.group(2)}" if found.group(2) else ""
        errors.append(FieldError(where, f"{who}:{field} {e.message}"))
    if not errors:
        return err
    first = errors[0]
    return InvalidInput(f"message rejected: {first.field}: {first.message}", errors)


def traveller_answer(
    manifest: Manifest, passenger: Passenger, reply: dict[str, Any]
) -> dict[str, Any]:
    """What the submitter is told about one traveller: who (as sent), which document, the
    movement it became and hit / no-hit with the requested action of each hit, and, as a
    movement report tells them, a document on the register and the agency's own rule hits."""
    document = passenger.documents[0] if passenger.documents else None
    return {
        "position": passenger.position,
        "role": passenger.role.value,
        "name": passenger.name.as_sent,
        "display_name": passenger.name.display,
        "birth_date": passenger.birth_date.isoformat() if passenger.birth_date else None,
        "nationality": passenger.nationality,
        "document": document.to_dict() if document else None,
        "record_locator": passenger.record_locator,
        "seat": passenger.seat,
        "movement_id": reply["movement_id"],
        "result": reply["result"],
        "actions": sorted({a for h in reply["hits"] for a in h.get("actions", ())}),
        "hits": reply["hits"],
        "document_hit": reply.get("document_hit"),
        "rule_hits": reply.get("rule_hits", []),
    }


def _message_head(manifest: Manifest) -> dict[str, Any]:
    first, last = manifest.legs[0], manifest.legs[-1]
    return {
        "message_reference": manifest.message_reference,
        "message_type": manifest.message_type.value,
        "list_type": manifest.list_type.value,
        "flight": first.flight,
        "departure_port": first.departure_port,
        "arrival_port": last.arrival_port,
        "departure_at": first.departure_at.isoformat() if first.departure_at else None,
        "arrival_at": last.arrival_at.isoformat() if last.arrival_at else None,
    }


def _store(
    session: Session,
    actor: Actor,
    interchange: Interchange,
    pairs: list[tuple[Manifest, Passenger]],
    result: IntakeResult,
    digest: str,
    now: datetime,
    booked: Sequence[BookingKey | None],
) -> dict[str, Any]:
    """Store the interchange, its bookings and travellers; returns the answer."""
    assert actor.agency is not None
    by_message: dict[str, list[dict[str, Any]]] = {}
    travellers = []
    for (manifest, passenger), reply, key in zip(pairs, result.replies, booked, strict=True):
        told = traveller_answer(manifest, passenger, reply)
        by_message.setdefault(manifest.message_reference, []).append(told)
        travellers.append(
            {
                "message_reference": manifest.message_reference,
                "passenger": passenger,
                "movement_id": reply["movement_id"],
                "hit": reply["result"] == "hit",
                "booking_key": booking_key(key) if key else None,
            }
        )
    hits = sum(1 for t in travellers if t["hit"])
    messages = [
        dict(_message_head(m), travellers=by_message.get(m.message_reference, []))
        for m in interchange.manifests
    ]
    answer: dict[str, Any] = {
        "interchange": {
            "reference": interchange.reference,
            "sender": interchange.sender,
            "recipient": interchange.recipient,
            "prepared_at": interchange.prepared_at.isoformat(),
            "syntax": interchange.syntax,
            "test": interchange.test,
        },
        "received_at": now.isoformat(),
        "travellers": len(travellers),
        "hits": hits,
        "messages": messages,
    }
    heads = [
        {
            "message_reference": m.message_reference,
            "message_type": m.message_type.value,
            "version": m.version,
            "list_type": m.list_type.value,
            "common_access_reference": m.common_access_reference,
            "parts": m.parts,
            "legs": [leg.to_dict() for leg in m.legs],
        }
        for m in interchange.manifests
    ]
    types = sorted({m.message_type.value for m in interchange.manifests})
    values = {
        "agency": actor.agency,
        "sender": interchange.sender,
        "reference": interchange.reference,
        "recipient": interchange.recipient,
        "message_types": types,
        "syntax": interchange.syntax,
        "prepared_at": interchange.prepared_at,
        "received_at": now,
        "received_by": actor.user_id,
        "digest": digest,
        "test": interchange.test,
        "travellers": len(travellers),
        "hits": hits,
        "messages": heads,
        "answer": answer,
    }
    bookings = [
        {"message_reference": m.message_reference, "booking": b}
        for m in interchange.manifests
        for b in m.bookings
    ]
    manifest_id = session.manifests.insert(values, bookings, travellers)
    session.audit.record(
        actor,
        "manifest.submit",
        [f"manifest:{manifest_id}"],
        sender=interchange.sender,
        reference=interchange.reference,
        message_types=types,
        travellers=len(travellers),
        hits=hits,
    )
    return {"manifest_id": manifest_id, **answer, "replayed": False}


def _replay(store: Store, actor: Actor, stored: ManifestRecord, digest: str) -> dict[str, Any]:
    """A repeat of a stored interchange: its original answer, and that nothing was stored."""
    with store.begin() as session:
        session.audit.record(
            actor,
            "manifest.submit",
            [f"manifest:{stored.id}"],
            sender=stored.sender,
            reference=stored.reference,
            replayed=True,
        )
    return dict(stored.answer, replayed=True, same_content=stored.digest == digest)
