"""MRZ transliteration of names in Arabic and Cyrillic script (ICAO 9303 Part 3).

Cyrillic follows ICAO 9303's table (``Юсупов`` → ``IUSUPOV``, as Russian passports print
since 2013; the table itself lives in ``ictd.demo.translit``). Arabic follows the shape of
ICAO 9303's reversible Arabic table: one Latin letter where one fits, an ``X``-prefixed
digraph for letters without one (``ث`` → ``XTH``, ``ح`` → ``XH``); unwritten short vowels
stay unwritten, so ``محمد`` → ``MXHMD``. Latin letters with diacritics take ICAO's
recommended forms (``Ü`` → ``UE``). The result is upper case, spaces and marks as ``<``.
"""

from __future__ import annotations

import unicodedata

from ictd.border.names import to_mrz_name
from ictd.demo.translit import romanize

__all__ = ["ARABIC_TO_MRZ", "mrz_transliterate"]

ARABIC_TO_MRZ = {
    "ا": "A", "أ": "XAE", "إ": "XI", "آ": "XAA", "ء": "XE", "ؤ": "XWE", "ئ": "XYE",
    "ب": "B", "ت": "T", "ث": "XTH", "ج": "J", "ح": "XH", "خ": "XKH", "د": "D", "ذ": "XDH",
    "ر": "R", "ز": "Z", "س": "S", "ش": "XSH", "ص": "XSS", "ض": "XDZ", "ط": "XTT",
    "ظ": "XZZ", "ع": "E", "غ": "G", "ف": "F", "ق": "Q", "ك": "K", "ل": "L", "م": "M",
    "ن": "N", "ه": "H", "و": "W", "ي": "Y", "ى": "XAY", "ة": "XTA",
    "پ": "P", "چ": "XCH", "ژ": "XZH", "گ": "XGG", "ک": "XKK", "ی": "XYA",
}  # fmt: skip


def _script_free(text: str) -> str:
    out: list[str] = []
    for ch in text:
        if ch in ARABIC_TO_MRZ:
            out.append(ARABIC_TO_MRZ[ch])
        elif "\u0400" <= ch <= "\u04ff":
            out.append(romanize(ch, "icao"))
        elif unicodedata.category(ch) == "Mn":  # Arabic short-vowel marks, shadda, tatweel
            continue
        else:
            out.append(ch)
    return "".join(out)


def mrz_transliterate(surname: str, given_names: str, width: int = 39) -> str:
    """A name in any of Latin, Arabic or Cyrillic script as an MRZ name field.

    >>> mrz_transliterate("Юсупов", "Руслан", 20)
    'IUSUPOV<<RUSLAN<<<<<'
    >>> mrz_transliterate("الظواهري", "أيمن")
    'ALXZZWAHRY<<XAEYMN<<<<<<<<<<<<<<<<<<<<<'
    """
    # Cyrillic context matters (word-initial е, ъ): romanise whole words first
    surname = " ".join(romanize(w, "icao") if _cyrillic(w) else w for w in surname.split())
    given = " ".join(romanize(w, "icao") if _cyrillic(w) else w for w in given_names.split())
    return to_mrz_name(_script_free(surname), _script_free(given), width)


def _cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)
