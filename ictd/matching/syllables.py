"""Syllables of names romanised from a syllabic script (Han, Hangul, kana).

In Chinese, Korean and Japanese every character of a name is one syllable, and a name one
character away from another is another name: ``建国`` (jianguo) is not ``建华`` (jianhua),
``하은`` (haeun) not ``하준`` (hajun), though their Latin letters are only one or two
edits apart. ``different_syllable`` reads two romanised parts as syllables of pinyin,
Revised Romanisation or Hepburn (and their older spellings), one language at a time, and
says whether they have as many syllables and one begins with another consonant, or another
number of syllables without being a piece of the other: a spelling habit changes a
syllable's vowels or writes its consonant otherwise (``jian`` / ``chien``, ``jeong`` /
``chung``, ``shi`` / ``si``), another character changes the consonant (``guo`` / ``hua``).
In Korean a syllable with a final consonant against one without is another one too (훈
``hun`` / 호 ``ho``): no romanisation leaves a final out.
``compare.part_similarity`` caps such parts when one of them was written in a syllabic script.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["SYLLABLE_SIMILARITY", "different_syllable", "syllables"]

SYLLABLE_SIMILARITY = 0.5
"""At most this similar: two parts of ``different_syllable`` (below
``compare.MIN_PART_SIMILARITY``, so they are not aligned)."""

_TABLES = """
pinyin initials: b p m f d t n l g k h j q x zh ch sh r z c s y w
pinyin finals: a o e i u v ai ei ui ao ou iu ie ue ve er an en in un ang eng ing ong ia iao ian
    iang iong ua uo uai uan uang
wade-giles: chien chih chi hsi hsia hsiao hsien hsin hsing hsiung hsu hsueh tzu ssu szu
korean initials: g kk n d tt r m b pp s ss j jj ch k t p h
korean vowels: a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i oo ee ou yeu yoo you
    woo
korean finals: k n t l m p ng
japanese initials: k s t n h m y r w g z d b p sh ch ts j f ky gy ny hy my ry by py sy ty zy
japanese vowels: a i u e o aa ii uu ee oo ou ei
"""
"""The romanisations' pieces: pinyin and Wade–Giles, Revised Romanisation with the older
spellings of ``transliterate`` (``young``, ``soo``, ``hee``), Hepburn and Kunrei."""


def _tables() -> dict[str, list[str]]:
    entries = re.split(r"\n(?=\S)", _TABLES.strip())
    return {name: words.split() for name, words in (e.split(":", 1) for e in entries)}


_T = _tables()
_PINYIN_INITIALS = _T["pinyin initials"]
_PINYIN_FINALS = _T["pinyin finals"]
_WADE_GILES = _T["wade-giles"]
_KOREAN_INITIALS = _T["korean initials"]
_KOREAN_VOWELS = _T["korean vowels"]
_KOREAN_FINALS = ["", *_T["korean finals"]]
_JAPANESE_INITIALS = _T["japanese initials"]
_JAPANESE_VOWELS = _T["japanese vowels"]


def _chinese() -> frozenset[str]:
    out = set(_PINYIN_FINALS)
    out.update(i + f for i in _PINYIN_INITIALS for f in _PINYIN_FINALS)
    return frozenset(out | set(_WADE_GILES))


def _korean() -> frozenset[str]:
    return frozenset(
        initial + vowel + final
        for initial in ["", *_KOREAN_INITIALS]
        for vowel in _KOREAN_VOWELS
        for final in _KOREAN_FINALS
    )


def _japanese() -> frozenset[str]:
    out = {"n"}
    for initial in ["", *_JAPANESE_INITIALS]:
        for vowel in _JAPANESE_VOWELS:
            out.update((initial + vowel, initial + vowel + "n"))
    return frozenset(out)


_KOREAN_VOWEL_TEXT = """
a: ㅏ | ae: ㅐ ㅔ | e: ㅔ ㅐ | ya: ㅑ | yae: ㅒ ㅖ | ye: ㅖ ㅒ | eo: ㅓ | o: ㅗ ㅓ | u: ㅜ ㅓ ㅡ
oo: ㅜ | woo: ㅜ | ou: ㅜ ㅗ | eu: ㅡ | yeo: ㅕ | yo: ㅛ ㅕ | yu: ㅠ ㅕ | yoo: ㅠ | you: ㅕ ㅠ
yeu: ㅠ ㅕ | wa: ㅘ | wae: ㅙ ㅚ ㅞ | oe: ㅚ ㅙ ㅞ | we: ㅞ ㅚ ㅙ | wo: ㅝ | wi: ㅟ | ui: ㅢ ㅟ
i: ㅣ ㅢ | ee: ㅣ ㅢ
"""
_KOREAN_VOWEL_SOUNDS = {
    written.strip(): frozenset(sounds.split())
    for written, sounds in (
        entry.split(":")
        for entry in _KOREAN_VOWEL_TEXT.replace("\n", " | ").split("|")
        if ":" in entry
    )
}
"""The Hangul vowels each vowel of ``korean vowels`` is written for, in Revised Romanisation,
McCune–Reischauer without its breves (ㅓ as ``o`` or ``u``, ㅡ as ``u``) and the spellings
people use (``young`` for 영, ``hee`` for 희, ``soo`` for 수, ``woo`` for 우 as in
``Jae-wook``): two syllables whose vowels share none are other syllables (``jeongho`` is not
``chunghee``)."""

_INVENTORIES = (_chinese(), _korean(), _japanese())
"""The syllables of each language's romanisations: a name is split with one at a time."""
_LONGEST = max(len(s) for inventory in _INVENTORIES for s in inventory)
_VOWELS = frozenset("aeiouv")
_ONSET_CLASS = {
    **dict.fromkeys(("", "y", "w"), ""),
    **dict.fromkeys(("g", "k", "kk", "kh", "gh"), "k"),
    **dict.fromkeys(("t", "d", "tt", "th", "ch", "j", "jj", "zh", "q", "z", "ts", "tz", "c"), "t"),
    **dict.fromkeys(("b", "p", "pp", "ph"), "p"),
    **dict.fromkeys(("s", "ss", "sh", "x", "hs", "sz"), "s"),
    **dict.fromkeys(("h", "f"), "h"),
    **dict.fromkeys(("l", "r"), "l"),
}
"""Consonants that romanisations write for one sound (pinyin, Wade–Giles, Revised and
McCune–Reischauer, Hepburn and Kunrei) are one class."""


@lru_cache(maxsize=50_000)
def syllables(text: str, late: bool = False) -> tuple[tuple[str, ...], ...]:
    """The fewest syllables ``text`` splits into, in the romanisations of each language
    (Chinese, Korean, Japanese; ``()`` for one it does not split in): ``jianguo`` is
    ``('jian', 'guo')`` in pinyin, ``('ji', 'an', 'gu', 'o')`` in the others. Of two
    splits into as many, the first syllable is the shorter one (``ja``, ``euk`` for
    ``jaeuk``), or with ``late`` the longer one (``jae``, ``uk``)."""
    return tuple(_split(text, inventory, late) for inventory in _INVENTORIES)


def _split(text: str, inventory: frozenset[str], late: bool = False) -> tuple[str, ...]:
    n = len(text)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for end in range(1, n + 1):
        for start in range(max(0, end - _LONGEST), end):
            before = best[start]
            if before is None or text[start:end] not in inventory:
                continue
            found = best[end]
            count = len(before) + 1
            if found is None or count < len(found) or (late and count == len(found)):
                best[end] = (*before, text[start:end])
    return best[n] or ()


def _onset(syllable: str) -> str:
    head = ""
    for ch in syllable:
        if ch in _VOWELS:
            break
        head += ch
    if len(head) > 1 and head[-1] in "yw":  # kya, hwa: the glide is not the consonant
        head = head[:-1]
    return _ONSET_CLASS.get(head, head)


def _korean_vowels(syllable: str) -> frozenset[str]:
    """The Hangul vowels a Latin syllable's vowel letters can stand for (``KOREAN_VOWELS``)."""
    start = len(syllable) - len(syllable.lstrip("bcdghjkmnprst"))
    end = start
    while end < len(syllable) and syllable[end] in "aeiouwy":
        end += 1
    return _KOREAN_VOWEL_SOUNDS.get(syllable[start:end], frozenset())


def _verdict(
    left: tuple[str, ...], right: tuple[str, ...], chinese: bool = False, korean: bool = False
) -> bool | None:
    """Different (True), alike (False) or nothing to say (None) in one language."""
    if not left or not right:
        return None
    if len(left) != len(right):
        return True  # a piece of a name is another name; one written apart is joined first
    if len(left) < 2:  # one syllable: a Chinese one that begins with another consonant
        return _onset(left[0]) != _onset(right[0]) if chinese else None
    return any(_onset(x) != _onset(y) for x, y in zip(left, right, strict=True)) or (
        korean
        and any(_other_vowel(x, y) or _other_final(x, y) for x, y in zip(left, right, strict=True))
    )


def _other_final(x: str, y: str) -> bool:
    """Two Korean syllables of which one ends in a consonant (a final: 훈 ``hun``) and the
    other in a vowel (호 ``ho``). Every romanisation writes a final, so this is another
    syllable; a final written otherwise by a sound change (석민 ``seok`` / ``seong``) is not
    looked at."""
    return (x[-1] in _VOWELS or x[-1] in "wy") != (y[-1] in _VOWELS or y[-1] in "wy")


def _other_vowel(x: str, y: str) -> bool:
    """Two Korean syllables whose vowels stand for no Hangul vowel in common."""
    a, b = _korean_vowels(x), _korean_vowels(y)
    return bool(a) and bool(b) and a.isdisjoint(b)


@lru_cache(maxsize=50_000)
def different_syllable(a: str, b: str, korean: bool = False) -> bool:
    """``a`` and ``b`` are other syllables in some language's romanisation and alike in
    none: they split into as many, of which one begins with another consonant (``jianguo`` /
    ``jianhua``, not ``jianhua`` / ``chienhua``; for one syllable in Chinese only: ``ceng`` /
    ``gang``, not Korean ``lee`` / ``yi``), in Korean one whose vowels stand for no Hangul
    vowel in common (``jeongho`` / ``chunghee``), or into different numbers (``jun`` /
    ``haeun``, ``kimura`` / ``nakamura``, ``ming`` / ``zhiming``: a given name written apart
    is compared whole, through ``compare.align``'s join of its pieces). ``korean``: one of
    them was read from Hangul, so only Korean syllables are looked at."""
    pairs = zip(syllables(a), syllables(b), strict=True)
    verdicts = {
        _verdict(x, y, n == 0, n == 1) for n, (x, y) in enumerate(pairs) if n == 1 or not korean
    } - {None}
    if verdicts != {True}:
        return False
    # a Korean reading that splits two ways into as many syllables (``jaeuk``: ``ja-euk`` or
    # ``jae-uk``) is alike when either way is (``jae-wook``)
    x, y = syllables(a)[1], syllables(b)[1]
    if not x or not y or len(x) != len(y):
        return True
    later = syllables(a, True)[1], syllables(b, True)[1]
    return all(
        _verdict(left, right, korean=True) is not False
        for left in {x, later[0]}
        for right in {y, later[1]}
    )
