"""More perturbation categories of ``ictd eval``: two typos, several changes at once, MRZ form.

Like ``ictd.bench.eval_variants``, each function takes a name as written and a seeded
``random.Random`` and returns a changed name, or ``None`` when it does not apply:

- ``two_typos``: exactly two keyboard slips in one name (a letter dropped, doubled, swapped
  with the next or replaced), in one word or two;
- ``several``: a typo, the family name put first and a middle word dropped, together (names
  of three words or more);
- ``mrz``: the name as a passport's machine-readable zone writes it (``ictd.bench.eval_mrz``).
"""

from __future__ import annotations

import random

from ictd.bench.eval_mrz import mrz_of_name
from ictd.bench.eval_variants import Variant

__all__ = ["EXTRA_VARIANTS", "mrz", "several", "two_typos"]

_LETTERS = "aeioubdklmnrst"


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


EXTRA_VARIANTS: dict[str, Variant] = {"two-typos": two_typos, "several": several, "mrz": mrz}
"""Categories added to the person variants of both corpora."""
