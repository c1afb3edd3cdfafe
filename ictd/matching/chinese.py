"""Wade–Giles spellings of Mandarin syllables, as names are still written outside pinyin.

Names of people from Taiwan, of older generations and in many lists are written in
Wade–Giles, usually without its apostrophes and umlauts: ``毛泽东`` is Mao Zedong in
pinyin and Mao Tse-tung in Wade–Giles, ``邓小平`` Deng Xiaoping and Teng Hsiao-ping.
``wade_giles`` turns one toneless pinyin syllable (as ICU's ``Han-Latin`` gives it, with
``ü`` folded to ``u``) into its Wade–Giles spelling the way names write it: aspirated and
plain consonants alike (``t``, not ``t'``), ``ü`` as ``u``.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["wade_giles"]

_INITIALS = (
    ("zh", "ch"), ("ch", "ch"), ("sh", "sh"),
    ("b", "p"), ("p", "p"), ("m", "m"), ("f", "f"), ("d", "t"), ("t", "t"), ("n", "n"),
    ("l", "l"), ("g", "k"), ("k", "k"), ("h", "h"), ("j", "ch"), ("q", "ch"), ("x", "hs"),
    ("r", "j"), ("z", "ts"), ("c", "ts"), ("s", "s"), ("y", "y"), ("w", "w"),
)  # fmt: skip
"""Pinyin initials and their Wade–Giles letters, the two-letter ones first."""

_FINALS = {"ong": "ung", "iong": "iung", "ian": "ien", "ie": "ieh", "ue": "ueh"}
"""Finals spelt otherwise whatever the initial."""

_WHOLE = {
    "yi": "i", "you": "yu", "yan": "yen", "ye": "yeh", "yue": "yueh", "yong": "yung",
    "e": "o", "er": "erh",
}  # fmt: skip
"""Syllables without an initial consonant, spelt otherwise."""


@lru_cache(maxsize=4_096)
def wade_giles(syllable: str) -> str:
    """The Wade–Giles spelling of a pinyin syllable: ``zhou`` → ``chou``, ``xiao`` →
    ``hsiao``, ``dong`` → ``tung``, ``ze`` → ``tse``, ``zi`` → ``tzu``, ``guo`` → ``kuo``.
    Text that is not a pinyin syllable comes back as it is.

    >>> [wade_giles(s) for s in ("mao", "ze", "dong", "deng", "xiao", "ping")]
    ['mao', 'tse', 'tung', 'teng', 'hsiao', 'ping']
    """
    if syllable in _WHOLE:
        return _WHOLE[syllable]
    for pinyin, letters in _INITIALS:
        if syllable.startswith(pinyin) and len(syllable) > len(pinyin):
            return _spell(pinyin, letters, syllable[len(pinyin) :])
    return syllable


def _spell(initial: str, letters: str, final: str) -> str:
    if final == "i" and initial in ("zh", "ch", "sh", "r"):
        return letters + "ih"  # zhi, shi, ri: chih, shih, jih
    if final == "i" and initial in ("z", "c", "s"):
        return {"z": "tzu", "c": "tzu", "s": "ssu"}[initial]
    if final == "e":
        return letters + ("o" if initial in ("g", "k", "h") else "e")  # ge: ko; de: te
    if final == "uo" and initial not in ("g", "k", "h", "sh"):
        return letters + "o"  # duo: to, zhuo: cho; guo: kuo, shuo: shuo
    if final == "ui" and initial in ("g", "k"):
        return letters + "uei"  # gui: kuei
    return letters + _FINALS.get(final, final)
