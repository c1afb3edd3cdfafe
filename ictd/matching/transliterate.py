"""Transliteration of name words to Latin: our own tables plus ICU.

``romanise_word`` returns the Latin renderings of one word, most likely first:

- Arabic script (Arabic, Persian, Urdu): ``ictd.matching.arabic``;
- Cyrillic: the styles of ``ictd.matching.cyrillic``;
- Han: ICU ``Han-Latin`` (pinyin), tones dropped, the surname and the joined given name;
  for a name of up to three characters also its Wade–Giles spelling
  (``ictd.matching.chinese``: ``毛泽东`` → ``mao zedong``, ``mao tsetung``); then the
  Japanese readings (``ictd.matching.japanese``: ``佐藤健`` → ``sato ken``);
- kana: the Japanese readings;
- Hebrew, Thai and Greek: ``ictd.matching.hebrew``, ``ictd.matching.thai``,
  ``ictd.matching.greek`` (modern Greek as passports write it, not ICU's ancient Greek);
- Hangul: ICU ``Hangul-Latin`` (Revised Romanisation) one syllable at a time, the given
  name joined into one part, with the usual spellings of common surnames (김 → kim/gim,
  이 → lee/yi/rhee, 박 → park/pak/bak) and older spellings of given-name syllables;
- anything else: ICU ``Any-Latin``.

ICU transliterators are costly to create and not documented as thread-safe, so one is made per
thread and reused.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache

import icu

from ictd.matching.arabic import romanise_arabic
from ictd.matching.chinese import wade_giles
from ictd.matching.cyrillic import romanise_cyrillic
from ictd.matching.greek import romanise_greek
from ictd.matching.hebrew import romanise_hebrew
from ictd.matching.japanese import japanese_readings
from ictd.matching.script import Script, detect_script
from ictd.matching.surnames import KOREAN_SURNAMES
from ictd.matching.thai import romanise_thai

__all__ = ["hangul_syllables", "latin_ascii", "romanise_word"]

_LOCAL = threading.local()
_IDS = {
    "any": "Any-Latin; Latin-ASCII; Lower",
    "han": "Han-Latin; Latin-ASCII; Lower",
    "hangul": "Hangul-Latin; Latin-ASCII; Lower",
    "ascii": "Latin-ASCII",
}
# Common older (McCune-Reischauer-like) spellings of given-name syllables: Park Chung-hee.
_KOREAN_SYLLABLES = {
    "jeong": "chung", "hui": "hee", "eun": "un", "seong": "sung", "yeong": "young",
    "gyeong": "kyung", "hyeon": "hyun", "su": "soo", "u": "woo", "cheol": "chul",
    "jun": "joon", "gyu": "kyu", "jae": "jae", "seok": "suk", "hyeok": "hyuk", "yeon": "yon",
    "geun": "keun", "beom": "bum", "deok": "duk", "ju": "joo", "jong": "chong",
}  # fmt: skip


def _transliterator(kind: str) -> icu.Transliterator:
    cache: dict[str, icu.Transliterator] | None = getattr(_LOCAL, "cache", None)
    if cache is None:
        cache = {}
        _LOCAL.cache = cache
    found = cache.get(kind)
    if found is None:
        found = icu.Transliterator.createInstance(_IDS[kind])
        cache[kind] = found
    return found


_LETTERS = str.maketrans({"ə": "a", "Ə": "a", "ǝ": "e", "ɔ": "o", "Ɔ": "o"})
"""Latin letters that ICU's ``Latin-ASCII`` leaves as they are (so a word split at them):
the Azerbaijani schwa, written ``a`` in English (Heydər Heydar, Məmmədov Mammadov), and the
open o of West African alphabets."""


@lru_cache(maxsize=100_000)
def latin_ascii(text: str) -> str:
    """Lower-case ASCII of a Latin-script text: diacritics dropped, ``ø``/``ł``/``ß``/``ə``
    folded."""
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)
    )
    if not stripped.isascii():
        stripped = str(_transliterator("ascii").transliterate(stripped.translate(_LETTERS)))
    return stripped.lower()


@lru_cache(maxsize=50_000)
def _icu(kind: str, text: str) -> str:
    return str(_transliterator(kind).transliterate(text))


def hangul_syllables(word: str) -> tuple[str, ...]:
    """Revised Romanisation of each Hangul syllable: ``김정은`` → ``('gim', 'jeong', 'eun')``."""
    return tuple(_icu("hangul", ch).replace("-", "") for ch in word)


def _han(word: str) -> tuple[str, ...]:
    """Mandarin and Japanese readings, the likelier first (Japanese for four characters or
    more). In Mandarin a given name of two syllables is one word (Mao Zedong): the surname
    and the joined given name, so that two names sharing a syllable are not taken for one
    (``compare.align`` still joins ``Ze Dong`` written apart); a name of up to three
    syllables is also read in Wade–Giles (Mao Tse-tung); four syllables or more (a place
    and a company's name: ``上海恒信``) are read two by two, ``shanghai hengxin``."""
    syllables = _icu("han", word).split()
    japanese = japanese_readings(word)
    if len(syllables) <= 3:
        older = [wade_giles(s) for s in syllables]
        chinese = tuple(_surname_given(spelt) for spelt in (syllables, older))
        return tuple(dict.fromkeys((*chinese, *japanese)))
    pairs = ["".join(syllables[i : i + 2]) for i in range(0, len(syllables), 2)]
    if len(pairs[-1]) == len(syllables[-1]) and len(pairs) > 1:  # an odd last syllable
        pairs[-2:] = ["".join(pairs[-2:])]
    chinese_pairs = " ".join(pairs)
    return (*japanese, chinese_pairs) if japanese else (chinese_pairs,)


def _surname_given(syllables: list[str]) -> str:
    """``mao zedong``: the first syllable, then the others joined (a name of three)."""
    if len(syllables) < 3:
        return " ".join(syllables)
    return " ".join((syllables[0], "".join(syllables[1:])))


def _hangul(word: str) -> tuple[str, ...]:
    """Surname and given name, the given name as one part (``김정은`` → ``kim jeongeun``): two
    names sharing one syllable of the given name are not one name."""
    syllables = hangul_syllables(word)
    if len(syllables) < 2:
        return KOREAN_SURNAMES.get(word, syllables[:1])
    given = syllables[1:]
    surnames = KOREAN_SURNAMES.get(word[0], syllables[:1])
    older = "".join(_KOREAN_SYLLABLES.get(s, s) for s in given)
    joined = [" ".join((surname, "".join(given))) for surname in surnames]
    return tuple(dict.fromkeys([*joined, " ".join((surnames[0], older))]))


@lru_cache(maxsize=100_000)
def romanise_word(word: str) -> tuple[tuple[str, ...], Script]:
    """Latin renderings of one case-folded word and the script it was written in.

    A rendering may hold several space-separated parts (Chinese and Korean syllables).

    >>> romanise_word("петров")
    (('petrov',), <Script.CYRILLIC: 'cyrillic'>)
    """
    script = detect_script(word)
    if script is Script.LATIN:
        return (latin_ascii(word),), script
    if script is Script.ARABIC:  # style by style, in a fixed order: not deduplicated
        return tuple(latin_ascii(f) for f in romanise_arabic(word)), script
    if script is Script.HEBREW:  # the same
        return tuple(latin_ascii(f) for f in romanise_hebrew(word)) or ("",), script
    if script is Script.CYRILLIC:
        forms = romanise_cyrillic(word)
    elif script is Script.HAN:
        forms = _han(word)
    elif script is Script.HANGUL:
        forms = _hangul(word)
    elif script is Script.KANA:
        forms = japanese_readings(word) or (_icu("any", word),)
    elif script is Script.THAI:
        forms = romanise_thai(word)
    elif script is Script.GREEK:
        forms = romanise_greek(word) or (_icu("any", word),)
    else:
        forms = (_icu("any", word),)
    return tuple(dict.fromkeys(latin_ascii(f) for f in forms)), script
