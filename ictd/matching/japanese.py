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
_LONG = re.compile(r"(?<=[knhmrgbpsztdjy])(ou|oo|uu)(?![aeiou])")
_KEEP = re.compile(r"[^a-z ]+")


def _tagger() -> Any:
    found = getattr(_LOCAL, "cutlet", None)
    if found is None:
        import cutlet  # imported late: MeCab loads its dictionary on first use

        found = cutlet.Cutlet()
        found.use_foreign_spelling = False
        _LOCAL.cutlet = found
    return found


@lru_cache(maxsize=50_000)
def japanese_readings(word: str) -> tuple[str, ...]:
    """Latin readings of one word of kanji or kana, most common spelling first.

    >>> japanese_readings("佐藤健")
    ('sato ken', 'satou ken')
    """
    raw = str(_tagger().romaji(word)).lower()
    if "?" in raw:  # a character the dictionary does not read (a Chinese-only form)
        return ()
    marked = " ".join(_KEEP.sub(" ", raw).split())
    if not marked:
        return ()
    plain = _LONG.sub(lambda m: m.group(1)[0], marked)
    return tuple(dict.fromkeys((plain, marked)))
