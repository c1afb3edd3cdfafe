"""Retrieval keys of names: the skeleton's keys remembered, the keys as written out before.

``segment._keys`` takes each part's skeleton keys (its own, its trigrams', its neighbours')
from a cache by the skeleton; the keys, their weights and their order are those of the loop
that made them for every part (the reference here), for records and queries alike.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from itertools import islice

from ictd.bench.screening import records
from ictd.matching import segment as segment_module
from ictd.matching.keys import skeleton_neighbours, skeleton_trigrams
from ictd.matching.name import PREFIXES, ParsedName
from ictd.matching.record import IndexRecord, prepare_record
from ictd.matching.segment import NEIGHBOUR_PREFIX, query_keys, record_keys

from .test_name_caches import _cache_dict


def _reference(names: Iterable[ParsedName], after_prefix_too: bool) -> dict[str, float]:
    """The keys as made before the cache, part by part (the initial keys as ``_keys`` adds them)."""
    keys: dict[str, float] = {}
    for name in names:
        segment_module._initial_keys(name, not after_prefix_too, keys)
        after_prefix = False
        for part in name.parts:
            prefix = part.text in PREFIXES
            skip = prefix or (after_prefix and after_prefix_too)
            after_prefix = prefix
            if len(part.text) < 2 or skip:
                continue
            keys[f"s:{part.skeleton}"] = 1.0
            keys[f"t:{part.text}"] = 0.5
            for gram in skeleton_trigrams(part.skeleton) if len(part.skeleton) >= 3 else ():
                keys.setdefault(f"g:{gram}", 0.25)
            for near in skeleton_neighbours(part.skeleton) if len(part.skeleton) >= 2 else ():
                keys.setdefault(NEIGHBOUR_PREFIX + near, 1.0)
    return keys


def _names() -> list[tuple[ParsedName, ...]]:
    """Names of the screening benchmark's records, and some with prefixes and short parts."""
    out = [prepare_record(r).names for r in islice(records(400, seed=5), 400)]
    extra = ["Abdul Agha", "Abd al Rahman bin Ali", "Li Xi", "O", "Jo Ann Wu", "محمد رضا نوری"]
    out += [prepare_record(IndexRecord(1, "Person", (raw,))).names for raw in extra]
    return out


def test_keys_equal_the_reference_in_order() -> None:
    segment_module._skeleton_keys.cache_clear()
    for names in _names():
        for _ in range(2):  # filled, then from the cache
            assert list(query_keys(names).items()) == list(_reference(names, False).items())
            assert list(record_keys(names).items()) == list(_reference(names, True).items())


def test_the_skeleton_cache_stays_untracked_by_the_collector() -> None:
    query_keys(_names()[0])
    cached = segment_module._skeleton_keys
    assert cached.cache_info().currsize > 0
    assert not gc.is_tracked(_cache_dict(cached))
