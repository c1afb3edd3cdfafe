"""Names as the machine-readable zone of a passport writes them (ICAO Doc 9303), for ``ictd eval``.

``mrz_name(surname, given)`` writes ``SURNAME<<GIVEN<NAMES``: upper-case A–Z only, every
space, hyphen or apostrophe a ``<`` filler, cut to the 39 characters of the name field of
a passport (TD3), national letters transliterated by Doc 9303's rules: ``Ä`` → ``AE``,
``Ø`` → ``OE``, ``ß`` → ``SS``, other accents dropped; Cyrillic by its table (``Ю`` →
``IU``, ``Х`` → ``KH``); Arabic by its table, which writes letters without short vowels and
escapes the letters Latin lacks with ``X`` (``ح`` → ``XH``, ``ش`` → ``XSH``).

The tables are our own, written for the benchmark from Doc 9303 Part 3, independent of the
matcher's own (``ictd.matching``), so the benchmark does not grade the matcher's rules.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["MRZ_NAME_LENGTH", "mrz_name", "mrz_of_name"]

MRZ_NAME_LENGTH = 39
_LATIN = {"Ä": "AE", "Ö": "OE", "Ü": "UE", "ß": "SS", "Æ": "AE", "Ø": "OE", "Å": "AA",
          "Þ": "TH", "Ð": "D", "Ł": "L", "Ĳ": "IJ", "Œ": "OE", "İ": "I", "I": "I"}  # fmt: skip
_CYRILLIC_LATIN = (
    "A B V G D E E ZH Z I I K L M N O P R S T U F KH TS CH SH SHCH IE Y _ E IU IA I I IE G U"
)
_CYRILLIC = dict(
    zip("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯІЇЄҐЎ", _CYRILLIC_LATIN.split(), strict=True)
)
_ARABIC = {
    "ء": "XE", "آ": "XAA", "أ": "XAE", "ؤ": "XW", "إ": "I", "ئ": "XI", "ا": "A", "ب": "B",
    "ة": "XTA", "ت": "T", "ث": "XTH", "ج": "J", "ح": "XH", "خ": "XKH", "د": "D", "ذ": "XDH",
    "ر": "R", "ز": "Z", "س": "S", "ش": "XSH", "ص": "XSS", "ض": "XDZ", "ط": "XTT", "ظ": "XZZ",
    "ع": "E", "غ": "XGH", "ف": "F", "ق": "Q", "ك": "K", "ل": "L", "م": "M", "ن": "N",
    "ه": "H", "و": "W", "ى": "XAY", "ي": "Y", "پ": "XP", "چ": "XCH", "ژ": "XZH", "گ": "XG",
    "ک": "K", "ی": "Y",
}  # fmt: skip
_FILLER = re.compile(r"[^A-Z]+")


def _letter(ch: str) -> str:
    if ch in _LATIN:
        return _LATIN[ch]
    if ch in _CYRILLIC:
        return _CYRILLIC[ch].replace("_", "")
    if ch in _ARABIC:
        return _ARABIC[ch]
    base = unicodedata.normalize("NFD", ch)[0]
    return base if "A" <= base <= "Z" else "<"


def _field(text: str) -> str:
    upper = unicodedata.normalize("NFC", text).upper()
    if upper.endswith("ة"):  # tāʾ marbūṭa at the end of a name component
        upper = upper[:-1] + "\u0001"
    out = "".join(_letter(ch) if ch != "\u0001" else "XAH" for ch in upper)
    return _FILLER.sub("<", out).strip("<")


def mrz_name(surname: str, given: str) -> str:
    """The MRZ name field for ``surname`` and ``given`` names, cut at 39 characters.

    >>> mrz_name("al-Zawahiri", "Ayman")
    'AL<ZAWAHIRI<<AYMAN'
    """
    words = [_field(w) for w in given.split()]
    given_field = "<".join(w for w in words if w)
    text = _field(surname) + ("<<" + given_field if given_field else "")
    return text[:MRZ_NAME_LENGTH]


def mrz_of_name(name: str) -> str | None:
    """The MRZ form of a name written given names first, family name last (or ``LAST, First``)."""
    if "," in name:
        surname, _, given = name.partition(",")
    else:
        words = name.split()
        if len(words) < 2:
            return mrz_name(name, "") or None
        surname, given = words[-1], " ".join(words[:-1])
    out = mrz_name(surname.strip(), given.strip())
    return out or None
