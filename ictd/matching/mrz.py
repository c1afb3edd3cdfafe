"""Names in the form of a passport's machine-readable zone (ICAO Doc 9303): ``AL<ZAWAHIRI<<AYMAN``.

``read_mrz_name`` turns an MRZ name field into the ways of writing it that the name parser
(``ictd.matching.name``) understands:

- ``SURNAME<<GIVEN<NAMES``: fillers become spaces and the given names go first
  (``AYMAN AL ZAWAHIRI``), so that the first written part is the given name, as elsewhere;
- a field of 39 characters or more that does not end in a filler was cut to fit the passport
  (TD3): its last word may be a fragment; a fragment shorter than ``MIN_FRAGMENT`` letters
  becomes an initial, which the part comparison matches to any part with that first letter;
- Arabic names transliterated by Doc 9303's Arabic table (letters only, no short vowels, the
  letters Latin lacks escaped with ``X``: ``MXHMD`` for ``محمد``) are read back into Arabic
  script, where the matcher's own romanisation and skeleton comparison apply. A field is
  read so only when it holds an ``X`` escape and every letter maps (no ``O``, ``U`` …).
"""

from __future__ import annotations

import re

__all__ = ["MIN_FRAGMENT", "MRZ_NAME_LENGTH", "is_mrz_name", "read_mrz_name"]

MRZ_NAME_LENGTH = 39
MIN_FRAGMENT = 4
_MRZ = re.compile(r"^[A-Z<]*<[A-Z<]*$")
_ARABIC: dict[str, str] = {
    "XAA": "آ", "XAE": "أ", "XAH": "ة", "XAY": "ى", "XTA": "ة", "XTH": "ث", "XKH": "خ",
    "XDH": "ذ", "XSH": "ش", "XSS": "ص", "XDZ": "ض", "XTT": "ط", "XZZ": "ظ", "XGH": "غ",
    "XCH": "چ", "XZH": "ژ", "XE": "ء", "XW": "ؤ", "XI": "ئ", "XH": "ح", "XP": "پ", "XG": "گ",
    "A": "ا", "B": "ب", "T": "ت", "J": "ج", "D": "د", "R": "ر", "Z": "ز", "S": "س", "E": "ع",
    "F": "ف", "Q": "ق", "K": "ك", "L": "ل", "M": "م", "N": "ن", "H": "ه", "W": "و", "Y": "ي",
    "I": "إ",
}  # fmt: skip
_CODE = re.compile("|".join(sorted(_ARABIC, key=len, reverse=True)))


def is_mrz_name(raw: str) -> bool:
    """True for a name written as an MRZ name field: A–Z and ``<`` fillers only."""
    return bool(_MRZ.match(raw.strip()))


def _words(field: str) -> list[str]:
    return [w for w in field.split("<") if w]


def _arabic(word: str) -> str | None:
    out: list[str] = []
    at = 0
    for m in _CODE.finditer(word):
        if m.start() != at:
            return None
        out.append(_ARABIC[m.group(0)])
        at = m.end()
    return "".join(out) if at == len(word) else None


def _as_arabic(words: list[str]) -> str | None:
    if not any(re.search(r"X(?:A[AEHY]|TA|TH|KH|DH|SH|SS|DZ|TT|ZZ|GH|CH|ZH|[EWIHPG])", w)
               for w in words):  # fmt: skip
        return None
    read = [_arabic(w) for w in words]
    if any(r is None for r in read):
        return None
    return " ".join(r for r in read if r)


def read_mrz_name(raw: str) -> tuple[str, ...]:
    """The readings of an MRZ name field, most likely first; ``()`` when it is not one.

    >>> read_mrz_name("AL<ZAWAHIRI<<AYMAN")
    ('AYMAN AL ZAWAHIRI',)
    """
    field = raw.strip()
    if not is_mrz_name(field):
        return ()
    surname, _, given = field.partition("<<")
    words = [*_words(given), *_words(surname)] if given.strip("<") else _words(surname)
    truncated = len(field) >= MRZ_NAME_LENGTH and not field.endswith("<")
    if truncated and words:
        last = (given or surname).rstrip("<").rsplit("<", 1)[-1]
        at = len(words) - 1 - words[::-1].index(last) if last in words else -1
        if at >= 0 and len(last) < MIN_FRAGMENT:
            words[at] = last[0]
    out = [" ".join(words)]
    arabic = _as_arabic(words)
    if arabic:
        out.append(arabic)
    return tuple(o for o in out if o)
