"""PNRGOV (PNR push, version 11.1 and later) → ``Manifest`` of bookings and travellers.

The segment mapping follows the PNRGOV implementation guide's groups::

    MSG+:22'  ORG+LH:FRA'  TVL+010524:1530+FRA+JFK+LH+400'  EQN+2'   header: the flight
    SRC'                                   a PNR (group 1) …
      RCI+LH:ABC123::150424:1012'          record locator, booking date and time
      ORG+1A:MUC+12345678:MUC1A0'          who booked (travel agency IATA number)
      TIF+SMITH:A+JOHN MR:A:1'             a traveller (group 2), reference 1 …
        SSR+DOCS:HK:1:LH:::::/P/GBR/…'     … document, nationality, birth date, gender
        SSR+DOCA:HK:1:LH:::::/R/GBR'       … country of residence
        TKT+2201234567890:T:1'  FOP+CC'    … ticket and form of payment
      TVL+010524:1530:010524:1830+FRA+JFK+LH+400:Y'   itinerary (group 5) …
        SSR+SEAT:HK:1:LH:::FRA:JFK+12A::1' … seat of traveller 1
        TRI  TIF  SSD+12A'  TBD+++2:23:700++HP+LH:0220123456:2'   check-in: seat, bags

Travellers are numbered in order over the whole message; a booking lists its travellers,
so those on the same booking are its co-travellers.
"""

from __future__ import annotations

from datetime import date, datetime

from ictd.border.edifact import Segment
from ictd.border.envelope import MessagePart
from ictd.border.pnr_booking import BookingDraft
from ictd.border.pnr_element import flight_leg
from ictd.exc import FieldError, InvalidInput
from ictd.model.manifest import Booking, FlightLeg, ListType, Manifest, MessageType
from ictd.model.passenger import Passenger

__all__ = ["PNRGOV_TAGS", "read_pnrgov"]

_HEADER_TAGS = frozenset({"MSG", "ORG", "TVL", "EQN", "DAT"})
PNR_TAGS = frozenset(
    {
        "RCI", "SSR", "DAT", "IFT", "ORG", "ADD", "EBD", "TIF", "FTI", "REF", "FAR", "TKT",
        "MON", "PTK", "TXD", "FOP", "TVL", "RPI", "APD", "TRI", "SSD", "TBD", "ABI", "SAC",
        "LTS", "EQN", "CPI",
    }
)  # fmt: skip
PNRGOV_TAGS = _HEADER_TAGS | PNR_TAGS | {"SRC"}


class _Part:
    """Reads one part (UNH … UNT) of a PNRGOV message."""

    def __init__(self, part: MessagePart, first_position: int, today: date) -> None:
        self.part = part
        self.today = today
        self.errors: list[FieldError] = []
        self.flight: FlightLeg | None = None
        self.flight_seg: Segment | None = None
        self.count: Segment | None = None
        self.drafts: list[BookingDraft] = []
        self.position = first_position

    def read(self) -> None:
        segments = self.part.segments
        if not segments or segments[0].tag != "MSG":
            where = segments[0] if segments else self.part.trailer
            self.errors.append(where.error("a PNRGOV starts with MSG"))
        for seg in segments:
            self._segment(seg)
        if self.flight_seg is None:
            self.errors.append(self.part.header.error("no flight (TVL) in the message"))
        if self.count is not None and self.count.value(0) != str(len(self.drafts)):
            found = len(self.drafts)
            self.errors.append(self.count.error(
                f"counts {self.count.value(0) or 'nothing'} PNRs, the message has {found}"
            ))  # fmt: skip
        for draft in self.drafts:
            draft.finish()

    def _segment(self, seg: Segment) -> None:
        tag = seg.tag
        if tag not in PNRGOV_TAGS:
            self.errors.append(seg.error("not a PNRGOV segment"))
        elif tag == "SRC":
            if self.flight_seg is None:
                self.errors.append(seg.error("PNR before the flight (TVL)"))
            draft = BookingDraft(seg, self.flight, self.position, self.today, self.errors)
            self.drafts.append(draft)
        elif self.drafts:
            self.drafts[-1].add(seg)
            self.position = self.drafts[-1].next_position
        elif tag == "TVL" and self.flight_seg is None:
            self.flight_seg = seg
            self.flight = flight_leg(seg, self.errors)
        elif tag == "EQN" and self.count is None:
            self.count = seg
        elif tag in ("MSG", "ORG", "DAT") and (tag != "MSG" or seg is self.part.segments[0]):
            return  # message function, sender, dates: not kept
        else:
            self.errors.append(seg.error("outside a PNR (before the first SRC)"))


def read_pnrgov(parts: tuple[MessagePart, ...], prepared_at: datetime) -> Manifest:
    """Map the parts of one PNRGOV message; raises ``InvalidInput`` with every fault."""
    errors: list[FieldError] = []
    readers: list[_Part] = []
    position = 1
    for part in parts:
        if part.type != MessageType.PNRGOV:
            errors.append(part.header.error(f"message type {part.type}, expected PNRGOV"))
            continue
        reader = _Part(part, position, prepared_at.date())
        reader.read()
        errors.extend(reader.errors)
        position = reader.position
        readers.append(reader)
    for reader in readers[1:]:
        if reader.flight != readers[0].flight and reader.flight_seg is not None:
            errors.append(reader.flight_seg.error("part of a different flight than part 01"))
    if errors or not readers:
        first = errors[0] if errors else FieldError("message", "empty")
        raise InvalidInput(f"invalid PNRGOV: {first.field}: {first.message}", errors)
    head = readers[0]
    assert head.flight is not None  # no errors: the flight was read
    bookings: list[Booking] = []
    passengers: list[Passenger] = []
    for reader in readers:
        for draft in reader.drafts:
            booking, travellers = draft.build()
            bookings.append(booking)
            passengers.extend(travellers)
    return Manifest(
        message_reference=head.part.reference,
        message_type=MessageType.PNRGOV,
        version=head.part.version,
        list_type=ListType.BOOKINGS,
        legs=(head.flight,),
        passengers=tuple(passengers),
        bookings=tuple(bookings),
        common_access_reference=head.part.common_access_reference,
        parts=len(readers),
    )
