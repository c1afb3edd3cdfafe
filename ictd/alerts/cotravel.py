"""Travellers on the same booking: what a batch of movements knows of its bookings.

A caller that knows the bookings behind its movements (a manifest: the record locator of
each traveller) passes a ``Travel`` to the movement intake. Then

- when a traveller hits a listing in force that has an owner, or presents a document on the
  lost/stolen register, the **other** travellers on the same booking are flagged to that
  owner (of the listing / of the register report): one alert of kind ``co-traveller`` per
  owner and co-traveller, explained by the booking's record locator and each hit that
  caused it (the alert of that hit, the listing or report, the hitting movement);
- the risk rules are evaluated on the caller's own ``Facts`` of each traveller (the PNR's
  booking date, payment, agency, itinerary …), told whether its document is on the register
  and whether someone else on its booking is listed or has a document on the register.

Only the travellers of the same batch (one interchange) are compared; a booking is a
``(scope, record locator)`` pair, the scope keeping apart the same locator in two messages.
The co-traveller alerts go to the owners only: the reporter's answer does not change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ictd.border.rules import Facts
from ictd.model import Listing
from ictd.model.movement import Movement
from ictd.model.travel_document import DocumentReport
from ictd.outbox.writer import NewAlert, new_reference

__all__ = ["BookingKey", "CoTravel", "FactsOf", "Travel", "co_traveller_alerts"]

BookingKey = tuple[str, str]  # (scope, record locator)
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


def co_traveller_alerts(
    bookings: Sequence[BookingKey | None],
    movements: Mapping[int, Movement],
    listing_hits: Sequence[Sequence[tuple[Listing, float, str | None, str | None]]],
    document_hits: Sequence[Sequence[tuple[DocumentReport, str]]],
) -> list[NewAlert]:
    """The ``co-traveller`` alerts of a batch (``movements``: at least those on a booking,
    by position). ``listing_hits[i]``: (listing, score, owner,
    alert reference) of traveller ``i``'s hits (owner and reference ``None``: no owner to
    alert); ``document_hits[i]``: (report, alert reference) of its register hits."""
    out: list[NewAlert] = []
    for (scope, locator), members in _groups(bookings).items():
        causes: dict[str, list[tuple[int, Cause]]] = {}  # owner -> (hitting traveller, why)
        for i in members:
            hitting = movements[i].id
            for listing, score, owner, reference in listing_hits[i]:
                if owner is None or reference is None:
                    continue
                why = {
                    "kind": "listing",
                    "alert": reference,
                    "listing_id": listing.id,
                    "subject_id": listing.subject_id,
                    "movement_id": hitting,
                    "score": round(score, 4),
                }
                causes.setdefault(owner, []).append((i, why))
            for report, reference in document_hits[i]:
                why = {
                    "kind": "document",
                    "alert": reference,
                    "report_id": report.id,
                    "reference": report.contact_ref,
                    "status": report.status.value,
                    "movement_id": hitting,
                }
                causes.setdefault(report.agency, []).append((i, why))
        for owner, found in causes.items():
            for j in members:
                because = [why for i, why in found if i != j]
                if not because:
                    continue
                movement = movements[j]
                out.append(
                    NewAlert(
                        kind="co-traveller",
                        agency=owner,
                        reporter=movement.agency,
                        category=None,
                        actions=(),
                        handling=None,
                        origin="co-traveller",
                        detail={
                            "record_locator": locator,
                            "message": scope,
                            "because": because,
                        },
                        movement_id=movement.id,
                        reference=new_reference(),
                        extra={"movement": movement.to_dict()},
                    )
                )
    return out
