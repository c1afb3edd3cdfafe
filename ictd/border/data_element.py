"""Data elements of airline messages: dates, times, port and state codes, checked.

Every reader takes a ``Segment`` and a list of errors: a bad value adds an error naming the
segment (``DTM+329: '851332' is not a date (YYMMDD)``) and returns ``None``, so a message
reports all its faults at once.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from ictd.border.edifact import Segment
from ictd.exc import FieldError
from ictd.model.issuing_state import issuing_state_of

__all__ = [
    "century_back",
    "edifact_date",
    "edifact_datetime",
    "gender_of",
    "port_code",
    "state_code",
]

_PORT = re.compile(r"[A-Z]{3}\Z")
# DTM format codes (2379) → how they are written
_FORMATS = {"101": "YYMMDD", "102": "CCYYMMDD", "201": "YYMMDDHHMM", "203": "CCYYMMDDHHMM"}
_BY_LENGTH = {6: "101", 8: "102", 10: "201", 12: "203"}
_LENGTHS = {code: length for length, code in _BY_LENGTH.items()}
_GENDERS = {"M": "male", "F": "female", "X": "other", "U": None, "MI": "male", "FI": "female"}


def _read_digits(text: str, code: str) -> datetime:
    """Digits in DTM format ``code`` as a time (faster than ``strptime``, and as strict)."""
    if code in ("102", "203"):
        year, rest = int(text[:4]), text[4:]
    else:
        year, rest = 2000 + int(text[:2]), text[2:]
        if year > 2068:  # as strptime's %y: 69–99 are 1969–1999
            year -= 100
    hour, minute = (int(rest[4:6]), int(rest[6:8])) if len(rest) == 8 else (0, 0)
    return datetime(year, int(rest[:2]), int(rest[2:4]), hour, minute)


def edifact_datetime(
    seg: Segment, text: str, fmt: str, errors: list[FieldError]
) -> datetime | None:
    """A DTM-style value in format ``fmt`` (101, 102, 201, 203; empty: guessed by length)."""
    code = fmt or _BY_LENGTH.get(len(text), "")
    if code not in _FORMATS:
        errors.append(seg.error(f"{text!r} is not a date in a known format ({fmt or 'none'})"))
        return None
    try:
        if len(text) != _LENGTHS[code] or not text.isdigit():
            raise ValueError(text)
        return _read_digits(text, code)
    except ValueError:
        errors.append(seg.error(f"{text!r} is not a date ({_FORMATS[code]})"))
        return None


def edifact_date(
    seg: Segment,
    text: str,
    fmt: str,
    errors: list[FieldError],
    before: date | None = None,
) -> date | None:
    """A date; with ``before`` a two-digit year is put in the century that keeps it on or
    before that day (birth dates), otherwise in 20YY."""
    moment = edifact_datetime(seg, text, fmt, errors)
    if moment is None:
        return None
    day = moment.date()
    two_digit = (fmt or _BY_LENGTH.get(len(text), "")) in ("101", "201")
    if two_digit:
        day = day.replace(year=2000 + day.year % 100)
        if before is not None and day > before:
            day = century_back(day)
    return day


def century_back(day: date) -> date:
    """The same day a hundred years earlier (28 February for a lost 29th)."""
    try:
        return day.replace(year=day.year - 100)
    except ValueError:  # 29 February of a year that is not leap a century earlier
        return day.replace(year=day.year - 100, day=28)


def port_code(seg: Segment, text: str, errors: list[FieldError]) -> str | None:
    """An IATA location code (three letters)."""
    code = text.strip().upper()
    if not _PORT.match(code):
        errors.append(seg.error(f"{text!r} is not a port code (three letters)"))
        return None
    return code


def state_code(seg: Segment, text: str, errors: list[FieldError]) -> str | None:
    """An ICAO/ISO state code as ICTD keeps it (alpha-2, or the ICAO code of an organisation)."""
    state = issuing_state_of(text)
    if state is None:
        errors.append(seg.error(f"{text!r} is not a state code"))
    return state


def gender_of(seg: Segment, text: str, errors: list[FieldError]) -> str | None:
    """M/F/X/U (and PNR's MI/FI for infants) → male/female/other/None."""
    code = text.strip().upper()
    if code not in _GENDERS:
        errors.append(seg.error(f"{text!r} is not a gender code (M, F, X, U)"))
        return None
    return _GENDERS[code]
