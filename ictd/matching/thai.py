"""Our own romanisation of Thai names, after the Royal Thai General System (RTGS).

Thai writes some vowels implicitly and puts some vowel signs before the consonant they
follow in speech (``เ``, ``แ``, ``โ``, ``ใ``, ``ไ``); tone marks are not romanised, and a
consonant under ``์`` is silent. Consonants take their RTGS value, the last one its final
value (``ด`` t, ``บ`` p, ``ล`` n, ``ย`` i …). The vowels are approximate, so the result is
compared by consonant skeleton, as for the abjads. ``จ`` is ``ch`` in RTGS and ``j`` in many
everyday spellings (``ใจดี`` → Chaidi, Jaidee): one rendering each.
"""

from __future__ import annotations

import re

__all__ = ["romanise_thai"]

_CONSONANT_LATIN = """
k kh kh kh kh kh ng ch ch ch s ch y d t th th th n d t th th th n b p ph f ph f ph m y r l w
s s s h l _ h
"""
_CONSONANTS = dict(
    zip("กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ", _CONSONANT_LATIN.split(), strict=True)
)
_FINAL = {
    **dict.fromkeys("ดตถทธศษสจชซฎฏฐฑฒ", "t"),
    **dict.fromkeys("บปพฟภ", "p"),
    **dict.fromkeys("กขคฆ", "k"),
    **dict.fromkeys("ลรณญฬ", "n"),
    "ย": "i",
    "ว": "o",
}
_AFTER = {"ะ": "a", "ั": "a", "า": "a", "ำ": "am", "ิ": "i", "ี": "i", "ึ": "ue", "ื": "ue",
          "ุ": "u", "ู": "u"}  # fmt: skip
_BEFORE = {"เ": "e", "แ": "ae", "โ": "o", "ใ": "ai", "ไ": "ai"}
_SILENCED = re.compile("[\u0e01-\u0e2e][\u0e30-\u0e39]?\u0e4c")
"""A consonant (with its vowel sign) under thanthakhat ``์`` is not pronounced: ``สวัสดิ์``."""
_MARKS = frozenset("\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4d\u0e4e")  # tone marks


def _final(chars: list[str], i: int) -> bool:
    """A consonant closes its syllable: the word's last letter, or one after a vowel sign
    and before another consonant (``บุญมา``: ญ closes ``bun``)."""
    if i == len(chars) - 1:
        return True
    return chars[i - 1] in _AFTER and chars[i + 1] in _CONSONANTS if i > 0 else False


def _romanise(word: str, jo: str) -> str:
    chars = list(_SILENCED.sub("", "".join(c for c in word if c not in _MARKS)))
    out: list[str] = []
    pending = ""  # a vowel written before its consonant
    for i, ch in enumerate(chars):
        if ch in _BEFORE:
            pending = _BEFORE[ch]
        elif ch in _AFTER:
            out.append(_AFTER[ch])
        elif ch in _CONSONANTS:
            value = "j" if ch == "จ" and jo == "j" else _CONSONANTS[ch]
            if _final(chars, i) and out and not pending and ch in _FINAL:
                value = _FINAL[ch]
            out.append(value.replace("_", "o" if out and not pending else "") + pending)
            pending = ""
    return "".join(out)


def romanise_thai(word: str) -> tuple[str, ...]:
    """Latin renderings of one Thai word: RTGS, then with ``จ`` as ``j``.

    >>> romanise_thai("สมชาย")
    ('smchai',)
    """
    return tuple(dict.fromkeys(r for r in (_romanise(word, "ch"), _romanise(word, "j")) if r))
