"""One traveller of a PAXLST (segment groups 4 and 5): NAD and what follows it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ictd.border.data_element import edifact_date, gender_of, port_code, state_code
from ictd.border.document_key import normalize_document_type
from ictd.border.edifact import Segment
from ictd.border.names import traveller_name
from ictd.exc import FieldError
from ictd.model.manifest import ListType
from ictd.model.passenger import Passenger, TravellerRole
from ictd.model.travel_document import TravelDocument

__all__ = ["TRAVELLER_TAGS", "TravellerDraft", "expand_bag_tags"]

TRAVELLER_TAGS = frozenset(
    {"ATT", "DTM", "GEI", "FTX", "LOC", "EMP", "NAT", "RFF", "DOC", "CPI", "QTY", "COM"}
)
# NAD party qualifier → (role, in transit)
ROLES = {
    "FL": (TravellerRole.PASSENGER, False),
    "FM": (TravellerRole.CREW, False),
    "DDT": (TravellerRole.PASSENGER, True),
    "DDU": (TravellerRole.CREW, True),
}
MAX_BAGS = 99


def expand_bag_tags(first: str, count: int) -> tuple[str, ...]:
    """Consecutive bag tags from the first: ``LH123456``, 2 → ``LH123456``, ``LH123457``."""
    digits = len(first) - len(first.rstrip("0123456789"))
    if not digits or count <= 1:
        return (first,) if first else ()
    head, start = first[:-digits], int(first[-digits:])
    return tuple(f"{head}{start + i:0{digits}d}" for i in range(min(count, MAX_BAGS)))


@dataclass(slots=True)
class _Document:
    type: str
    number: str
    issuing_state: str | None = None
    expiry: date | None = None
    issued: date | None = None


@dataclass(slots=True)
class _Facts:
    """What the segments after NAD said, gathered before the value is made."""

    birth_date: date | None = None
    gender: str | None = None
    nationality: str | None = None
    residence: str | None = None
    birth_place: str | None = None
    embarkation: str | None = None
    debarkation: str | None = None
    record_locator: str | None = None
    traveller_reference: str | None = None
    seat: str | None = None
    documents: list[_Document] = field(default_factory=list)


class TravellerDraft:
    """Collects the segments of one traveller; ``build`` checks them and makes the value."""

    def __init__(
        self,
        nad: Segment,
        position: int,
        list_type: ListType | None,
        today: date,
        errors: list[FieldError],
    ) -> None:
        self.nad = nad
        self.today = today
        self.position = position
        self.errors = errors
        self.start = len(errors)
        self.facts = _Facts()
        self.baggage: list[str] = []
        self.bags = 0
        role = ROLES.get(nad.value(0))
        if role is None:
            errors.append(nad.error("not a passenger (FL, DDT) or crew member (FM, DDU)"))
        elif list_type is ListType.CREW and role[0] is TravellerRole.PASSENGER:
            errors.append(nad.error("a passenger in a crew list (BGM+250)"))
        elif list_type is ListType.PASSENGERS and role[0] is TravellerRole.CREW:
            errors.append(nad.error("a crew member in a passenger list (BGM+745)"))
        self.role = role
        if not nad.value(3):
            errors.append(nad.error("passenger name missing"))

    def add(self, seg: Segment) -> None:
        """Take one segment of the traveller's groups."""
        tag, qualifier = seg.tag, seg.value(0)
        if tag == "DOC":
            number = seg.value(1)
            if not number:
                self.errors.append(seg.error("document number missing"))
            kind = normalize_document_type(seg.value(0, 0))
            self.facts.documents.append(_Document(kind, number))
        elif tag == "DTM":
            self._date(seg)
        elif tag == "LOC":
            self._place(seg, qualifier)
        elif tag == "ATT" and qualifier == "2":
            self.facts.gender = gender_of(seg, seg.value(2), self.errors)
        elif tag == "NAT":
            self.facts.nationality = state_code(seg, seg.value(1), self.errors)
        elif tag == "RFF":
            self._reference(seg)
        elif tag == "FTX" and qualifier == "BAG":
            count = seg.value(3, 1)
            if count and not count.isdigit():
                self.errors.append(seg.error(f"bag count {count!r} is not a number"))
                return
            self.bags += int(count or 1)
            self.baggage.extend(expand_bag_tags(seg.value(3, 0), int(count or 1)))

    def _date(self, seg: Segment) -> None:
        qualifier, text, fmt = seg.value(0, 0), seg.value(0, 1), seg.value(0, 2)
        if qualifier == "329":
            self.facts.birth_date = edifact_date(seg, text, fmt, self.errors, self.today)
        elif qualifier in ("36", "182"):
            docs = self.facts.documents
            if not docs:
                self.errors.append(seg.error("document date before any document (DOC)"))
                return
            day = edifact_date(seg, text, fmt, self.errors)
            if qualifier == "36":
                docs[-1].expiry = day
            else:
                docs[-1].issued = day

    def _place(self, seg: Segment, qualifier: str) -> None:
        if qualifier == "91":
            docs = self.facts.documents
            if not docs:
                self.errors.append(seg.error("issuing state before any document (DOC)"))
                return
            docs[-1].issuing_state = state_code(seg, seg.value(1), self.errors)
        elif qualifier == "178":
            self.facts.embarkation = port_code(seg, seg.value(1), self.errors)
        elif qualifier in ("179", "22"):
            port = port_code(seg, seg.value(1), self.errors)
            if qualifier == "179" or self.facts.debarkation is None:
                self.facts.debarkation = port
        elif qualifier == "174":
            self.facts.residence = state_code(seg, seg.value(1), self.errors)
        elif qualifier == "180":
            self.facts.birth_place = seg.value(1, 3) or seg.value(1, 0) or None

    def _reference(self, seg: Segment) -> None:
        kind, value = seg.value(0, 0), seg.value(0, 1)
        target = {"AVF": "record_locator", "ABO": "traveller_reference", "SEA": "seat"}.get(kind)
        if target is not None:
            if not value:
                self.errors.append(seg.error("reference value missing"))
            setattr(self.facts, target, value or None)

    def build(self) -> Passenger | None:
        """The traveller, or ``None`` when any of its segments was at fault."""
        if len(self.errors) > self.start or self.role is None:
            return None
        facts = self.facts
        role, in_transit = self.role
        return Passenger(
            position=self.position,
            role=role,
            name=traveller_name(self.nad.elements[3]),
            birth_date=facts.birth_date,
            gender=facts.gender,
            nationality=facts.nationality,
            residence=facts.residence,
            birth_place=facts.birth_place,
            documents=tuple(
                TravelDocument(d.type, d.number, d.issuing_state, d.expiry, d.issued)
                for d in facts.documents
            ),
            embarkation=facts.embarkation,
            debarkation=facts.debarkation,
            in_transit=in_transit,
            seat=facts.seat,
            bags=self.bags or None,
            baggage=tuple(self.baggage),
            record_locator=facts.record_locator,
            traveller_reference=facts.traveller_reference,
        )
