"""ICAO 9303 machine-readable zones (parts 3–5, 7): TD1, TD2, TD3 and MRV-A/MRV-B visas.

``parse_mrz`` reads the text a document reader returns (lines of ``A``–``Z``, ``0``–``9``
and ``<``) into an ``MrzReading``: document code and category, issuing state, number,
names, nationality, birth date, sex, expiry, optional data — and which check digits
failed. A failed check digit does not raise (the reader may have misread a character, and
the data is still worth screening); text that is no MRZ at all raises ``InvalidInput``.

Check digits: each character's value (digits as such, ``A``=10 … ``Z``=35, ``<``=0) times
the repeating weights 7, 3, 1, summed, modulo 10. Long document numbers (more than nine
characters, TD1 and TD2) continue in the optional data, marked by ``<`` in the check-digit
position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ictd.border.document_key import normalize_document_type
from ictd.border.names import parse_mrz_name
from ictd.exc import FieldError, InvalidInput
from ictd.model.issuing_state import issuing_state_of
from ictd.model.passenger import TravellerName
from ictd.model.travel_document import TravelDocument

__all__ = ["MrzReading", "check_digit", "parse_mrz"]

_BAD = re.compile(r"[^A-Z0-9<]")
_WEIGHTS = (7, 3, 1)
_SEX = {"M": "male", "F": "female", "X": "other", "<": None}
# (lines, width) → format; a ``V`` document code makes TD2/TD3 widths an MRV-B/MRV-A visa
_FORMATS = {(3, 30): "TD1", (2, 36): "TD2", (2, 44): "TD3"}


def _value(ch: str) -> int:
    if ch.isdigit():
        return ord(ch) - 48
    if ch == "<":
        return 0
    return ord(ch) - 55  # A = 10


def check_digit(text: str) -> str:
    """The ICAO 9303 check digit of ``text``: ``check_digit("L898902C3") == "6"``."""
    total = sum(_value(ch) * _WEIGHTS[i % 3] for i, ch in enumerate(text))
    return str(total % 10)


@dataclass(frozen=True, slots=True)
class MrzReading:
    """What a machine-readable zone says. ``failed_checks`` names each check digit that did
    not agree (``document_number``, ``birth_date``, ``expiry``, ``optional_data``,
    ``composite``); ``invalid_fields`` each field that could not be read (a date of
    ``<<<<<<`` or month 13)."""

    format: str
    document_code: str
    issuing_code: str
    number: str
    name: TravellerName
    nationality_code: str
    birth_date: date | None
    sex: str | None
    expiry: date | None
    optional_data: tuple[str, ...]
    failed_checks: tuple[str, ...]
    invalid_fields: tuple[str, ...] = ()

    @property
    def is_valid(self) -> bool:
        """Every check digit agrees and every field could be read."""
        return not self.failed_checks and not self.invalid_fields

    @property
    def issuing_state(self) -> str | None:
        return issuing_state_of(self.issuing_code)

    @property
    def nationality(self) -> str | None:
        return issuing_state_of(self.nationality_code)

    @property
    def document_type(self) -> str:
        """The ICAO category letter (``P``, ``I``, ``A``, ``C``, ``V``)."""
        return normalize_document_type(self.document_code)

    def document(self) -> TravelDocument:
        """The reading as a ``TravelDocument``."""
        return TravelDocument(self.document_type, self.number, self.issuing_state, self.expiry)


def _lines(text: str) -> list[str]:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if len(lines) == 1 and len(lines[0]) in (90, 72, 88):
        one = lines[0]
        width = {90: 30, 72: 36, 88: 44}[len(one)]
        lines = [one[i : i + width] for i in range(0, len(one), width)]
    errors: list[FieldError] = []
    for i, line in enumerate(lines):
        found = _BAD.search(line)
        if found is not None:
            where, column = f"mrz.line{i + 1}", found.start() + 1
            message = f"character {found.group()!r} at column {column}: only A-Z, 0-9 and <"
            errors.append(FieldError(where, message))
    if errors:
        raise InvalidInput(f"not a machine-readable zone: {errors[0].message}", errors)
    return lines


def _date(text: str, birth: bool, today: date) -> date | None:
    if not text.isdigit():
        return None
    year, month, day = int(text[:2]), int(text[2:4]), int(text[4:])
    century = 2000 if (not birth or 2000 + year <= today.year) else 1900
    if not birth and 2000 + year > today.year + 50:
        century = 1900
    try:
        found = date(century + year, month, day)
    except ValueError:
        return None
    if birth and found > today:
        return None
    return found


class _Checks:
    def __init__(self) -> None:
        self.failed: list[str] = []

    def verify(self, name: str, field: str, digit: str) -> None:
        if digit == "<" and set(field) <= {"<"}:
            return
        if check_digit(field) != digit:
            self.failed.append(name)


def _number(raw: str, digit: str, overflow: str) -> tuple[str, str, str]:
    """Number, its check digit and the optional data left, unfolding a long number."""
    if digit != "<" or not overflow.strip("<"):
        return raw, digit, overflow
    rest = overflow.split("<", 1)[0]
    remainder = overflow[len(rest) :]
    return raw + rest[:-1], rest[-1:], remainder


def parse_mrz(text: str, today: date) -> MrzReading:
    """Read a TD1, TD2, TD3 or visa MRZ. ``today`` puts two-digit years in their century.

    >>> zone = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\\n"
    >>> zone += "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
    >>> reading = parse_mrz(zone, date(2010, 1, 1))
    >>> reading.number, reading.name.display, str(reading.birth_date), reading.failed_checks
    ('L898902C3', 'ANNA MARIA ERIKSSON', '1974-08-12', ())
    """
    lines = _lines(text)
    shape = (len(lines), len(lines[0]) if lines else 0)
    fmt = _FORMATS.get(shape)
    if fmt is None or any(len(line) != shape[1] for line in lines):
        widths = "/".join(str(len(line)) for line in lines) or "nothing"
        raise InvalidInput.field(
            "mrz", f"lines of {widths} characters: not TD1 (3×30), TD2 (2×36) or TD3 (2×44)"
        )
    visa = lines[0][0] == "V" and fmt != "TD1"
    if fmt == "TD1":
        return _td1(lines, today)
    return _two_line(lines, fmt, visa, today)


def _two_line(lines: list[str], fmt: str, visa: bool, today: date) -> MrzReading:
    top, bottom = lines
    width = len(top)
    checks = _Checks()
    end = width - 1 if not visa else width  # TD2/TD3 end with the composite check digit
    optional = bottom[28:end]
    number, digit, optional = _number(bottom[0:9], bottom[9], optional)
    checks.verify("document_number", number, digit)
    checks.verify("birth_date", bottom[13:19], bottom[19])
    checks.verify("expiry", bottom[21:27], bottom[27])
    if fmt == "TD3" and not visa:
        checks.verify("optional_data", bottom[28:42], bottom[42])
        optional = optional[:-1]  # personal number without its check digit
    if not visa:
        checks.verify("composite", bottom[0:10] + bottom[13:20] + bottom[21:end], bottom[end])
    name_width = width - 5
    return _reading(
        "MRV-A" if visa and fmt == "TD3" else "MRV-B" if visa else fmt,
        top[0:2], top[2:5], number, parse_mrz_name(top[5:], name_width), bottom[10:13],
        bottom[13:19], bottom[20], bottom[21:27], (optional,), checks, today,
    )  # fmt: skip


def _td1(lines: list[str], today: date) -> MrzReading:
    one, two, three = lines
    checks = _Checks()
    number, digit, optional1 = _number(one[5:14], one[14], one[15:30])
    checks.verify("document_number", number, digit)
    checks.verify("birth_date", two[0:6], two[6])
    checks.verify("expiry", two[8:14], two[14])
    checks.verify("composite", one[5:30] + two[0:7] + two[8:15] + two[18:29], two[29])
    return _reading(
        "TD1", one[0:2], one[2:5], number, parse_mrz_name(three, 30), two[15:18],
        two[0:6], two[7], two[8:14], (optional1, two[18:29]), checks, today,
    )  # fmt: skip


def _reading(
    fmt: str,
    code: str,
    issuer: str,
    number: str,
    name: TravellerName,
    nationality: str,
    birth: str,
    sex: str,
    expiry: str,
    optional: tuple[str, ...],
    checks: _Checks,
    today: date,
) -> MrzReading:
    invalid: list[str] = []
    birth_date = _date(birth, True, today)
    if birth_date is None:
        invalid.append("birth_date")
    expiry_date = _date(expiry, False, today)
    if expiry_date is None:
        invalid.append("expiry")
    if sex not in _SEX:
        invalid.append("sex")
    return MrzReading(
        format=fmt,
        document_code=code.rstrip("<") or code[:1],
        issuing_code=issuer.strip("<"),
        number=number.rstrip("<"),
        name=name,
        nationality_code=nationality.strip("<"),
        birth_date=birth_date,
        sex=_SEX.get(sex),
        expiry=expiry_date,
        optional_data=tuple(o.strip("<") for o in optional),
        failed_checks=tuple(checks.failed),
        invalid_fields=tuple(invalid),
    )
