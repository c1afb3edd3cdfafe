"""Japanese readings of names written in kanji and kana, through cutlet (MeCab with UniDic).

ICU's ``Han-Latin`` reads kanji in Mandarin (``佐藤健`` → ``zuo teng jian``); a Japanese name
is read ``Satou Ken``. ``japanese_readings`` gives the readings a Latin list or passport
writes: the passport Hepburn spelling without long vowels (``Sato Ken``) first, then the
spelling that marks them (``Satou``). The dictionary (``unidic-lite``) ships with the
package; nothing is downloaded. One tagger per thread, made on first use.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

__all__ = ["japanese_readings"]

_LOCAL = threading.local()
_LONG = re.compile(r"(?:(?<=[knhmrgbpsztdjy])|(?<![a-z]))(ou|oo|uu)(?![aeiou])")
_KEEP = re.compile(r"[^a-z ]+")


def _tagger() -> Any:
    found = getattr(_LOCAL, "cutlet", None)
    if found is None:
        import cutlet  # imported late: MeCab loads its dictionary on first use

        found = cutlet.Cutlet()
        found.use_foreign_spelling = False
        _LOCAL.cutlet = found
    return found


_ALTERNATIVES = 4  # paths of the tagger's n-best list looked at for other readings
_MAX_READINGS = 4


def _kana_to_hiragana(kana: str) -> str:
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in kana)


def _other_readings(tagger: Any, word: str) -> list[str]:
    """Readings of the tagger's next-best paths that split ``word`` as its best path does,
    every piece a proper noun: the given names a dictionary reads more than one way
    (``文雄`` Fumio beside Bun'yu, ``大谷`` Otani beside Ooya)."""
    try:
        paths = tagger.tagger.nbestToNodeList(word, _ALTERNATIVES)
    except (AttributeError, RuntimeError):  # an older tagger without n-best
        return []
    if not paths:
        return []
    pieces = [node.surface for node in paths[0]]
    found: list[str] = []
    for path in paths[1:]:
        if [node.surface for node in path] != pieces:
            continue
        kana = [str(getattr(node.feature, "kana", None) or "") for node in path]
        if not all(kana) or any(k == "*" for k in kana):
            continue
        if any(getattr(node.feature, "pos2", "") != "固有名詞" for node in path):
            continue
        spoken = " ".join(tagger.map_kana(_kana_to_hiragana(k)) for k in kana)
        found.append(spoken.replace("'", ""))
    return found


@lru_cache(maxsize=50_000)
def japanese_readings(word: str) -> tuple[str, ...]:
    """Latin readings of one word of kanji or kana, most common spelling first: the tagger's
    best reading (passport spelling, then with long vowels marked), then other readings of
    the same pieces that the dictionary knows as names, in passport spelling.

    >>> japanese_readings("佐藤健")[:2]
    ('sato ken', 'satou ken')
    >>> "kishida fumio" in japanese_readings("岸田文雄")
    True
    """
    tagger = _tagger()
    raw = str(tagger.romaji(word)).lower()
    if "?" in raw:  # a character the dictionary does not read (a Chinese-only form)
        return ()
    marked = " ".join(_KEEP.sub(" ", raw).split())
    if not marked:
        return ()
    readings = [_LONG.sub(lambda m: m.group(1)[0], marked), marked]
    for other in _other_readings(tagger, word):
        other = " ".join(_KEEP.sub(" ", other.lower()).split())
        if other:
            readings.append(_LONG.sub(lambda m: m.group(1)[0], other))
    return tuple(dict.fromkeys(readings))[:_MAX_READINGS]
