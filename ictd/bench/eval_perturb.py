"""More perturbation categories of ``ictd eval``: typos, dropped parts, initials, MRZ form.

Like ``ictd.bench.eval_variants``, each function takes a name as written and a seeded
``random.Random`` and returns a changed name, or ``None`` when it does not apply:

- ``two_typos``: exactly two keyboard slips in one name (a letter dropped, doubled, swapped
  with the next or replaced), in one word or two;
- ``several``: a typo, the family name put first and a middle word dropped, together (names
  of three words or more);
- ``mrz``: the name as a passport's machine-readable zone writes it (``ictd.bench.eval_mrz``);
- ``two_typos_one_word``: two slips in one word of seven letters or more (``Yildirim`` →
  ``Yilidim``);
- ``first_letter``: the first letter of one word of four letters or more changed or dropped
  (``Hamid`` → ``Gamid``, ``amid``), which the other typo kinds never touch;
- ``particles_dropped``: every ``bin``/``ibn``/``ben``/``bint``, ``abu``/``abou``/``umm`` and
  ``al-``/``el-`` left out (``Abu Bakr bin Ali al-Tamimi`` → ``Bakr Ali Tamimi``);
- ``initials_reordered``: the given names (every word but the last) as initials, the family
  name first or last (``KHAN, A. M.``, ``Khan A M``, ``A. M. Khan``).
"""

from __future__ import annotations

import random
import re

from ictd.bench.eval_mrz import mrz_of_name
from ictd.bench.eval_variants import Variant

__all__ = [
    "EXTRA_VARIANTS",
    "first_letter",
    "initials_reordered",
    "mrz",
    "particles_dropped",
    "several",
    "two_typos",
    "two_typos_one_word",
]

_LETTERS = "aeioubdklmnrst"
_FIRST_LETTERS = "abdfghjklmnprstvwyz"
_PARTICLES = frozenset(("bin", "ibn", "ben", "bint", "abu", "abou", "umm"))
_ARTICLE = re.compile(r"^(?:al|el)-(?=\w)", re.IGNORECASE)


def _slip(chars: list[str], rng: random.Random) -> bool:
    spots = [i for i in range(1, len(chars) - 1) if chars[i].isalpha()]
    if not spots:
        return False
    i = rng.choice(spots)
    kind = rng.randrange(4)
    if kind == 0:
        del chars[i]
    elif kind == 1:
        chars.insert(i, chars[i])
    elif kind == 2 and chars[i + 1].isalpha() and chars[i + 1] != chars[i]:
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    else:
        chars[i] = rng.choice([c for c in _LETTERS if c != chars[i].lower()])
    return True


def two_typos(name: str, rng: random.Random) -> str | None:
    """Two slips in a name of at least eight letters."""
    if sum(ch.isalpha() for ch in name) < 8:
        return None
    chars = list(name)
    if not (_slip(chars, rng) and _slip(chars, rng)):
        return None
    out = "".join(chars)
    return out if out.lower() != name.lower() else None


def several(name: str, rng: random.Random) -> str | None:
    """A typo, the words reordered (family name first) and a middle word dropped."""
    words = name.replace(",", " ").split()
    if len(words) < 3:
        return None
    del words[rng.randrange(1, len(words) - 1)]
    words = [words[-1], *words[:-1]]
    chars = list(" ".join(words))
    if not _slip(chars, rng):
        return None
    return "".join(chars)


def mrz(name: str, rng: random.Random) -> str | None:
    """The MRZ name field of ``name`` (``rng`` is unused: the form is fixed)."""
    del rng
    return mrz_of_name(name)


def _words(name: str) -> list[str]:
    return name.replace(",", " ").split()


def two_typos_one_word(name: str, rng: random.Random) -> str | None:
    """Two slips in one word of at least seven letters."""
    words = _words(name)
    longer = [i for i, w in enumerate(words) if sum(ch.isalpha() for ch in w) >= 7]
    if not longer:
        return None
    i = rng.choice(longer)
    chars = list(words[i])
    if not (_slip(chars, rng) and _slip(chars, rng)):
        return None
    changed = "".join(chars)
    if changed.lower() == words[i].lower():
        return None
    words[i] = changed
    return " ".join(words)


def first_letter(name: str, rng: random.Random) -> str | None:
    """The first letter of one word (four letters or more) replaced by another, or dropped."""
    words = _words(name)
    spots = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not spots:
        return None
    i = rng.choice(spots)
    word = words[i]
    if rng.random() < 0.4:
        words[i] = word[1].upper() + word[2:] if word[0].isupper() else word[1:]
    else:
        letter = rng.choice([c for c in _FIRST_LETTERS if c != word[0].lower()])
        words[i] = (letter.upper() if word[0].isupper() else letter) + word[1:]
    return " ".join(words)


def particles_dropped(name: str, rng: random.Random) -> str | None:
    """Every Arabic particle and article left out: ``bin``, ``abu``, ``umm``, ``al-`` …"""
    del rng
    words = _words(name)
    kept = [_ARTICLE.sub("", w) for w in words if w.lower() not in _PARTICLES]
    kept = [w for w in kept if w.lower() not in ("al", "el")]
    if kept == words or not kept:
        return None
    return " ".join(kept)


def initials_reordered(name: str, rng: random.Random) -> str | None:
    """The given names as initials (particles left out), the family name first
    (``KHAN, A. M.``) or last."""
    words = _words(name)
    if len(words) < 2 or not all(w[:1].isalpha() for w in words):
        return None
    family = words[-1]
    given = [w for w in words[:-1] if w.lower() not in _PARTICLES and w.lower() not in ("al", "el")]
    dot = rng.random() < 0.6
    initials = [w[0].upper() + ("." if dot else "") for w in given]
    form = rng.randrange(3)
    if form == 0:
        return f"{family.upper()}, {' '.join(initials)}"
    if form == 1:
        return " ".join([family, *initials])
    return " ".join([*initials, family])


EXTRA_VARIANTS: dict[str, Variant] = {
    "two-typos": two_typos,
    "several": several,
    "mrz": mrz,
    "two-typos-one-word": two_typos_one_word,
    "first-letter": first_letter,
    "particles-dropped": particles_dropped,
    "initials-reordered": initials_reordered,
}
"""Categories added to the person variants of both corpora."""
