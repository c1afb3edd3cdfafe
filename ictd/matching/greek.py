"""Our own romanisation of modern Greek names, as passports and Latin lists write them.

ICU's ``Greek-Latin`` transliterates ancient Greek letter by letter (``Βασίλης`` →
``basiles``, ``Βαρουφάκης`` → ``barouphakes``); a Greek passport writes Vasilis and
Varoufakis. ``romanise_greek`` gives two renderings of one word:

1. **ELOT 743** (the passport standard): ``β`` v, ``η`` i, ``υ`` y, ``φ`` f, ``χ`` ch, ``αι``
   ai, ``ει`` ei, ``οι`` oi, ``ου`` ou, ``αυ``/``ευ`` av/ev before a vowel or a voiced
   consonant and af/ef otherwise, ``γγ`` ng, ``γκ`` gk, ``μπ`` b at the start of a word and mp
   inside, ``ντ`` d at the start and nt inside;
2. **as spoken**, the spelling of many Latin lists and of Greeks abroad: ``η``, ``υ``, ``ει``,
   ``οι`` i, ``αι`` e, ``γι`` before a vowel y (``Γιάννης`` Yannis, ``Γιώργος`` Yorgos),
   ``γκ`` and ``γγ`` ng inside a word, g at its start, ``μπ`` mb and ``ντ`` nd inside.

Accents are dropped; a diaeresis keeps two vowels apart (``Αϊδίνης`` a-i, not ai).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["romanise_greek"]

_LETTERS = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
}  # fmt: skip
_VOWELS = frozenset("αεηιουω")
_VOICED = frozenset("βγδζλμνρ")  # after αυ/ευ/ηυ: v before these and vowels, f otherwise
_DIGRAPHS = {"αι": ("ai", "e"), "ει": ("ei", "i"), "οι": ("oi", "i"), "υι": ("yi", "i"),
             "ου": ("ou", "ou")}  # fmt: skip


def _letters(word: str) -> list[tuple[str, bool]]:
    """Base letters, lower-case, each with whether it carries a diaeresis."""
    out: list[tuple[str, bool]] = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch == "\u0308" and out:
            out[-1] = (out[-1][0], True)
        elif ch in _LETTERS:
            out.append((ch, False))
    return out


def _render(letters: list[tuple[str, bool]], spoken: bool) -> str:
    out: list[str] = []
    i, n = 0, len(letters)
    while i < n:
        ch = letters[i][0]
        nxt, nxt_apart = letters[i + 1] if i + 1 < n else ("", False)
        after = letters[i + 2][0] if i + 2 < n else ""
        pair = ch + nxt
        if pair in _DIGRAPHS and not nxt_apart:
            out.append(_DIGRAPHS[pair][spoken])
            i += 2
        elif ch in "αεη" and nxt == "υ" and not nxt_apart:
            soft = after in _VOWELS or after in _VOICED
            out.append(_LETTERS[ch] + ("v" if soft else "f"))
            i += 2
        elif pair == "μπ":
            out.append("b" if i == 0 else "mb" if spoken else "mp")
            i += 2
        elif pair == "ντ":
            out.append("d" if i == 0 else "nd" if spoken else "nt")
            i += 2
        elif pair in ("γγ", "γκ"):
            if i == 0:
                out.append("g" if spoken else "gk" if pair == "γκ" else "ng")
            else:
                out.append("ng" if spoken or pair == "γγ" else "gk")
            i += 2
        elif pair in ("γξ", "γχ"):
            out.append("n" + _LETTERS[nxt])
            i += 2
        elif spoken and pair == "γι" and after in _VOWELS:
            out.append("y")  # Γιάννης → Yannis: the iota only marks the sound
            i += 2
        elif ch == "υ":
            out.append("i" if spoken else "y")
            i += 1
        else:
            out.append(_LETTERS[ch])
            i += 1
    return "".join(out)


@lru_cache(maxsize=20_000)
def romanise_greek(word: str) -> tuple[str, ...]:
    """Latin renderings of one Greek word: ELOT 743 first, then as spoken (one if alike).

    >>> romanise_greek("Γιώργος")
    ('giorgos', 'yorgos')
    >>> romanise_greek("Ευάγγελος")
    ('evangelos',)
    """
    letters = _letters(word)
    if not letters:
        return ()
    return tuple(dict.fromkeys((_render(letters, False), _render(letters, True))))
