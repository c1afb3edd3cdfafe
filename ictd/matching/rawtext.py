"""A name's raw text before it is split into words: an abbreviation in brackets made of the
name's own initials left out, initials written run together written apart."""

from __future__ import annotations

import re

from ictd.matching import lexicon as lx

__all__ = ["drop_acronyms", "spelt_initials"]

_PARENTHESIS = re.compile(r"\(([^()]*)\)")
_INITIALS = re.compile(r"[^\W\d_]+")


def _is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(ch in letters for ch in short)


def drop_acronyms(raw: str) -> str:
    """``raw`` without an abbreviation in brackets made of its own words' initials:
    ``SPECIAL INDUSTRIES GROUP (SIG)`` is ``Special Industries Group``, and
    ``Islamic State West Africa Province (ISWAP)`` says nothing more than its words."""
    if "(" not in raw:
        return raw
    for m in _PARENTHESIS.finditer(raw):
        inner = m.group(1).strip()
        letters = "".join(_INITIALS.findall(inner)).casefold()
        if not 2 <= len(letters) <= 8 or len(inner.split()) != 1:
            continue
        rest = raw[: m.start()] + " " + raw[m.end() :]
        initials = "".join(w[0] for w in _INITIALS.findall(rest)).casefold()
        if len(initials) >= 2 and _is_subsequence(letters, initials):
            return " ".join(rest.split())
    return raw


_RUN_TOGETHER = re.compile(r"(?<!\S)[b-df-hj-np-tv-z]{2,3}(?=[.,]?(?:\s|$))", re.IGNORECASE)
"""A word of two or three Latin consonants (``y`` counts as one) standing alone."""
_WORDS_NOT_INITIALS = (
    lx.HONORIFICS
    | lx.STOP_WORDS
    | lx.CONNECTORS
    | lx.GENERATIONS
    | lx.LEGAL_FORMS
    | lx.AMBIGUOUS_LEGAL_FORMS
    | lx.ARTICLES
)
"""Short words that are not a person's initials (``Mr``, ``Jr``, ``bn``, ``Ltd``)."""


def spelt_initials(raw: str) -> str:
    """``raw`` with initials written run together as initials apart (``JY Son`` is
    ``J Y Son``): a word of two or three Latin letters without a vowel (``y`` counts as a
    consonant) between spaces. ``raw`` when there is none, or when no other word of the
    name would be left whole (``BP``, ``BP Plc``). Not a word with a vowel: ``KIM Jong Un``
    and ``RI Su Yong`` write the family name in capitals."""

    def apart(m: re.Match[str]) -> str:
        word = m.group(0)
        return word if word.casefold() in _WORDS_NOT_INITIALS else " ".join(word)

    spelt = _RUN_TOGETHER.sub(apart, raw)
    whole = [w for w in spelt.split() if len(w) > 1 and w.casefold() not in _WORDS_NOT_INITIALS]
    return spelt if whole else raw
