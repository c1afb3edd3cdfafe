"""Validation and normalisation of property values, by property type.

``clean_value(prop, value, qualifier)`` returns the value as stored, its normalised
form (used for exact look-ups and search) and the qualifier, or raises ``ValueError``
with a message that names what is wrong (the caller adds the field path).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ictd.model.country import is_country_code
from ictd.model.schema import Property, PropertyType
from ictd.model.text import is_invisible, text_problem

__all__ = [
    "DateValue",
    "clean_value",
    "normalize_identifier",
    "normalize_text",
    "parse_date",
]

MAX_VALUE_LENGTH = 4000
_DATE_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SPACE = re.compile(r"\s+")
GENDERS = frozenset({"male", "female", "other"})
MULTILINE_TYPES = frozenset({PropertyType.TEXT, PropertyType.ADDRESS})
"""Value types that may span lines (and keep bidirectional isolates): see ``model.text``."""


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date or a range of dates with its precision: ``year``, ``month``, ``day`` or ``range``."""

    earliest: date
    latest: date
    precision: str


def _parse_one(text: str) -> DateValue:
    m = _DATE_PART.match(text)
    if not m:
        raise ValueError(f"{text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(m.group(1))
    if not 1000 <= year <= 2999:
        raise ValueError(f"year {year} is out of range")
    if m.group(2) is None:
        return DateValue(date(year, 1, 1), date(year, 12, 31), "year")
    month = int(m.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is out of range in {text!r}")
    last_day = calendar.monthrange(year, month)[1]
    if m.group(3) is None:
        return DateValue(date(year, month, 1), date(year, month, last_day), "month")
    day = int(m.group(3))
    if not 1 <= day <= last_day:
        raise ValueError(f"day {day} is out of range in {text!r}")
    exact = date(year, month, day)
    return DateValue(exact, exact, "day")


def parse_date(text: str) -> DateValue:
    """Parse ``1975``, ``1975-03``, ``1975-03-12`` or a range ``1970/1975``.

    >>> parse_date("1970/1975").precision
    'range'
    """
    return _parse_date(text)


@lru_cache(maxsize=4096)
def _parse_date(text: str) -> DateValue:
    """``parse_date``, remembered: a traveller's birth date is parsed when the report is
    checked, when its query is made and when the query is prepared (a ``DateValue`` is
    immutable; a text that does not parse raises every time)."""
    text = text.strip()
    if "/" in text:
        start_text, _, end_text = text.partition("/")
        start, end = _parse_one(start_text.strip()), _parse_one(end_text.strip())
        if end.latest < start.earliest:
            raise ValueError(f"range {text!r} ends before it starts")
        return DateValue(start.earliest, end.latest, "range")
    return _parse_one(text)


def normalize_text(text: str) -> str:
    """NFKC, case-folded, single-spaced: the form used for exact look-ups of names."""
    # NFKC again after case folding: folding can expand a letter (ß → ss) so that a
    # following combining mark composes only then; the result is a fixed point.
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return _SPACE.sub(" ", folded).strip()


def normalize_identifier(text: str) -> str:
    """Upper-case letters and digits only: ``"ab-123 456"`` → ``"AB123456"``."""
    out = text
    for _ in range(3):  # dropping a separator can let NFKC compose again (Hangul jamo)
        folded = unicodedata.normalize("NFKC", out).upper()
        kept = "".join(ch for ch in folded if ch.isalnum())
        if kept == out:
            break
        out = kept
    return out


def _clean_country(text: str) -> str:
    code = text.strip().upper()
    if not is_country_code(code):
        raise ValueError(f"{text!r} is not an ISO 3166-1 alpha-2 country code")
    return code


def clean_value(
    prop: Property, value: str, qualifier: str | None = None
) -> tuple[str, str, str | None]:
    """Validate ``value`` for ``prop``; return ``(value, normalised, qualifier)``."""
    if not isinstance(value, str):
        raise ValueError("must be a string")
    problem = text_problem(value, multiline=prop.type in MULTILINE_TYPES)
    if problem:
        raise ValueError(problem)
    text = _SPACE.sub(" ", unicodedata.normalize("NFC", value)).strip()
    if not text:
        raise ValueError("must not be empty")
    if is_invisible(text):
        raise ValueError("has no visible character (only spaces or zero-width characters)")
    if len(text) > MAX_VALUE_LENGTH:
        raise ValueError(f"is longer than {MAX_VALUE_LENGTH} characters")
    if qualifier is not None:
        if not prop.qualified:
            raise ValueError(f"property {prop.name!r} takes no qualifier")
        qualifier = _clean_country(qualifier)
    kind = prop.type
    if kind is PropertyType.DATE:
        parse_date(text)
        return text, text, qualifier
    if kind is PropertyType.COUNTRY:
        code = _clean_country(text)
        return code, code, qualifier
    if kind is PropertyType.GENDER:
        folded = text.casefold()
        if folded not in GENDERS:
            raise ValueError(f"{text!r} is not one of {', '.join(sorted(GENDERS))}")
        return folded, folded, qualifier
    if kind is PropertyType.IDENTIFIER:
        norm = normalize_identifier(text)
        if not norm:
            raise ValueError(f"{text!r} has no letters or digits")
        return text, norm, qualifier
    if kind is PropertyType.EMAIL:
        if not _EMAIL.match(text):
            raise ValueError(f"{text!r} is not an e-mail address")
        return text, text.casefold(), qualifier
    if kind is PropertyType.PHONE:
        digits = "".join(ch for ch in text if ch.isdigit())
        if len(digits) < 5:
            raise ValueError(f"{text!r} is not a phone number")
        return text, digits, qualifier
    return text, normalize_text(text), qualifier
