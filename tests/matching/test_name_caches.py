"""The caches of name parsing: each argument kept apart, and out of the collector's sight."""

from __future__ import annotations

import gc
from functools import _lru_cache_wrapper
from typing import Any

import pytest

from ictd.matching import name as name_module
from ictd.matching.name import make_part, parse_name


def _cache_dict(cached: _lru_cache_wrapper[Any]) -> dict[Any, Any]:
    """The dictionary inside an ``lru_cache`` (the collector's view of the wrapper)."""
    (found,) = [
        x
        for x in gc.get_referents(cached)
        if type(x) is dict and len(x) == cached.cache_info().currsize
    ]
    return found


@pytest.mark.parametrize("org", [None, False, True])
def test_parse_name_per_org_as_without_the_cache(org: bool | None) -> None:
    raw = "Sheikh Abdul-Rahman Trading Comapny LLC"
    first = parse_name(raw, org)
    name_module._cached_name.cache_clear()
    assert parse_name(raw, org) == first
    assert parse_name(raw, org) is parse_name(raw, org)  # cached


def test_the_arguments_are_kept_apart() -> None:
    # a person's name keeps a word an organisation's drops as a misspelt legal form
    assert parse_name("Acme Comapny", False)[0].text == "acme comapny"
    assert parse_name("Acme Comapny", True)[0].text == "acme"
    assert parse_name("Acme Comapny", None)[0].text == "acme"
    # the flags of a part: as an abjad word, ``w`` after ``k`` is not read as a consonant
    assert make_part("kwasi", abjad=True).abjad
    assert not make_part("kwasi").abjad
    assert make_part("kwasi").skeleton != make_part("kwasi", abjad=True).skeleton
    assert make_part("kwasi", syllabic=True).syllabic
    assert not make_part("kwasi", abjad=False, arabic=True).arabic  # Arabic: abjad words only
    assert make_part("kwasi", abjad=True, arabic=True).arabic
    assert make_part("kwasi", syllabic=True, hangul=True).hangul
    assert not make_part("kwasi", hangul=True).hangul  # Hangul: syllabic words only


def test_the_big_caches_stay_untracked_by_the_collector() -> None:
    # a name never parsed before, of a person and of an organisation, with every flag
    parse_name("Qzxwvy Uniquename-Tracked", False)
    parse_name("Qzxwvy Uniquename Tracked Comapny", True)
    for abjad in (False, True):
        make_part("qzxwvyunique", abjad, not abjad, abjad)
    for cached in (
        name_module._cached_name,
        name_module._cached_part,
        name_module._cached_legal_form,
    ):
        assert cached.cache_info().currsize > 0
        assert not gc.is_tracked(_cache_dict(cached)), cached
