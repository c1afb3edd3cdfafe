"""Travellers on the same booking: what a batch of movements knows of its bookings.

A caller that knows the bookings behind its movements (a manifest: the carrier and record
locator of each traveller) passes a ``Travel`` to the movement intake. Then

- when a traveller hits a listing in force that has an owner, or presents a document on the
  lost/stolen register, the **other** travellers on the same booking are flagged to that
  owner (of the listing / of the register report): one alert of kind ``co-traveller`` per
  owner, co-traveller and hit, explained by the booking's record locator and the hit that
  caused it (the alert of that hit, the listing or report, the hitting movement);
- the risk rules are evaluated on the caller's own ``Facts`` of each traveller (the PNR's
  booking date, payment, agency, itinerary …), told whether its document is on the register
  and whether someone else on its booking is listed or has a document on the register.

A booking is a ``(carrier, record locator)`` pair of the reporting agency, and spans
messages: a PNR is pushed again before departure, a traveller is added to it later. The
travellers the agency reported on it earlier (``earlier``: their movements still within the
retention of passenger data, not masked) are flagged for a hit of this batch, and the
travellers of this batch for the hits of earlier ones (``earlier_hits``: their alerts, on a
listing still in force or a register report). Each co-traveller is flagged once per hit:
the alert's ``dedupe_key`` names the booking, the traveller (a digest of the name and birth
date, the same in every push) and the listing or report. The co-traveller alerts go to the
owners only: the reporter's answer does not change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ictd.border.rules import Facts
from ictd.model import Listing
from ictd.model.alert import Alert
from ictd.model.movement import Movement
from ictd.model.travel_document import DocumentReport
from ictd.outbox.writer import NewAlert, new_reference

__all__ = [
    "BookingKey",
    "CoTravel",
    "FactsOf",
    "Travel",
    "booking_key",
    "booking_of_key",
    "co_traveller_alerts",
    "traveller_digest",
]

BookingKey = tuple[str, str]  # (carrier, record locator)
FactsOf = Callable[[int, bool, bool, bool], Facts]
"""The rule facts of input ``i``, given (document hit, co-traveller listed, co-traveller
document hit)."""


@dataclass(frozen=True, slots=True)
class Travel:
    """The booking of each input movement (``None``: on no known booking), and optionally
    the rule facts of each traveller (else the facts a movement report gives)."""

    bookings: Sequence[BookingKey | None]
    facts: FactsOf | None = None


@dataclass(frozen=True, slots=True)
class CoTravel:
    """For each traveller of a batch: someone else on its booking is listed / has a
    document on the register."""

    listed: list[bool]
    document: list[bool]

    @classmethod
    def of(
        cls, bookings: Sequence[BookingKey | None], listed: list[bool], document: list[bool]
    ) -> CoTravel:
        groups = _groups(bookings)
        co_listed, co_document = [False] * len(bookings), [False] * len(bookings)
        for members in groups.values():
            for i in members:
                others = [j for j in members if j != i]
                co_listed[i] = any(listed[j] for j in others)
                co_document[i] = any(document[j] for j in others)
        return cls(co_listed, co_document)


def _groups(bookings: Sequence[BookingKey | None]) -> dict[BookingKey, list[int]]:
    groups: dict[BookingKey, list[int]] = {}
    for i, key in enumerate(bookings):
        if key is not None:
            groups.setdefault(key, []).append(i)
    return {k: v for k, v in groups.items() if len(v) > 1}


Cause = dict[str, Any]


def booking_key(key: BookingKey) -> str:
    """The stored form of a booking: ``carrier/record locator``."""
    return f"{key[0]}/{key[1]}"


def booking_of_key(text: str) -> BookingKey:
    carrier, _, locator = text.partition("/")
    return carrier, locator


def traveller_digest(movement: Movement) -> str:
    """The same traveller in every message of a booking: a digest of the first name as
    reported and the birth date (no personal data in the alert's key)."""
    name = " ".join(movement.names[0].casefold().split()) if movement.names else ""
    text = f"{name}|{movement.birth_date or ''}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class _Hit:
    """A hit on a booking: whom to alert, which hit (``listing:ID`` / ``document:ID``), who
    hit, why, and whether it came from an earlier message."""

    owner: str
    what: str
    hitter: Movement
    why: Cause
    earlier: bool


def _listing_why(listing: Listing, score: float, reference: str, hitting: int | None) -> Cause:
    return {
        "kind": "listing",
        "alert": reference,
        "listing_id": listing.id,
        "subject_id": listing.subject_id,
        "movement_id": hitting,
        "score": round(score, 4),
    }


def _document_why(report: DocumentReport, reference: str, hitting: int | None) -> Cause:
    return {
        "kind": "document",
        "alert": reference,
        "report_id": report.id,
        "reference": report.contact_ref,
        "status": report.status.value,
        "movement_id": hitting,
    }


def _batch_hits(
    movement: Movement,
    listing_hits: Sequence[tuple[Listing, float, str | None, str | None]],
    document_hits: Sequence[tuple[DocumentReport, str]],
) -> Iterator[_Hit]:
    for listing, score, owner, reference in listing_hits:
        if owner is not None and reference is not None:
            why = _listing_why(listing, score, reference, movement.id)
            yield _Hit(owner, f"listing:{listing.id}", movement, why, False)
    for report, reference in document_hits:
        why = _document_why(report, reference, movement.id)
        yield _Hit(report.agency, f"document:{report.id}", movement, why, False)


def _earlier_hit(alert: Alert, movement: Movement) -> _Hit:
    """A hit of an earlier message, from its alert."""
    if alert.kind == "document":
        detail = alert.detail or {}
        why = {
            "kind": "document",
            "alert": alert.reference,
            "report_id": detail.get("report_id"),
            "reference": detail.get("reference"),
            "status": detail.get("status"),
            "movement_id": alert.movement_id,
        }
        return _Hit(alert.agency, f"document:{detail.get('report_id')}", movement, why, True)
    why = {
        "kind": "listing",
        "alert": alert.reference,
        "listing_id": alert.listing_id,
        "subject_id": alert.subject_id,
        "movement_id": alert.movement_id,
        "score": round(alert.score or 0.0, 4),
    }
    return _Hit(alert.agency, f"listing:{alert.listing_id}", movement, why, True)


def co_traveller_alerts(
    bookings: Sequence[BookingKey | None],
    movements: Mapping[int, Movement],
    listing_hits: Sequence[Sequence[tuple[Listing, float, str | None, str | None]]],
    document_hits: Sequence[Sequence[tuple[DocumentReport, str]]],
    earlier: Sequence[tuple[BookingKey, Movement]] = (),
    earlier_hits: Sequence[Alert] = (),
    shown: Callable[[Movement], dict[str, Any]] = Movement.to_dict,
) -> list[NewAlert]:
    """The ``co-traveller`` alerts of a batch (``movements``: at least those on a booking,
    by position). ``listing_hits[i]``: (listing, score, owner, alert reference) of traveller
    ``i``'s hits (owner and reference ``None``: no owner to alert); ``document_hits[i]``:
    (report, alert reference) of its register hits; ``earlier``: the travellers of earlier
    messages on these bookings, ``earlier_hits``: the alerts of their hits; ``shown``: a
    movement as the events of its alerts show it (``AlertWriter.shown``)."""
    members: dict[BookingKey, list[tuple[Movement, bool]]] = {}
    hits: dict[BookingKey, list[_Hit]] = {}
    for i, key in enumerate(bookings):
        if key is not None:
            members.setdefault(key, []).append((movements[i], False))
            hits.setdefault(key, []).extend(
                _batch_hits(movements[i], listing_hits[i], document_hits[i])
            )
    stored: dict[int | None, tuple[BookingKey, Movement]] = {}
    for key, movement in earlier:
        if key in members:
            members[key].append((movement, True))
            stored[movement.id] = (key, movement)
    for alert in earlier_hits:
        if alert.movement_id in stored:
            key, movement = stored[alert.movement_id]
            hits[key].append(_earlier_hit(alert, movement))
    out: list[NewAlert] = []
    for key, found in hits.items():
        for hit in found:
            hitter = traveller_digest(hit.hitter)
            for movement, was_earlier in members[key]:
                if was_earlier and hit.earlier:
                    continue  # both known before this batch: flagged then
                who = traveller_digest(movement)
                if movement.id == hit.hitter.id or who == hitter:
                    continue
                out.append(_alert(key, movement, who, hit, shown(movement)))
    return out


def _alert(
    key: BookingKey, movement: Movement, who: str, hit: _Hit, shown: dict[str, Any]
) -> NewAlert:
    carrier, locator = key
    return NewAlert(
        kind="co-traveller",
        agency=hit.owner,
        reporter=movement.agency,
        category=None,
        actions=(),
        handling=None,
        origin="co-traveller",
        detail={"record_locator": locator, "carrier": carrier, "because": [hit.why]},
        movement_id=movement.id,
        dedupe_key=f"co-traveller:{movement.agency}:{booking_key(key)}:{who}:{hit.what}",
        reference=new_reference(),
        extra={"movement": shown},
    )
