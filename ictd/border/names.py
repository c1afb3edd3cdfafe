"""Traveller names in MRZ form: keep them as sent, split and clean them for display.

Documents and airline messages write names the ICAO 9303 way: upper case, surname first,
``<<`` between surname and given names, ``<`` for a space or hyphen, ``<`` fillers to the
end of the field, and long names cut at the field's width (39 characters in a passport).
``parse_mrz_name`` keeps the text as sent and gives its parts; ``to_mrz_name`` writes a
name that way (with ICAO 9303 transliteration of Latin letters with diacritics).
"""

from __future__ import annotations

import re
import unicodedata

from ictd.model.passenger import TravellerName

__all__ = ["join_name", "parse_mrz_name", "to_mrz_name", "traveller_name"]

_SPACES = re.compile(r"[\s<]+")
# ICAO 9303 Part 3 recommended transliterations of Latin letters with diacritics
_LATIN = {
    "Ä": "AE", "Å": "AA", "Æ": "AE", "Ö": "OE", "Ø": "OE", "Ü": "UE", "ß": "SS",
    "Œ": "OE", "Þ": "TH", "Ð": "D", "Đ": "D", "Ħ": "H", "Ł": "L", "Ŋ": "N", "Ĳ": "IJ",
}  # fmt: skip
_NOT_MRZ = re.compile(r"[^A-Z0-9<]")
# titles that airline systems append to given names (``JOHN MR``)
_TITLES = frozenset({"MR", "MRS", "MS", "MISS", "MSTR", "DR", "PROF", "CHD", "INF"})


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def join_name(surname: str, given_names: str) -> str:
    """Given names then surname, cleaned: ``join_name("AL<ZAWAHIRI", "AYMAN")``."""
    return _clean(f"{given_names} {surname}")


def parse_mrz_name(text: str, width: int | None = None) -> TravellerName:
    """Split an MRZ-form name into surname and given names.

    ``width`` is the width of the field the name filled (39 in a TD3 passport, 30 in a TD1
    card, 31 in a TD2): a name that fills it to the last character was cut.

    >>> name = parse_mrz_name("AL<ZAWAHIRI<<AYMAN<<<<<<<<<<<<")
    >>> name.surname, name.given_names, name.display
    ('AL ZAWAHIRI', 'AYMAN', 'AYMAN AL ZAWAHIRI')
    """
    as_sent = text.rstrip("<").rstrip()
    surname, sep, given = text.partition("<<")
    if not sep and " " not in text.strip() and "/" in text:
        surname, _, given = text.partition("/")  # airline style SURNAME/GIVEN
    truncated = width is not None and len(text) >= width and text[width - 1 : width] != "<"
    surname, given = _clean(surname), _clean(given)
    return TravellerName(as_sent, surname, given, join_name(surname, given), truncated)


def traveller_name(components: tuple[str, ...], limit: int = 35) -> TravellerName:
    """The name of a traveller sent as data components (PAXLST NAD, PNRGOV TIF).

    ``components`` are the surname and given names as sent; a surname that holds a whole
    MRZ-form name (``AL ZAWAHIRI<<AYMAN``) is split. ``as_sent`` joins the components with
    ``/``. A component ``limit`` characters long was probably cut.
    """
    parts = tuple(c for c in components if c)
    as_sent = "/".join(components).rstrip("/")
    if parts and "<<" in parts[0] and len(parts) == 1:
        name = parse_mrz_name(parts[0])
        truncated = len(parts[0]) >= limit
        return TravellerName(as_sent, name.surname, name.given_names, name.display, truncated)
    surname = _clean(parts[0]) if parts else ""
    words = _clean(" ".join(parts[1:])).split(" ")
    if len(words) > 1 and words[-1].upper() in _TITLES:
        words.pop()
    given = " ".join(words)
    truncated = any(len(c) >= limit for c in parts)
    return TravellerName(as_sent, surname, given, join_name(surname, given), truncated)


def _latin(text: str) -> str:
    out: list[str] = []
    for ch in text.upper():
        if ch in _LATIN:
            out.append(_LATIN[ch])
            continue
        base = unicodedata.normalize("NFKD", ch)
        out.append("".join(c for c in base if not unicodedata.combining(c)))
    return "".join(out)


def to_mrz_name(surname: str, given_names: str, width: int = 39) -> str:
    """Write a Latin-script name in MRZ form, filled with ``<`` and cut to ``width``.

    Apostrophes are dropped; spaces, hyphens and other marks become ``<``.

    >>> to_mrz_name("Müller-Lüdenscheidt", "Jürgen", 30)
    'MUELLER<LUEDENSCHEIDT<<JUERGEN'
    """

    def mrz(part: str) -> str:
        text = _latin(part).replace("'", "").replace("’", "")
        return "<".join(p for p in _NOT_MRZ.sub("<", text).split("<") if p)

    sur, given = mrz(surname), mrz(given_names)
    body = f"{sur}<<{given}" if given else sur
    return body[:width].ljust(width, "<")
