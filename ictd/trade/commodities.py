"""Goods against commodity rules: Harmonized System (HS) codes and keywords.

An HS code is written with or without dots and spaces (``2709``, ``2915.24``,
``2939 41 00``): 2 (chapter), 4 (heading), 6 (subheading) or 8 to 10 digits (national
lines). Its chapter must exist in the HS nomenclature (01–97; chapter 77 is reserved and
holds no goods); anything else is an unknown code, refused with the field that holds it.

A rule range is two codes of the same length (``2709-2710``, ``2939.41-2939.42``, or one
code). A declared code falls in a range when its first digits lie between the range's
ends; a declared code shorter than the range (``2915`` against ``2915.24``) may hold the
controlled goods and matches too — a coarse declaration does not escape a fine rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ictd.model.trade import CommodityRule

__all__ = [
    "HS_CHAPTERS",
    "HS_LENGTHS",
    "hs_problem",
    "keyword_key",
    "matching_keywords",
    "normalize_hs",
    "parse_hs_range",
    "range_matches",
    "rule_matches",
]

HS_CHAPTERS = frozenset(f"{n:02d}" for n in range(1, 98) if n != 77)
HS_LENGTHS = frozenset({2, 4, 6, 8, 10})
_SEPARATORS = re.compile(r"[.\s]")


def normalize_hs(code: str) -> str:
    """The digits of an HS code (dots and spaces dropped)."""
    return _SEPARATORS.sub("", code.strip())


def hs_problem(code: str) -> str | None:
    """Why ``code`` is not a known HS code, or None."""
    digits = normalize_hs(code)
    if not digits.isdigit() or not digits.isascii():
        return f"{code!r} is not an HS code (digits, dots and spaces only)"
    if len(digits) not in HS_LENGTHS:
        return f"{code!r} is not an HS code (2, 4, 6, 8 or 10 digits)"
    if digits[:2] not in HS_CHAPTERS:
        return f"{code!r} is an unknown HS code: there is no chapter {digits[:2]}"
    return None


def parse_hs_range(text: str) -> tuple[tuple[str, str] | None, str | None]:
    """``(low, high)`` of ``2709-2710`` or ``7108``, or ``(None, reason)``."""
    low, sep, high = text.partition("-")
    if not sep:
        high = low
    for part in (low, high):
        problem = hs_problem(part)
        if problem:
            return None, problem
    lo, hi = normalize_hs(low), normalize_hs(high)
    if len(lo) != len(hi):
        return None, f"{text!r}: both ends of a range have the same number of digits"
    if lo > hi:
        return None, f"{text!r}: the range ends before it starts"
    return (lo, hi), None


def range_matches(code: str, low: str, high: str) -> bool:
    """Whether the declared ``code`` (digits) may hold goods of the range ``low``–``high``."""
    if len(code) < len(low):
        return low[: len(code)] <= code <= high[: len(code)]
    head = code[: len(low)]
    return low <= head <= high


@lru_cache(maxsize=65_536)
def keyword_key(text: str) -> str:
    """Case and accents folded, words separated by single spaces, padded with spaces
    (remembered for recent texts: goods descriptions and rule keywords recur)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return f" {' '.join(re.sub(r'[^0-9a-z]+', ' ', plain).split())} "


def matching_keywords(description: str, keywords: Iterable[str]) -> list[str]:
    """The ``keywords`` that occur in ``description`` as whole words."""
    folded = keyword_key(description)
    return [k for k in keywords if keyword_key(k) in folded]


def rule_matches(
    rule: CommodityRule, codes: Sequence[str], description: str
) -> tuple[list[str], list[str]]:
    """The rule ranges the declared ``codes`` (digits) fall in, and the rule keywords found
    in ``description``; both empty when the goods are not the rule's."""
    ranges = [
        lo if lo == hi else f"{lo}-{hi}"
        for lo, hi in rule.hs_ranges
        if any(range_matches(code, lo, hi) for code in codes)
    ]
    return ranges, matching_keywords(description, rule.keywords) if description else []
