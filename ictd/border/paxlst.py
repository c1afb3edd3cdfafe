"""PAXLST (advance passenger information, UN/EDIFACT D02B and later) → ``Manifest``.

The segment mapping follows the WCO/IATA/ICAO API guidelines::

    BGM+745'                      passenger list (250: crew list)
    NAD+MS+++contact'  COM        reporting party (group 1)
    TDT+20+LH400+++LH'            flight (group 2), then per port (group 3):
    LOC+125+FRA' DTM+189:2405011530:201'   departure …
    LOC+87+JFK'  DTM+232:2405011830:201'   … arrival (LOC+92: a port on the way)
    NAD+FL+++SURNAME:GIVEN'       a traveller (group 4): FL passenger, FM crew,
                                  DDT / DDU passenger / crew in transit
    ATT+2++M'  DTM+329:850312'  NAT+2+DEU'  LOC+178+FRA'  LOC+179+JFK'  LOC+174+DEU'
    RFF+AVF:ABC123'  RFF+SEA:12A'  FTX+BAG+++LH123456:2'
    DOC+P:110:111+C01X00T47'  DTM+36:290101'  LOC+91+DEU'   a document (group 5)
    CNT+42:3'                     number of travellers

``read_paxlst`` maps the parts of one message; any fault rejects the whole message.
"""

from __future__ import annotations

from datetime import date, datetime

from ictd.border.data_element import edifact_datetime, port_code
from ictd.border.edifact import Segment
from ictd.border.envelope import MessagePart
from ictd.border.paxlst_traveller import TRAVELLER_TAGS, TravellerDraft
from ictd.exc import FieldError, InvalidInput
from ictd.model.manifest import FlightLeg, ListType, Manifest, MessageType
from ictd.model.passenger import Passenger

__all__ = ["PAXLST_TAGS", "read_paxlst"]

_HEADER_TAGS = frozenset({"BGM", "RFF", "DTM", "NAD", "COM", "CTA"})
_FLIGHT_TAGS = frozenset({"TDT", "LOC", "DTM"})
PAXLST_TAGS = _HEADER_TAGS | _FLIGHT_TAGS | TRAVELLER_TAGS | {"CNT"}
_LISTS = {"745": ListType.PASSENGERS, "250": ListType.CREW}
_PORT_QUALIFIERS = {"125": "departure", "87": "arrival", "92": "routing"}


class _Part:
    """Reads one part (UNH … UNT) of a PAXLST message."""

    def __init__(self, part: MessagePart, first_position: int, today: date) -> None:
        self.part = part
        self.today = today
        self.errors: list[FieldError] = []
        self.list_type: ListType | None = None
        self.flight: Segment | None = None
        self.legs: list[FlightLeg] = []
        self.ports: list[tuple[Segment, str | None, dict[str, datetime | None]]] = []
        self.travellers: list[Passenger] = []
        self.position = first_position
        self.first_position = first_position
        self.draft: TravellerDraft | None = None
        self.count: Segment | None = None

    def read(self) -> None:
        segments = self.part.segments
        if not segments or segments[0].tag != "BGM":
            where = segments[0] if segments else self.part.trailer
            self.errors.append(where.error("a PAXLST starts with BGM"))
        for seg in segments:
            self._segment(seg)
        self._close_traveller()
        self._close_flight()
        if self.flight is None:
            self.errors.append(self.part.header.error("no flight (TDT) in the message"))
        if self.count is None:
            self.errors.append(self.part.trailer.error("CNT (number of travellers) missing"))

    def _segment(self, seg: Segment) -> None:
        tag = seg.tag
        if tag not in PAXLST_TAGS:
            self.errors.append(seg.error("not a PAXLST segment"))
        elif self.count is not None:
            self.errors.append(seg.error("after the count of travellers (CNT)"))
        elif tag == "CNT":
            self._close_traveller()
            self._count(seg)
        elif tag == "NAD" and seg.value(0) != "MS":
            self._start_traveller(seg)
        elif self.draft is not None:
            if tag in TRAVELLER_TAGS:
                self.draft.add(seg)
            else:
                self.errors.append(seg.error("not expected among a traveller's segments"))
        elif tag == "BGM":
            self._list_type(seg)
        elif tag == "TDT":
            self._close_flight()
            self.flight = seg
        elif self.flight is not None and tag in _FLIGHT_TAGS:
            self._port(seg)
        elif self.flight is None and tag in _HEADER_TAGS:
            return  # reporting party, references: not kept
        elif self.flight is None:
            self.errors.append(seg.error("not expected before the flight (TDT)"))
        else:
            where = "after the flight (TDT) and before the first traveller (NAD)"
            self.errors.append(seg.error(f"not expected {where}"))

    def _list_type(self, seg: Segment) -> None:
        self.list_type = _LISTS.get(seg.value(0))
        if self.list_type is None:
            self.errors.append(seg.error("document code is not 745 (passengers) or 250 (crew)"))

    def _port(self, seg: Segment) -> None:
        if seg.tag == "LOC":
            kind = _PORT_QUALIFIERS.get(seg.value(0))
            if kind is None:
                self.errors.append(seg.error("not a departure (125), arrival (87) or routing (92)"))
                return
            self.ports.append((seg, port_code(seg, seg.value(1), self.errors), {}))
        elif not self.ports:
            self.errors.append(seg.error("date before the first port (LOC)"))
        elif seg.value(0, 0) in ("189", "232"):
            moment = edifact_datetime(seg, seg.value(0, 1), seg.value(0, 2), self.errors)
            self.ports[-1][2][seg.value(0, 0)] = moment

    def _close_flight(self) -> None:
        if self.flight is None:
            return
        flight = self.flight
        if not self.ports:
            self.errors.append(flight.error("departure (LOC+125) and arrival (LOC+87) missing"))
            return
        carrier = flight.value(4) or flight.value(1)[:2]
        reference = flight.value(1)
        number = reference[len(carrier) :] if reference.startswith(carrier) else reference
        if not reference:
            self.errors.append(flight.error("flight number missing"))
        for (_, dep, times), (_, arr, arr_times) in zip(self.ports, self.ports[1:], strict=False):
            if dep is None or arr is None:
                continue
            leg = FlightLeg(carrier, number, dep, arr, times.get("189"), arr_times.get("232"))
            self.legs.append(leg)
        if len(self.ports) < 2:
            self.errors.append(self.ports[0][0].error("a flight needs a departure and an arrival"))
        self.ports = []

    def _start_traveller(self, seg: Segment) -> None:
        self._close_traveller()
        if self.flight is None:
            self.errors.append(seg.error("traveller before the flight (TDT)"))
        self.draft = TravellerDraft(seg, self.position, self.list_type, self.today, self.errors)
        self.position += 1

    def _close_traveller(self) -> None:
        if self.draft is not None:
            passenger = self.draft.build()
            if passenger is not None:
                self.travellers.append(passenger)
            self.draft = None

    def _count(self, seg: Segment) -> None:
        self.count = seg
        counted = seg.value(0, 1)
        found = self.position - self.first_position
        if seg.value(0, 0) not in ("41", "42"):
            self.errors.append(seg.error("not a count of crew (41) or passengers (42)"))
        elif counted != str(found):
            self.errors.append(seg.error(f"counts {counted or 'nothing'} travellers, "
                                         f"the message has {found}"))  # fmt: skip


def read_paxlst(parts: tuple[MessagePart, ...], prepared_at: datetime) -> Manifest:
    """Map the parts of one PAXLST message; raises ``InvalidInput`` with every fault.

    ``prepared_at`` (from UNB) puts two-digit birth years in their century."""
    errors: list[FieldError] = []
    readers: list[_Part] = []
    position = 1
    for part in parts:
        if part.type != MessageType.PAXLST:
            errors.append(part.header.error(f"message type {part.type}, expected PAXLST"))
            continue
        reader = _Part(part, position, prepared_at.date())
        reader.read()
        errors.extend(reader.errors)
        position = reader.position
        readers.append(reader)
    if readers:
        _check_same_flight(readers, errors)
    if errors or not readers:
        first = errors[0] if errors else FieldError("message", "empty")
        raise InvalidInput(f"invalid PAXLST: {first.field}: {first.message}", errors)
    head = readers[0]
    assert head.list_type is not None  # no errors: BGM was read
    return Manifest(
        message_reference=head.part.reference,
        message_type=MessageType.PAXLST,
        version=head.part.version,
        list_type=head.list_type,
        legs=tuple(head.legs),
        passengers=tuple(p for r in readers for p in r.travellers),
        common_access_reference=head.part.common_access_reference,
        parts=len(readers),
    )


def _check_same_flight(readers: list[_Part], errors: list[FieldError]) -> None:
    first = readers[0]
    for reader in readers[1:]:
        if reader.legs != first.legs and reader.flight is not None:
            errors.append(reader.flight.error("part of a different flight than part 01"))
        if reader.list_type != first.list_type and reader.list_type is not None:
            errors.append(reader.part.segments[0].error("list type differs from part 01"))
