"""Cyrillic → Latin romanisation in the systems a screener meets on documents and lists.

Synthetic Cyrillic names get their Latin spellings from these systems rather than from a
hand-written table, so that e.g. ``Юсупов`` yields ``Yusupov`` (BGN/PCGN), ``Iusupov``
(ICAO 9303, Russian passports since 2013), ``Jusupov`` (scholarly, without diacritics) and
``Jussupow`` (German Duden).
"""

from __future__ import annotations

__all__ = ["SYSTEMS", "romanize", "romanize_all"]

_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "з": "z", "и": "i", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "ъ": "", "ь": "", "ы": "y", "э": "e",
}  # fmt: skip

_BGN = _COMMON | {
    "е": "e", "ё": "yo", "ж": "zh", "й": "y", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya",
}  # fmt: skip
_ICAO = _COMMON | {
    "е": "e", "ё": "e", "ж": "zh", "й": "i", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "ie", "ю": "iu", "я": "ia",
}  # fmt: skip
_SCHOLARLY = _COMMON | {
    "е": "e", "ё": "jo", "ж": "zh", "й": "j", "х": "ch", "ц": "c", "ч": "ch",
    "ш": "sh", "щ": "shch", "ю": "ju", "я": "ja",
}  # fmt: skip
_GERMAN = _COMMON | {
    "в": "w", "е": "e", "ё": "jo", "ж": "sch", "з": "s", "й": "j", "х": "ch",
    "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ю": "ju", "я": "ja",
}  # fmt: skip

SYSTEMS: dict[str, dict[str, str]] = {
    "bgn": _BGN,
    "icao": _ICAO,
    "scholarly": _SCHOLARLY,
    "german": _GERMAN,
}
_VOWELS = frozenset("аеёиоуыэюяъь")
_IOTATED = {"bgn": "ye", "german": "je"}  # е at the start of a word or after a vowel


def _letter(system: str, table: dict[str, str], prev: str, ch: str, nxt: str) -> str:
    """Romanise one lower-case letter given its neighbours (word-initial ``е``, German ``с``)."""
    if ch == "е" and system in _IOTATED and (not prev.isalpha() or prev in _VOWELS):
        return _IOTATED[system]
    if ch == "с" and system == "german" and prev in _VOWELS and nxt in _VOWELS:
        return "ss"
    if ch == "в" and system == "german" and not nxt.isalpha():
        return "w"
    return table.get(ch, ch)


def romanize(text: str, system: str = "bgn") -> str:
    """Romanise Cyrillic ``text`` in one of ``SYSTEMS``; other characters pass through.

    >>> romanize("Юсупов", "icao")
    'Iusupov'
    """
    table = SYSTEMS[system]
    lower = text.lower()
    out: list[str] = []
    for i, ch in enumerate(lower):
        prev = lower[i - 1] if i else " "
        nxt = lower[i + 1] if i + 1 < len(lower) else " "
        latin = _letter(system, table, prev, ch, nxt)
        if text[i].isupper() and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
    return "".join(out)


def romanize_all(text: str) -> tuple[str, ...]:
    """Every distinct romanisation of ``text``, BGN/PCGN first."""
    seen: dict[str, None] = {}
    for system in SYSTEMS:
        seen.setdefault(romanize(text, system), None)
    return tuple(seen)
