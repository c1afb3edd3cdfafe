"""Data elements particular to PNRGOV: TVL flight details, SSR DOCS documents, bag tags.

PNRGOV writes dates as DDMMYY and times as HHMM (``TVL+010524:1530:010524:1830+FRA+JFK+
LH+400'``); document details travel as the free text of an ``SSR DOCS`` item, the way the
airline took them (``/P/GBR/123456789/GBR/12JUL64/M/23AUG29/SMITH/JOHN``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ictd.border.data_element import century_back, gender_of, port_code, state_code
from ictd.border.document_key import normalize_document_type
from ictd.border.edifact import Segment
from ictd.exc import FieldError
from ictd.model.manifest import FlightLeg
from ictd.model.travel_document import TravelDocument

__all__ = ["DocsItem", "flight_leg", "pnr_datetime", "read_docs", "ssr_text"]


def pnr_datetime(seg: Segment, day: str, time: str, errors: list[FieldError]) -> datetime | None:
    """``DDMMYY`` and ``HHMM`` (optional) as one local time; ``None`` when ``day`` is empty."""
    if not day:
        return None
    clock = time or "0000"
    try:
        if len(day) != 6 or len(clock) != 4 or not (day + clock).isdigit():
            raise ValueError(day)  # strptime alone would take single digits
        return datetime.strptime(day + clock, "%d%m%y%H%M")
    except ValueError:
        errors.append(seg.error(f"{day}:{time} is not a date and time (DDMMYY:HHMM)"))
        return None


def flight_leg(seg: Segment, errors: list[FieldError]) -> FlightLeg | None:
    """A TVL segment's flight: times, ports, carrier, number."""
    start = len(errors)
    departs = pnr_datetime(seg, seg.value(0, 0), seg.value(0, 1), errors)
    arrives = pnr_datetime(seg, seg.value(0, 2), seg.value(0, 3), errors)
    dep = port_code(seg, seg.value(1), errors)
    arr = port_code(seg, seg.value(2), errors)
    carrier, number = seg.value(3), seg.value(4)
    if not carrier or not number:
        errors.append(seg.error("carrier and flight number missing"))
    if len(errors) > start or dep is None or arr is None:
        return None
    return FlightLeg(carrier, number, dep, arr, departs, arrives)


def ssr_text(seg: Segment) -> str:
    """The free text of an SSR item (the component that starts with ``/``)."""
    for component in seg.elements[0] if seg.elements else ():
        if component.startswith("/"):
            return component
    return ""


@dataclass(frozen=True, slots=True)
class DocsItem:
    """What an SSR DOCS says about its traveller."""

    document: TravelDocument | None
    nationality: str | None
    birth_date: date | None
    gender: str | None


_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def _docs_date(seg: Segment, text: str, errors: list[FieldError]) -> date | None:
    """``12JUL64`` (English month abbreviations whatever the locale); years in 20YY."""
    if not text:
        return None
    clean = text.upper()
    month = _MONTHS.index(clean[2:5]) + 1 if clean[2:5] in _MONTHS else 0
    try:
        return date(2000 + int(clean[5:7]), month, int(clean[:2]))
    except ValueError:
        errors.append(seg.error(f"{text!r} is not a date (DDMMMYY)"))
        return None


def read_docs(seg: Segment, today: date, errors: list[FieldError]) -> DocsItem:
    """Read ``/type/issuer/number/nationality/birth/gender/expiry/surname/given``."""
    fields = ssr_text(seg).split("/")[1:] + [""] * 10
    doc_type, issuer, number, nationality, birth, gender, expiry = fields[:7]
    start = len(errors)
    birth_date = _docs_date(seg, birth, errors)
    if birth_date is not None and birth_date > today:
        birth_date = century_back(birth_date)
    expiry_date = _docs_date(seg, expiry, errors)
    state = state_code(seg, issuer, errors) if issuer else None
    document = None
    if number:
        kind = normalize_document_type(doc_type or "P")
        document = TravelDocument(kind, number, state, expiry_date)
    elif doc_type:
        errors.append(seg.error("document number missing"))
    nat = state_code(seg, nationality, errors) if nationality else None
    sex = gender_of(seg, gender, errors) if gender else None
    if len(errors) > start:
        return DocsItem(None, None, None, None)
    return DocsItem(document, nat, birth_date, sex)
