"""Our own romanisation of Thai names, after the Royal Thai General System (RTGS).

Thai is read syllable by syllable: an initial consonant (or a cluster such as ``ปร``, ``กล``,
``ขว``), its vowel and at most one final consonant. Some vowels are written before the
initial (``เ``, ``แ``, ``โ``, ``ใ``, ``ไ``), some are not written at all: a consonant with no
vowel sign takes ``o`` when a final follows it in the same syllable (``สมพงษ์`` som-phong,
``มานพ`` ma-nop) and ``a`` when it stands alone (``มณี`` ma-ni). Tone marks are not
romanised; a consonant under ``์`` is silent, and so is the one before it in ``ทร์``, ``ดร์``,
``ตร์`` (``จันทร์`` chan); ``ห`` before a sonorant only marks its tone (``ใหญ่`` yai), and a
``ร`` after a final stop is not read (``เพชร`` phet). Finals take their RTGS value (``ด`` t,
``บ`` p, ``ล`` n, ``ย`` i …). The vowels stay approximate, so the result is compared by
consonant skeleton, as for the abjads. The everyday style writes ``จ`` as ``j``, a final
``ว`` as ``w`` and a final ``ร`` after an unwritten o as ``rn`` (``ใจดี`` Jaidee, ``แก้ว``
Kaew, ``สุนทร`` Sunthorn), RTGS ``ch``, ``o`` and ``n`` (Chaidi, Kaeo, Sunthon).
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
    **dict.fromkeys("ลรณญฬน", "n"),
    "ง": "ng",
    "ม": "m",
    "ย": "i",
    "ว": "o",
    "อ": "",
}
_AFTER = {"ะ": "a", "ั": "a", "า": "a", "ำ": "am", "ิ": "i", "ี": "i", "ึ": "ue", "ื": "ue",
          "ุ": "u", "ู": "u"}  # fmt: skip
_OPEN = frozenset("ะำ")  # vowels that take no final
_BEFORE = {"เ": "e", "แ": "ae", "โ": "o", "ใ": "ai", "ไ": "ai"}
_CLUSTER_FIRST = frozenset("กขคตปพผบดฟท")
_CLUSTER_SECOND = frozenset("รลว")
_SONORANTS = frozenset("งญนมยรลว")
_SILENT_R_AFTER = frozenset("ตทชจก")  # เพชร phet, มิตร mit, จักร chak; not นคร, ธนาธร
"""Stops after which a last ``ร`` is not read; after ``า`` the pair is a syllable of its own
(``ธนากร`` tha-na-kon, Thanakorn; ``ประภากร`` Praphakorn), as Sanskrit ``-ākara`` is."""
_LINKING_BEFORE = frozenset("ิีุู")
"""Vowels after which a ``ร`` followed by a consonant opens a syllable with a linking ``a``
(Sanskrit compounds: ``ธีรพงษ์`` Thiraphong, ``สุรชัย`` Surachai, ``จิรพงษ์`` Chiraphong,
``บูรพา`` Burapha) rather than closing one as ``n``."""
_DOUBLE_SILENCED = re.compile("(?<=[\u0e01-\u0e2e])(?:[ทดต]ร|ษณ)\u0e4c")
"""``ทร์``, ``ดร์``, ``ตร์``, ``ษณ์`` after a consonant are both silent: ``จันทร์`` chan,
``ศาสตร์`` sat, ``ลักษณ์`` lak."""
_PLAIN = {"ph": "p", "th": "t", "kh": "k"}
"""Aspirated initials as many Thai names are written in Latin: ``หลีกภัย`` Leekpai,
``พงษ์`` Pong, ``ทอง`` Tong beside RTGS Likphai, Phong, Thong."""
_SILENCED = re.compile("[\u0e01-\u0e2e][\u0e30-\u0e39]?\u0e4c")
"""A consonant (with its vowel sign) under thanthakhat ``์`` is not pronounced: ``สวัสดิ์``."""
_LEADING_H = re.compile("ห(?=[งญนมยรลว])")
_TONES = frozenset("\u0e48\u0e49\u0e4a\u0e4b")
_MARKS = frozenset("\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4d\u0e4e")  # tone marks, maitaikhu


def _letters(word: str) -> list[str]:
    # NFKC writes ``ำ`` as nikhahit + ``า``, with any tone mark before them
    text = "".join(c for c in word if c not in _TONES).replace("\u0e4d\u0e32", "ำ")
    text = "".join(c for c in text if c not in _MARKS).replace("ฤ", "ริ")
    text = _SILENCED.sub("", _DOUBLE_SILENCED.sub("", text))
    return list(_LEADING_H.sub("", text))


class _Reader:
    """One pass over the letters of a word, syllable by syllable."""

    def __init__(self, chars: list[str], everyday: bool, plain: bool = False) -> None:
        self.chars = chars
        self.everyday = everyday
        self.plain = plain
        self.i = 0

    def at(self, k: int) -> str:
        return self.chars[k] if 0 <= k < len(self.chars) else ""

    def onset_value(self, ch: str) -> str:
        if ch == "จ" and self.everyday:
            return "j"
        value = _CONSONANTS[ch].replace("_", "")
        return _PLAIN.get(value, value) if self.plain else value

    def final_value(self, ch: str) -> str:
        if ch == "ว" and self.everyday:
            return "w"
        return _FINAL.get(ch, "")

    def voweled(self, k: int) -> bool:
        """The consonant at ``k`` carries a vowel sign of its own."""
        return self.at(k + 1) in _AFTER

    def is_final(self, k: int) -> bool:
        """The consonant at ``k`` closes the syllable before it (rather than opening one)."""
        ch = self.at(k)
        if ch not in _CONSONANTS or self.voweled(k):
            return False
        nxt = self.at(k + 1)
        if nxt in _CLUSTER_SECOND and ch in _CLUSTER_FIRST and self.voweled(k + 1):
            return False  # the cluster opens the next syllable: ...-pra
        if (
            ch == "ร"
            and self.at(k - 1) in _LINKING_BEFORE
            and (nxt in _CONSONANTS or nxt in _BEFORE)
        ):
            return False  # ธีรพงษ์ thi-ra-phong, สุรเชษฐ์ su-ra-chet: a linking a, not a final n
        if nxt == "" or nxt in _BEFORE:
            return True
        if (
            nxt == "ร"
            and ch in _SILENT_R_AFTER
            and not self.voweled(k + 1)
            and self.at(k - 1) != "า"
        ):
            return True  # เพชร phet: a final stop, then an r that is not read (not ธนากร)
        if nxt == "ร" and self.at(k + 2) == "ร":
            return False  # it opens ``-รร-``: สุวรรณ su-wan
        # a lone consonant cannot end a word: ``มานพ`` is ma-nop, not man-p
        return not (self.at(k + 2) == "" and not self.voweled(k + 1))

    def syllable(self) -> str:
        lead = ""
        if self.at(self.i) in _BEFORE:
            lead = _BEFORE[self.at(self.i)]
            self.i += 1
        ch = self.at(self.i)
        if ch not in _CONSONANTS:
            self.i += 1
            return lead if ch == "" else _AFTER.get(ch, "")
        onset = self.onset_value(ch)
        self.i += 1
        second = self.at(self.i)
        doubled_r = second == "ร" and self.at(self.i + 1) == "ร"  # บรรณ: ban, not bra-
        if (
            ch in _CLUSTER_FIRST
            and second in _CLUSTER_SECOND
            and not doubled_r
            and self.opens_cluster(lead)
        ) or (
            ch in "ศส" and second == "ร" and not lead and self.voweled(self.i)  # ศรี: Sri
        ):
            if ch not in "ศส" or self.everyday:
                onset += self.onset_value(second)  # RTGS: the r of ``ศร``/``สร`` is silent (Si)
            self.i += 1
        vowel, can_close = self.vowel(lead)
        coda = ""
        if can_close and self.is_final(self.i):
            final = self.at(self.i)
            coda = self.final_value(final)
            if final == "ร" and vowel == "o" and self.everyday:
                coda = "rn"  # ธนาธร Thanathorn, พร Porn, อมร Amorn: RTGS writes thon, phon, amon
            self.i += 1
            if self.at(self.i) == "ร" and final in _SILENT_R_AFTER and not self.voweled(self.i):
                self.i += 1  # เพชร: the r after a final stop is not read
        return onset + vowel + coda

    def opens_cluster(self, lead: str) -> bool:
        """The ``ร``/``ล``/``ว`` after an initial joins it (``ปร``, ``กล``, ``ขว``): it has the
        vowel, or, for ``ร``/``ล``, the syllable goes on (``พรม`` phrom; not ``นคร`` nakhon);
        ``ว`` after a written-before vowel is a final (``แก้ว`` kaeo)."""
        if self.voweled(self.i):
            return True
        if self.at(self.i) == "ว":
            return False
        if self.at(self.i) == "ร" and not lead and self.voweled(self.i + 1):
            return False  # พรชัย phon-chai (Pornchai), พรทิพย์ phon-thip: the r ends a syllable
        return bool(lead) or self.at(self.i + 1) != ""

    def vowel(self, lead: str) -> tuple[str, bool]:
        """The vowel after an initial, and whether a final may follow it."""
        sign = self.at(self.i)
        if lead:
            if lead == "e":
                combined = {"า": "ao", "อ": "oe", "ิ": "oe"}.get(sign)
                if sign in "ีิ" and self.at(self.i + 1) == "ย":
                    self.i += 2
                    return "ia", True
                if sign == "ื" and self.at(self.i + 1) == "อ":
                    self.i += 2
                    return "uea", True
                if combined:
                    self.i += 1
                    return combined, combined != "ao"
            if lead == "ai":
                if sign == "ย":  # ไทย
                    self.i += 1
                return lead, False
            return lead, True
        if sign in _AFTER:
            self.i += 1
            if sign == "ั" and self.at(self.i) == "ว" and not self.voweled(self.i):
                self.i += 1
                return "ua", True
            if sign in "ึื" and self.at(self.i) == "อ":
                self.i += 1
            return _AFTER[sign], sign not in _OPEN
        if sign == "อ" and not self.voweled(self.i) and self.at(self.i + 1) != "":
            self.i += 1
            return "o", True
        if sign == "ว" and not self.voweled(self.i) and self.is_final(self.i + 1):
            self.i += 1
            return "ua", True
        if sign == "ร" and self.at(self.i + 1) == "ร":  # รร: วรรณ wan, สรรค์ san
            self.i += 2
            return ("a", True) if self.is_final(self.i) else ("an", False)
        if sign == "":
            return ("o" if self.at(self.i - 1) != "อ" else ""), False
        if self.is_final(self.i):
            return "o", True
        return "a", False

    def read(self) -> str:
        out = []
        while self.i < len(self.chars):
            out.append(self.syllable())
        return "".join(out)


def _romanise(word: str, everyday: bool, plain: bool = False) -> str:
    return _Reader(_letters(word), everyday, plain).read()


def romanise_thai(word: str) -> tuple[str, ...]:
    """Latin renderings of one Thai word: RTGS, the everyday style (``j``, final ``w``), and
    the everyday style with aspirated initials written plain (``p``, ``t``, ``k``).

    >>> romanise_thai("สมชาย")
    ('somchai',)
    >>> romanise_thai("แก้ว")
    ('kaeo', 'kaew')
    >>> romanise_thai("ภัย")
    ('phai', 'pai')
    """
    forms = (_romanise(word, False), _romanise(word, True), _romanise(word, True, plain=True))
    return tuple(dict.fromkeys(r for r in forms if r))
