"""One PNR of a PNRGOV message (from SRC to the next SRC): booking, travellers, itinerary.

Segments are read in context: after ``TIF`` they describe that traveller, after ``TVL`` that
itinerary segment, after ``TRI`` the check-in on it (a ``TIF`` there names whose seat and
bags follow). Seats and bags count only on the flight the message reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ictd.border.data_element import state_code
from ictd.border.edifact import Segment
from ictd.border.names import traveller_name
from ictd.border.paxlst_traveller import expand_bag_tags
from ictd.border.pnr_element import flight_leg, pnr_datetime, read_docs, ssr_text
from ictd.exc import FieldError
from ictd.model.manifest import Booking, FlightLeg
from ictd.model.passenger import Passenger, TravellerRole
from ictd.model.travel_document import TravelDocument

__all__ = ["PAYMENTS", "BookingDraft"]

# form of payment codes (FOP 9888) → ICTD's words
PAYMENTS = {
    "CA": "cash",
    "CC": "credit-card",
    "DC": "debit-card",
    "CK": "cheque",
    "IN": "invoice",
    "MS": "miscellaneous",
    "GR": "government-request",
    "VO": "voucher",
}
_CONTEXT_TAGS = {"TIF": "traveller", "TVL": "itinerary", "TRI": "checkin"}
_READ_TAGS = frozenset({"RCI", "ORG", "TIF", "SSR", "TKT", "FOP", "TVL", "SSD", "TBD"})


@dataclass(slots=True)
class _Traveller:
    tif: Segment
    position: int
    reference: str
    documents: list[TravelDocument] = field(default_factory=list)
    nationality: str | None = None
    birth_date: date | None = None
    gender: str | None = None
    residence: str | None = None
    ticket: str | None = None
    seat: str | None = None
    bags: int = 0
    baggage: list[str] = field(default_factory=list)


class BookingDraft:
    """Collects one PNR's segments; ``finish`` checks it, ``build`` makes the values."""

    def __init__(
        self,
        src: Segment,
        flight: FlightLeg | None,
        first_position: int,
        today: date,
        errors: list[FieldError],
    ) -> None:
        self.src = src
        self.flight = flight
        self.today = today
        self.errors = errors
        self.next_position = first_position
        self.rci: Segment | None = None
        self.locator = ""
        self.booked_at: datetime | None = None
        self.agency: str | None = None
        self.payment: str | None = None
        self.segments: list[FlightLeg] = []
        self.travellers: list[_Traveller] = []
        self.context = "pnr"
        self.on_flight = False  # the current itinerary segment is the reported flight
        self.checked: _Traveller | None = None

    def add(self, seg: Segment) -> None:
        """Take the next segment of the PNR."""
        tag = seg.tag
        if tag in _CONTEXT_TAGS and not (tag == "TIF" and self.context == "checkin"):
            self.context = _CONTEXT_TAGS[tag]
        if tag in _READ_TAGS:  # the others (IFT, DAT, RPI, APD…) are not kept
            getattr(self, f"_{tag.lower()}")(seg)

    def _rci(self, seg: Segment) -> None:
        if self.rci is not None or self.context != "pnr":
            self.errors.append(seg.error("RCI is expected once, right after SRC"))
            return
        self.rci = seg
        self.locator = seg.value(0, 1)
        if not self.locator:
            self.errors.append(seg.error("record locator missing"))
        self.booked_at = pnr_datetime(seg, seg.value(0, 3), seg.value(0, 4), self.errors)

    def _org(self, seg: Segment) -> None:
        if self.context == "pnr":
            self.agency = seg.value(1) or self.agency

    def _tif(self, seg: Segment) -> None:
        reference = seg.value(1, 2)
        if self.context == "checkin":
            self.checked = next((t for t in self.travellers if t.reference == reference), None)
            if self.checked is None:
                self.errors.append(seg.error(f"checked-in traveller {reference!r} not in the PNR"))
            return
        if not seg.value(0):
            self.errors.append(seg.error("passenger name missing"))
        self.travellers.append(_Traveller(seg, self.next_position, reference))
        self.next_position += 1

    def _ssr(self, seg: Segment) -> None:
        code = seg.value(0)
        traveller = self.travellers[-1] if self.travellers else None
        if code == "SEAT" and self.context == "itinerary":
            target = self._by_reference(seg.value(1, 2))
            if target is not None and self.on_flight:
                target.seat = seg.value(1, 0) or None
        elif code in ("DOCS", "DOCA") and (self.context != "traveller" or traveller is None):
            self.errors.append(seg.error("outside a traveller (TIF)"))
        elif code == "DOCS" and traveller is not None:
            item = read_docs(seg, self.today, self.errors)
            if item.document is not None:
                traveller.documents.append(item.document)
            traveller.nationality = item.nationality or traveller.nationality
            traveller.birth_date = item.birth_date or traveller.birth_date
            traveller.gender = item.gender or traveller.gender
        elif code == "DOCA" and traveller is not None:
            fields = ssr_text(seg).split("/")
            if len(fields) > 2 and fields[1] == "R" and fields[2]:
                traveller.residence = state_code(seg, fields[2], self.errors)

    def _tkt(self, seg: Segment) -> None:
        if self.context == "traveller" and self.travellers:
            self.travellers[-1].ticket = seg.value(0) or None

    def _fop(self, seg: Segment) -> None:
        code = seg.value(0).upper()
        if not code:
            self.errors.append(seg.error("form of payment code missing"))
        elif self.payment is None:
            self.payment = PAYMENTS.get(code, code.lower())

    def _tvl(self, seg: Segment) -> None:
        leg = flight_leg(seg, self.errors)
        if leg is not None:
            self.segments.append(leg)
        flight = self.flight
        self.on_flight = (
            leg is not None
            and flight is not None
            and (leg.flight, leg.departure_port) == (flight.flight, flight.departure_port)
        )
        self.checked = None

    def _ssd(self, seg: Segment) -> None:
        if self.context != "checkin" or self.checked is None:
            self.errors.append(seg.error("seat (SSD) outside a checked-in traveller"))
        elif self.on_flight:
            self.checked.seat = seg.value(0) or self.checked.seat

    def _tbd(self, seg: Segment) -> None:
        if self.context != "checkin" or self.checked is None:
            self.errors.append(seg.error("bags (TBD) outside a checked-in traveller"))
            return
        count = seg.value(2)
        if count and not count.isdigit():
            self.errors.append(seg.error(f"bag count {count!r} is not a number"))
            return
        if self.on_flight:
            self.checked.bags += int(count or 0)
            tag = seg.elements[-1] if seg.elements else ()
            if len(tag) >= 2 and tag[1]:
                qty = int(tag[2]) if len(tag) > 2 and tag[2].isdigit() else 1
                self.checked.baggage.extend(expand_bag_tags(tag[0] + tag[1], qty))

    def _by_reference(self, reference: str) -> _Traveller | None:
        if not reference and len(self.travellers) == 1:
            return self.travellers[0]
        return next((t for t in self.travellers if t.reference == reference), None)

    def finish(self) -> None:
        """Check what a PNR must have: a record locator and at least one traveller."""
        if self.rci is None:
            self.errors.append(self.src.error("RCI (record locator) missing"))
        if not self.travellers:
            self.errors.append(self.src.error("no traveller (TIF) in the PNR"))

    def build(self) -> tuple[Booking, list[Passenger]]:
        """The booking and its travellers (call only when no error was found)."""
        passengers = [
            Passenger(
                position=t.position,
                role=TravellerRole.PASSENGER,
                name=traveller_name(tuple(t.tif.value(i) for i in range(len(t.tif.elements)))),
                birth_date=t.birth_date,
                gender=t.gender,
                nationality=t.nationality,
                residence=t.residence,
                documents=tuple(t.documents),
                seat=t.seat,
                bags=t.bags or None,
                baggage=tuple(t.baggage),
                record_locator=self.locator,
                traveller_reference=t.reference or None,
                ticket=t.ticket,
            )
            for t in self.travellers
        ]
        booking = Booking(
            record_locator=self.locator,
            booked_at=self.booked_at,
            agency=self.agency,
            payment=self.payment,
            segments=tuple(self.segments),
            passengers=tuple(p.position for p in passengers),
        )
        return booking, passengers
