"""Organisation words of the benchmark's generators: which words tell one organisation from another.

A negative organisation query must be another organisation than every listed one, so it
must share no **distinctive** word with a listed organisation: ``Volga Group Ltd`` is the
listed ``Volga Group JSC`` under another legal form, and ``Meridian Logistics LLC`` the
listed ``Meridian Logistik LLC`` in English. Words that are not distinctive are the legal
forms and generic words of every table that makes organisation names for ``ictd eval``:
the negatives' (``GENERIC``, ``LEGAL``), the synthetic corpus's (``ictd.demo.org_names``:
the Latin templates of its Arabic, Persian, Russian, Chinese, Western and Somali kinds, its
activities, legal forms and Russian suffixes), the legal forms of many languages of
``ictd.bench.eval_orgforms`` and the organisation perturbations of
``ictd.bench.eval_variants``, and a few words of institutions and trades (bank,
department, committee, energy …). Words are compared after the generators' own normalisation
(``ascii_tokens``: ASCII, lower case), with an English plural ``s`` of a generic word and
the Arabic article (``al``, ``el``, fused as in ``Alamal``) set aside, and two distinctive
words written together (``North Star`` / ``Northstar``) also read as one. Cities stay
distinctive, so a negative in the same city as a listed company is dropped too.

This is the benchmark's own test, independent of the matcher's tables
(``ictd.matching.orgwords``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ictd.bench.eval_orgforms import LATIN_FORMS
from ictd.bench.eval_variants import ORG_WORD_FORMS, ascii_tokens
from ictd.demo.org_names import ORG_FAMILIES, RU_SUFFIXES, WEST_ACTIVITIES, WEST_LEGAL

__all__ = ["GENERIC", "LEGAL", "ORG_GENERIC", "distinctive_words"]

GENERIC = """
Trading General Services Global International Group Holding Industries Import Export
Commercial Foundation Relief Charity Development Investment Logistics Shipping Construction
Exchange Humanitarian Welfare Society Center Enterprise Partners Brothers Organization
"""
LEGAL = ("LLC", "Ltd", "Company", "Co.", "GmbH", "Inc.", "FZE", "")
_OTHER = """
co ltd llc company limited corporation corp inc sa srl bv jsc ooo ao pjsc gmbh sarl fze sti
as trade money hawala charitable for and of the imp exp
"""
_INSTITUTIONS = """
bank banking industrial industry energy technical technology department centre office
committee council association institute agency management project consultants aviation
"""
"""Words of institutions and trades that name no one organisation (the UN list's
organisations hold them: ``Bank``, ``Industrial``, ``Department``, ``Committee``)."""
_ARTICLES = frozenset({"al", "el", "ar", "as", "ash", "at", "an", "ad", "az", "es"})


def _template_words(templates: Iterable[str]) -> set[str]:
    return {t for template in templates for t in ascii_tokens(re.sub(r"\{\w+\}", " ", template))}


def _tables() -> frozenset[str]:
    templates = [kind_template for family in ORG_FAMILIES.values()
                 for kind in family.kinds for kind_template in kind.latin]  # fmt: skip
    words = _template_words(templates)
    words |= _template_words(LATIN_FORMS)
    words |= _template_words((GENERIC, *LEGAL, _OTHER, _INSTITUTIONS, *WEST_ACTIVITIES))
    words |= _template_words(ORG_WORD_FORMS)
    words |= _template_words(form for forms in WEST_LEGAL.values() for form in forms)
    words |= _template_words(latin for part in RU_SUFFIXES for latin in part.latin)
    return frozenset(words)


ORG_GENERIC = _tables()
"""Legal forms and generic words of the generators' organisation tables (lower-case ASCII)."""


def _is_generic(token: str) -> bool:
    return (
        token in ORG_GENERIC
        or token in _ARTICLES
        or (token.endswith("s") and token[:-1] in ORG_GENERIC)
    )


def distinctive_words(name: str) -> frozenset[str]:
    """The words of a (Latin) organisation name that tell it from another one."""
    tokens = [t for t in ascii_tokens(name) if len(t) > 1]
    out: set[str] = set()
    previous = ""
    for token in tokens:
        if _is_generic(token):
            previous = ""
            continue
        out.add(token)
        if token[:2] in ("al", "el") and len(token) > 4 and not _is_generic(token[2:]):
            out.add(token[2:])  # the article written together with the word
        if previous:
            out.add(previous + token)  # two words that are also written as one
        previous = token
    return frozenset(out)
