"""Per-part keys: the folded form, the consonant skeleton and the phonetic key.

All keys start from the ASCII form of a name part (``ictd.matching.name``). ``fold`` maps
spelling variants of the same sound onto one letter (``kh``/``h`` → ``h``, ``q``/``k``/``c``/``g`` →
``k``, ``z``/``s`` → ``s``, ``w``/``v`` → ``v``, ``zh``/``j``/``dj`` → ``j`` …) and treats
``y``/``w``
inside a word as vowels. From the folded form:

- the **skeleton** drops the vowels: ``muhammad``, ``mohammed`` and the romanised Arabic ``mhmd``
  all give ``mhmd``;
- the **phonetic key** keeps one ``a`` per vowel cluster, so it still tells ``mahmud`` from
  ``muhammad``.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "ends_agree",
    "fold",
    "hard_letters_agree",
    "phonetic",
    "skeleton",
    "skeleton_trigrams",
    "vowels_agree",
]

_VOWELS = frozenset("aeiou")
_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("shch", "S"),
    ("tsch", "C"),
    ("dzh", "j"),
    ("sch", "S"),
    ("tch", "C"),
    ("sh", "S"),
    ("zh", "j"),
    ("dj", "j"),
    ("kh", "h"),
    ("gh", "k"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ch", "C"),
    ("ck", "k"),
    ("ts", "s"),
    ("tz", "s"),
    ("x", "ks"),
)
_DIGRAPH_RE = re.compile("|".join(re.escape(src) for src, _ in _DIGRAPHS))
_DIGRAPH_MAP = dict(_DIGRAPHS)
_SOFT_C = re.compile(r"(?<=[a-z])c(?=[ei])")
"""``c`` before ``e``/``i`` inside a word sounds ``s`` in French and Spanish spellings
(``Lounici`` is ``لونيسي``, ``Boucif``); at the start of a word it stays ``k`` (Turkish
``Cemal`` is not ``Semal``)."""
_SINGLE = str.maketrans({"q": "k", "c": "k", "g": "k", "z": "s", "w": "v"})
_SLAVIC_ENDING = re.compile(r"(?<=[^aeiouy][oe])(?:w|ff)$")
_VOWEL_RUN = re.compile(r"[aeiou]+")
_DOUBLE = re.compile(r"(.)\1+")
# Which Latin vowels a long vowel of a romanised abjad name may be written as.
_VOWEL_CLASS = {"a": "ae", "i": "iey", "u": "uow", "e": "aeiou", "o": "uoa"}


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Fold spelling variants of a lowercase ASCII part onto one letter per sound.

    >>> fold("khaled"), fold("qaddafi"), fold("hussein")
    ('haled', 'kadafi', 'husein')
    """
    if not text:
        return ""
    if len(text) > 4:
        text = _SLAVIC_ENDING.sub("v", text)  # Petrow, Petroff → petrov
    chars = list(text)
    # y and w inside a word are vowels (Husayn, Dawud); at the start they are consonants.
    for i in range(1, len(chars)):
        if chars[i] == "y":
            chars[i] = "i"
        elif chars[i] == "w":
            chars[i] = "u"
    out = _DIGRAPH_RE.sub(lambda m: _DIGRAPH_MAP[m.group(0)], "".join(chars))
    out = _SOFT_C.sub("s", out)
    out = out.translate(_SINGLE)
    out = _DOUBLE.sub(r"\1", out)
    if len(out) > 2 and out.endswith("h") and out[-2] in _VOWELS:
        out = out[:-1]
    return out


@lru_cache(maxsize=200_000)
def skeleton(text: str) -> str:
    """Consonant skeleton: folded, vowels dropped, final ``h`` dropped.

    >>> skeleton("mohammed"), skeleton("muhammad"), skeleton("mhmd")
    ('mhmd', 'mhmd', 'mhmd')
    """
    out = "".join(ch for ch in fold(text) if ch not in _VOWELS)
    if len(out) > 1 and out.endswith("h"):
        out = out[:-1]
    return out


def _vowel_class(match: re.Match[str]) -> str:
    run = match.group(0)
    if run in ("ee", "ie", "ii"):
        return "i"
    if ("i" in run) and ("a" in run or "e" in run):
        return "ai"  # diphthong: ai, ay, ei, ey
    if "o" in run or "u" in run:
        return "u"
    return "i" if "i" in run else "a"


@lru_cache(maxsize=200_000)
def phonetic(text: str) -> str:
    """Phonetic key: folded, each vowel cluster as its class (``a``, ``i``, ``u`` or ``ai``).

    >>> phonetic("yousef"), phonetic("hussein"), phonetic("husayn"), phonetic("mahmoud")
    ('yusaf', 'husain', 'husain', 'mahmud')
    """
    out = _VOWEL_RUN.sub(_vowel_class, fold(text))
    if len(out) > 2 and out.endswith("h"):
        out = out[:-1]
    return out


def skeleton_trigrams(skel: str) -> list[str]:
    """Character trigrams of a skeleton padded with ``^``/``$``, for typo-tolerant retrieval."""
    padded = f"^{skel}$"
    if len(padded) < 3:
        return [padded]
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


def skeleton_neighbours(skel: str) -> list[str]:
    """A skeleton and, when it has three letters or more, each skeleton one letter shorter.

    Two skeletons one edit apart (a letter changed, added or dropped) share one of these, so a
    part with a typo still finds its record when its skeleton is too short for a trigram to
    survive the typo (``joeph`` → ``jf`` and ``joseph`` → ``jsf``; ``kdny`` → ``kdn`` and
    ``kony`` → ``kn``).

    >>> skeleton_neighbours("jsf")
    ['jsf', 'sf', 'jf', 'js']
    """
    if len(skel) < 3:
        return [skel]
    out = [skel]
    for i in range(len(skel)):
        shorter = skel[:i] + skel[i + 1 :]
        if shorter not in out:
            out.append(shorter)
    return out


def _clusters(folded: str) -> list[str]:
    """Vowel clusters between consonants: ``hasan`` → ``['', 'a', 'a', '']``."""
    return re.split(r"[^aeiou]", folded)


_HARD = re.compile(r"gh|kh|ck|[gkcq]")


def _hard_letters(text: str) -> list[str]:
    """The g, k, c and q of a spelling in order (``gh`` and ``kh`` are other sounds)."""
    return [m for m in _HARD.findall(text) if len(m) == 1 or m == "ck"]


def hard_letters_agree(abjad_text: str, latin_text: str) -> bool:
    """False when an abjad romanisation writes ``g`` where a Latin spelling with the same
    skeleton writes ``k``, ``c`` or ``q``: ``ج`` read ``g`` (جمال, Egyptian Gamal) is not
    ``Kamal`` (كمال), whatever the skeleton, which folds g and k together. Only that way
    round: a ``k`` of the abjad's reading may be written ``g`` (Thai ``ก``, Gulf ``ق`` in
    Gaddafi)."""
    left, right = _hard_letters(abjad_text), _hard_letters(latin_text)
    if len(left) != len(right):
        return True  # the skeletons agree otherwise: leave it to them
    return all(b == "g" for a, b in zip(left, right, strict=True) if a == "g")


def vowels_agree(abjad_text: str, latin_text: str) -> bool:
    """True when every long vowel written in an abjad romanisation shows in the Latin spelling.

    Both sides must already have the same skeleton. ``mhmud`` (محمود) agrees with ``mahmoud``
    but not with ``mohammed``; the vowel before the first consonant is ignored.
    """
    left, right = _clusters(fold(abjad_text)), _clusters(fold(latin_text))
    if len(left) != len(right):
        return False
    for want, have in zip(left[1:], right[1:], strict=True):
        for vowel in want:
            if not any(ch in _VOWEL_CLASS[vowel] for ch in have):
                return False
    return True


_ASSIMILATED = re.compile(r"^[aeiou]([a-z]{1,2})\1")
"""The article before a sun letter, written fused: ``essabar``, ``ashshami``."""


def ends_agree(arabic_text: str, latin_text: str) -> bool:
    """False when a Latin spelling has a vowel at an end of the word where the romanisation
    of an Arabic-script word has a consonant.

    Arabic script always writes a vowel at either end of a word — alif or ʿayn before it;
    alif, yāʾ, wāw, hāʾ or tāʾ marbūṭa after it — and its romanisation renders them, so
    ``maadh`` (معاذ) is not ``Imad`` nor ``mlk`` (ملک) ``Malka``. Which vowel it is does not
    matter (``amad``, عماد, is ``Imad`` and ``Emad``). A first ``w`` or ``y`` (French
    ``Oualid`` writes و as ``ou``), a last ``e`` (French ``Soufiane``, ``Othmane``) and the
    article assimilated and written fused (``Essabar``, الصبار read ``sbar``) are left alone.
    The other way round, a Latin spelling without the first vowel the Arabic writes, only
    for a word of two consonants or fewer (``asma``, أسماء, is not ``Soumaya``; Maghrebi
    ``Brahim`` for إبراهيم stays). Not for Hebrew, whose romanisations leave alef and ayin out.
    """
    folded, other = fold(arabic_text), fold(latin_text)
    if not folded or not other:
        return True
    # the written first vowel left out: Maghrebi spellings do (Brahim, Smail), but not of a
    # name of two consonants or fewer, where it is a whole syllable (أسماء Asma, not Soumaya)
    short = sum(ch not in _VOWELS for ch in folded) <= 2
    if short and folded[0] in _VOWELS and other[0] not in _VOWELS:
        return False
    if other[0] in _VOWELS and folded[0] not in _VOWELS and folded[0] not in "vy":
        article = _ASSIMILATED.match(latin_text)
        if not (article and arabic_text.startswith(article.group(1))):
            return False
    return not (other[-1] in _VOWELS and other[-1] != "e" and folded[-1] not in _VOWELS)
