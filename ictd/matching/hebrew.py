"""Our own romanisation of Hebrew names, written as usual without vowel points.

Only the consonants of ``שלמה`` are certain (Shlomo, Shelomo): the result is compared by
consonant skeleton, as for Arabic script. Letters that stand for two sounds get one rendering
per style: ``ב`` b / v, ``כ`` k / kh / ch, ``פ`` p / f, ``ח`` ch / h / kh, and ``ו`` is the
vowel o / u inside a word or the consonant v (David ``דוד``). The first style reads every
``ב``/``כ``/``פ`` soft, first letters too (names of Yiddish or German origin: ``פרידמן``
Friedman), the third reads ``פ`` hard inside a word (``שפירא`` Shapira), the fourth reads the
first letter hard and the others soft, as most Israeli names are said, and writes a soft ``כ``
``ch`` as their English spellings do (``נפתלי בנט`` Naftali Bennett, ``ברוך`` Baruch, ``מרדכי``
Mordechai, ``ברכה`` Bracha; the third writes it ``kh``: Mordekhai), the last two read ``ש``
as sin (s: ``שרה`` Sarah), the second of them with soft first letters and ``ח`` h (``שרה
פרידמן`` Sarah Friedman, ``חנה`` Hana).
The styles are kept in order, not deduplicated, so that style *k* of every word of a name
makes its *k*-th reading. Vowel points, when written, are dropped; a geresh makes ``ג׳`` j,
``ז׳`` zh and ``צ׳`` ch.
"""

from __future__ import annotations

__all__ = ["romanise_hebrew"]

_COMMON = {
    "א": "", "ג": "g", "ד": "d", "ה": "h", "ז": "z", "ט": "t", "י": "y", "ל": "l", "מ": "m",
    "ם": "m", "נ": "n", "ן": "n", "ס": "s", "ע": "", "צ": "ts", "ץ": "ts", "ק": "k", "ר": "r",
    "ש": "sh", "ת": "t",
}  # fmt: skip
_STYLES = (
    {"ב": "v", "כ": "ch", "ך": "ch", "פ": "f", "ף": "f", "ח": "ch", "ו": "o"},
    {"ב": "b", "כ": "k", "ך": "kh", "פ": "p", "ף": "f", "ח": "h", "ו": "v"},
    {"ב": "v", "כ": "kh", "ך": "kh", "פ": "p", "ף": "f", "ח": "kh", "ו": "u"},
    {"ב": "v", "כ": "ch", "ך": "ch", "פ": "f", "ף": "f", "ח": "ch", "ו": "u"},
    {"ב": "b", "כ": "k", "ך": "kh", "פ": "p", "ף": "f", "ח": "h", "ו": "v", "ש": "s"},
    {"ב": "v", "כ": "ch", "ך": "ch", "פ": "f", "ף": "f", "ח": "h", "ו": "o", "ש": "s"},
)
_SOFT_FIRST = frozenset((0, 5))
"""Styles that read ``ב``/``כ``/``פ`` soft at the start of a word (Yiddish and German names)
and hard straight after a consonant letter (``רוזנברג`` Rosenberg, ``גולדברג`` Goldberg)."""
_HARD = {"ב": "b", "כ": "k", "פ": "p"}
_VOWEL_LETTERS = frozenset("אהוי")
_INITIAL = {"ב": "b", "כ": "k", "פ": "p", "ו": "v"}
_GERESH = {"ג": "j", "ז": "zh", "צ": "ch"}
_CLASH = frozenset("kstcdzgp")


def _romanise(word: str, style: dict[str, str], initial: bool, after_consonant: bool) -> str:
    out: list[str] = []
    letters = [ch for ch in word if "\u05d0" <= ch <= "\u05ea" or ch in "'׳"]
    for i, ch in enumerate(letters):
        nxt = letters[i + 1] if i + 1 < len(letters) else ""
        if ch in "'׳":
            continue
        if nxt and nxt in "'׳" and ch in _GERESH:
            out.append(_GERESH[ch])
        elif i == 0 and initial and ch in _INITIAL:
            out.append(_INITIAL[ch])
        elif after_consonant and ch in _HARD and i > 0 and letters[i - 1] not in _VOWEL_LETTERS:
            out.append(_HARD[ch])
        elif ch == "ו" and i > 0 and nxt == "י" and i + 2 == len(letters):
            out.append("v")  # לוי Levi
        elif ch == "י":
            out.append("y" if i == 0 or (nxt == "" and len(letters) < 3) else "i")
        elif ch == "ו" and nxt == "ו":
            out.append("v")
        elif ch == "ו" and i > 0 and letters[i - 1] == "ו":
            continue
        else:
            letter = style.get(ch, _COMMON.get(ch, ""))
            if ch == "ע" and i == 0:
                letter = "a"  # a first ayin is written as a vowel: עמר Amar, Omer (not "mr")
            if ch == "ה" and not nxt and i > 0:
                letter = "e"  # final he is a vowel: שלמה → shlme (Shlomo), משה → mshe
            elif letter.startswith("h") and out and out[-1][-1:] in _CLASH:
                letter = "e" + letter  # כהן: k and h, not the sound kh
            out.append(letter)
    return "".join(out)


_FIXED = {"דוד": "dvd"}
"""Words read one way whatever the style: ``דוד`` is David, Dovid (its ``ו`` the consonant),
which the styles that read ``ו`` as a vowel in a word's middle would make ``dod``."""


def romanise_hebrew(word: str) -> tuple[str, ...]:
    """Latin renderings of one Hebrew word, one per style, in style order.

    >>> romanise_hebrew("שלמה")
    ('shlme', 'shlme', 'shlme', 'shlme', 'slme', 'slme')
    """
    fixed = _FIXED.get("".join(ch for ch in word if "\u05d0" <= ch <= "\u05ea"))
    if fixed is not None:
        return (fixed,) * len(_STYLES)
    forms = tuple(
        _romanise(word, style, k not in _SOFT_FIRST, k in _SOFT_FIRST)
        for k, style in enumerate(_STYLES)
    )
    return forms if all(forms) else ()
