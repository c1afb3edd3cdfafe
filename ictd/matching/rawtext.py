"""A name's raw text before it is split into words: a list's notes on the name left out, an
abbreviation in brackets made of the name's own initials left out, initials written run
together written apart."""

from __future__ import annotations

import re

from ictd.matching import lexicon as lx

__all__ = ["drop_acronyms", "drop_notes", "spelt_initials"]

_PARENTHESIS = re.compile(r"\(([^()]*)\)")
_INITIALS = re.compile(r"[^\W\d_]+")


_NOTE_WORDS = frozenset(
    (
        *("previously", "formerly", "listed", "as", "birth", "name", "names", "combat"),
        *("nom", "de", "guerre", "true", "real", "maiden", "also", "known", "aka", "alias"),
        *("original", "script", "spelling", "spelt", "spelled"),
    )
)
"""Words of the notes lists put in brackets after a name (``(previously listed as)``, ``(birth
name)``, ``(COMBAT NAME)``, ``(nom de guerre)``, ``(original script: …)``)."""
_NOTE_HEADS = frozenset(
    ("listed", "name", "names", "guerre", "known", "aka", "alias", "script", "spelling")
)
"""One of them must be there: ``(de)`` or ``(as)`` alone is not a note."""
_BORN = re.compile(r"(?:,\s*|\s+)born\s+(?:in|on|\d).*$|,\s*born\b.*$", re.IGNORECASE | re.DOTALL)
"""A list's note of birth after the name: ``…, born 1 Jan. 1953``, ``… born in 1963``; not a
family name ``Born`` (``Max Born``)."""


def drop_notes(raw: str) -> str:
    """``raw`` without what lists write after a name about it: a note of birth
    (``Mohammad Akhund born in 1963``), a note in brackets made of words such as
    ``previously listed as``, ``birth name``, ``combat name``, or with digits in it (a
    passport or list number); the name a note gives in brackets after a colon
    (``Amir Khazmat (original script: Амир Хазмат)``) becomes a name of its own, after a
    ``;`` as lists write several names."""
    if "(" not in raw and "born" not in raw.casefold():
        return raw
    text = _BORN.sub("", raw)
    others: list[str] = []

    def note(m: re.Match[str]) -> str:
        inner = m.group(1)
        head, colon, named = inner.partition(":")
        if colon and _is_note(head) and named.strip():
            others.append(named.strip())
            return " "
        if any(ch.isdigit() for ch in inner) or _is_note(inner):
            return " "
        return m.group(0)

    text = " ".join(_PARENTHESIS.sub(note, text).split())
    if not text or not _INITIALS.search(text):
        return raw  # nothing of a name would be left: the brackets were the name
    return "; ".join([text, *others])


def _is_note(text: str) -> bool:
    words = [w.casefold() for w in _INITIALS.findall(text)]
    noted = all(w in _NOTE_WORDS for w in words)
    return bool(words) and noted and not _NOTE_HEADS.isdisjoint(words)


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
