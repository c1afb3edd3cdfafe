"""Slips in the small words of an organisation's name: a mistyped article, connector or legal form.

An organisation's name is mostly distinctive words between small ones that say nothing of
which organisation is meant: the Arabic article (``Al-Wafa``), English connectors (``The
Houthis``, ``Bank of East Land``) and legal forms (``Co., Ltd.``). Written with a slip, such a
word is no longer recognised and is compared as a name part of its own, which then has no
partner: ``A-Wafa Charitable Society`` met ``Al-Wafa Charitable Society`` at 0.05, ``TEH
HOUTHIS`` met ``THE HOUTHIS`` at 0.02, ``Yiwu Golden Dragon Chemical Co., td.`` its own name
at 0.34. ``is_org_slip`` tells such a word, only where it stands in a name of three words or
more: first for an article, between two words for a connector (``teh`` also first in a name
of two), last (or before legal forms only, not after a letter of a dotted one: ``B.VV.``)
for a legal form.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import OSA

from ictd.matching import lexicon as lx

__all__ = ["is_org_slip"]

_ARTICLE_SLIPS = frozenset({"a", "all", "aal", "ell", "eel"})
"""``al``/``el`` with a letter lost or doubled (``A-Wafa``, ``All-Helal``)."""
_SHORT_FORMS = tuple(
    sorted(w for w in lx.LEGAL_FORMS | lx.AMBIGUOUS_LEGAL_FORMS if 2 <= len(w) <= 3)
)
"""Legal forms of two or three letters (``co``, ``ag``, ``bv``, ``ltd``, ``llc``, ``jsc``)."""
_LEGAL = lx.LEGAL_FORMS | lx.AMBIGUOUS_LEGAL_FORMS
_CONNECTORS = ("the", "of", "and", "for")


def _undoubled(text: str) -> set[str]:
    """``text`` with one of its doubled letters written once (``coo`` → ``co``)."""
    return {text[:i] + text[i + 1 :] for i in range(1, len(text)) if text[i] == text[i - 1]}


@lru_cache(maxsize=10_000)
def _slipped_form(text: str) -> bool:
    """``text`` (three letters or fewer, not a legal form) is a legal form of two or three
    letters with one slip: a letter changed or lost, two letters swapped, one doubled
    (``tld``, ``olc``, ``td``, ``cn``, ``vb``, ``coo``, ``bbv``)."""
    if len(text) < 2 or len(text) > 3 or text in lx.LEGAL_FORMS:
        return False
    for form in _SHORT_FORMS:
        if len(text) in (len(form), len(form) - 1) and OSA.distance(text, form) <= 1:
            return True
    return bool(_undoubled(text) & set(_SHORT_FORMS))


@lru_cache(maxsize=10_000)
def _slipped_connector(text: str) -> bool:
    """``text`` is ``the``, ``of``, ``and`` or ``for`` with two letters swapped or one doubled
    (``teh``, ``off``, ``annd``); not the word itself."""
    if text in _CONNECTORS:
        return False
    letters = sorted(text)
    for word in _CONNECTORS:
        if len(word) >= 3 and letters == sorted(word) and OSA.distance(text, word) == 1:
            return True
    return any(w in _CONNECTORS for w in _undoubled(text))


def is_org_slip(text: str, texts: list[str], i: int) -> bool:
    """The word ``text`` (``texts[i]`` as the lexicon folds it) of an organisation's name
    written as ``texts`` is a mistyped article, connector or legal form (see the module's
    docstring)."""
    count = len(texts)
    if count < 2 or len(text) > 4:
        return False
    if _slipped_connector(text):  # ``teh`` also first before one word (``TEH HOUTHIS``)
        return 0 < i < count - 1 or (i == 0 and set(text) == set("the"))
    if count < 3:
        return False
    if i == 0 and (text in _ARTICLE_SLIPS or (text in lx.ASSIMILATED_ARTICLES and text[0] == "a")):
        return len(texts[1]) > 2
    if i < 2 or len(texts[i - 1]) == 1:
        return False
    return all(t in _LEGAL for t in texts[i + 1 :]) and _slipped_form(text)
