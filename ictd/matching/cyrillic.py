"""Romanisation of Cyrillic names under the styles found in lists and passports.

Three styles, each applied to the whole name so its parts stay consistent:

- ``bgn``: BGN/PCGN, the style of most sanctions lists (х kh, ж zh, й y, щ shch, я ya,
  е ye initially);
- ``passport``: the Russian passport (ICAO 9303) style since 2013 (й i, ю iu, я ia, ъ ie);
- ``loose``: common older/Western spellings (х h, ж j, й j, ю ju, я ja, -ий -i), as German,
  Czech and Polish texts and ISO 9 write them (``Sergej``, ``Bajkal``).

The keys in ``ictd.matching.keys`` fold most remaining differences (``kh``/``h``, ``zh``/``j``).
"""

from __future__ import annotations

__all__ = ["STYLES", "romanise_cyrillic"]

_COMMON: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Ukrainian, Belarusian, Serbian, Macedonian, Kazakh and other letters
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u", "ђ": "dj", "ј": "j", "љ": "lj",
    "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "gj", "ќ": "kj", "ѕ": "dz", "ә": "a", "ғ": "gh",
    "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
    # Tajik, Uzbek, Tatar and Bashkir letters; the Caucasian palochka is not written in Latin
    "ҳ": "h", "ҷ": "j", "ӯ": "u", "ӣ": "i", "җ": "j", "ҙ": "z", "ҫ": "s", "ҡ": "q", "ӏ": "",
}  # fmt: skip
_PASSPORT = {"й": "i", "ю": "iu", "я": "ia", "ъ": "ie", "ё": "e"}
_LOOSE = {"х": "h", "ж": "j", "й": "j", "ю": "ju", "я": "ja", "щ": "sch", "ё": "yo"}
_BGN = {"ё": "yo"}
STYLES: dict[str, dict[str, str]] = {
    "bgn": {**_COMMON, **_BGN},
    "passport": {**_COMMON, **_PASSPORT},
    "loose": {**_COMMON, **_LOOSE},
}
_VOWELS = frozenset("аеёиоуыэюяіїєъь")
_ENDINGS = {"bgn": {"ий": "iy", "ый": "yy"}, "passport": {"ий": "ii", "ый": "yi"}}
_LOOSE_ENDINGS = {"ий": "i", "ый": "y"}


def _romanise(word: str, style: str) -> str:
    table = STYLES[style]
    endings = _ENDINGS.get(style, _LOOSE_ENDINGS)
    suffix = ""
    for ending, latin in endings.items():
        if word.endswith(ending) and len(word) > 3:
            word, suffix = word[: -len(ending)], latin
            break
    out: list[str] = []
    for i, ch in enumerate(word):
        if ch == "е" and style == "bgn" and (i == 0 or word[i - 1] in _VOWELS):
            out.append("ye")
        else:
            out.append(table.get(ch, ch))  # other letters stay for Latin-ASCII
    return "".join(out) + suffix


def romanise_cyrillic(word: str, style: str | None = None) -> tuple[str, ...]:
    """Latin renderings of one lower-case Cyrillic word, one per style (or just ``style``).

    >>> romanise_cyrillic("юрий")
    ('yuriy', 'iurii', 'juri')
    """
    styles = (style,) if style else tuple(STYLES)
    return tuple(_romanise(word, s) for s in styles)
