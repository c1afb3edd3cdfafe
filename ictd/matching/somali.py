"""Somali names written in the official Somali Latin orthography, read as English spells them.

The orthography of 1972 writes ``x`` for ħ and ``c`` for ʿayn, and long vowels doubled:
``Maxamed Cabdullaahi Xasan`` is Mohamed Abdullahi Hassan on most documents, ``Faarax``
Farah, ``Jaamac`` Jama, ``Yuusuf`` Yusuf. ``somali_reading`` writes one word the English way:
``x`` as ``h``, ``c`` left out (as ʿayn is in English spellings: Cali Ali, Cumar Umar),
doubled vowels single. ``is_somali_spelling`` tells a name written so: a doubled ``aa``,
``ii`` or ``uu`` (which English, pinyin and the other romanisations seldom write) and an
``x``, or a ``c`` that is not English ``ch``, ``ck`` or a soft ``c`` (``ce``, ``cy``:
``Barwaaqo Services`` is not Somali orthography).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["is_somali_spelling", "somali_reading"]

_LONG = re.compile(r"aa|ii|uu")
_LETTER = re.compile(r"x|c(?![hkey])")
_DOUBLED = re.compile(r"([aeiou])\1")


def is_somali_spelling(words: Sequence[str]) -> bool:
    """True when the lower-case ASCII ``words`` of a name are written in Somali orthography:
    ``['maxamed', 'cabdullaahi']``, not ``['aaron', 'smith']`` (no ``x`` or ``c``) nor
    ``['xu', 'ming']`` (no long vowel written double)."""
    long_vowel = letter = False
    for word in words:
        long_vowel = long_vowel or _LONG.search(word) is not None
        letter = letter or _LETTER.search(word) is not None
    return long_vowel and letter


def somali_reading(word: str) -> str:
    """``word`` as English spellings of Somali names write it.

    >>> [somali_reading(w) for w in ("maxamed", "cabdullaahi", "faarax", "xuseen")]
    ['mahamed', 'abdullahi', 'farah', 'husen']
    """
    text = _LETTER.sub(lambda m: "h" if m.group(0) == "x" else "", word)
    return _DOUBLED.sub(r"\1", text) or word
