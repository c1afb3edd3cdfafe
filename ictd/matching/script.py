"""Script detection: which writing system a token is written in.

Names are handled token by token; a token's script decides how it is transliterated
(``ictd.matching.transliterate``). Detection goes by Unicode block, which is exact for the
scripts we treat specially and good enough ("other") for the rest, which ICU handles.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ABJADS", "Script", "detect_script", "is_persian_urdu"]


class Script(StrEnum):
    """The scripts the matcher tells apart."""

    LATIN = "latin"
    CYRILLIC = "cyrillic"
    ARABIC = "arabic"
    HEBREW = "hebrew"
    HAN = "han"
    HANGUL = "hangul"
    KANA = "kana"
    GREEK = "greek"
    THAI = "thai"
    OTHER = "other"


ABJADS = frozenset({Script.ARABIC, Script.HEBREW, Script.THAI})
"""Scripts that usually omit (short or inherent) vowels; their romanisations are compared by
skeleton. Thai is an abugida, not an abjad, but its implicit vowels call for the same rule."""

_RANGES: tuple[tuple[int, int, Script], ...] = (
    (0x0041, 0x024F, Script.LATIN),
    (0x1E00, 0x1EFF, Script.LATIN),
    (0x0370, 0x03FF, Script.GREEK),
    (0x0400, 0x052F, Script.CYRILLIC),
    (0x0590, 0x05FF, Script.HEBREW),
    (0x0600, 0x06FF, Script.ARABIC),
    (0x0750, 0x077F, Script.ARABIC),
    (0x08A0, 0x08FF, Script.ARABIC),
    (0xFB50, 0xFDFF, Script.ARABIC),
    (0xFE70, 0xFEFF, Script.ARABIC),
    (0x1100, 0x11FF, Script.HANGUL),
    (0x3130, 0x318F, Script.HANGUL),
    (0xAC00, 0xD7AF, Script.HANGUL),
    (0x3040, 0x30FF, Script.KANA),
    (0x0E00, 0x0E7F, Script.THAI),
    (0x3400, 0x4DBF, Script.HAN),
    (0x4E00, 0x9FFF, Script.HAN),
    (0xF900, 0xFAFF, Script.HAN),
)

# Letters used by Persian and Urdu but not by Arabic: پ چ ژ گ ک ی ٹ ڈ ڑ ں ہ ھ ے
_PERSIAN_URDU = frozenset(
    "\u067e\u0686\u0698\u06af\u06a9\u06cc\u0679\u0688\u0691\u06ba\u06c1\u06be\u06d2"
)


def _char_script(ch: str) -> Script | None:
    code = ord(ch)
    if code < 0x41 or not ch.isalpha():
        return None
    for low, high, script in _RANGES:
        if low <= code <= high:
            return script
    return Script.OTHER


def detect_script(text: str) -> Script:
    """The script of most letters in ``text``; Latin when there are no letters.

    >>> detect_script("Муаммар")
    <Script.CYRILLIC: 'cyrillic'>
    """
    counts: dict[Script, int] = {}
    for ch in text:
        script = _char_script(ch)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return Script.LATIN
    return max(counts.items(), key=lambda item: (item[1], item[0] != Script.LATIN))[0]


def is_persian_urdu(text: str) -> bool:
    """True when Arabic-script ``text`` uses letters found only in Persian or Urdu."""
    return any(ch in _PERSIAN_URDU for ch in text)
