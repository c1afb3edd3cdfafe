"""The PDQ index answers exactly what comparing with every hash answers."""

from __future__ import annotations

import numpy as np
import pytest

from ictd.media.index import PdqIndex


def flip(words: np.ndarray, bits: list[int]) -> np.ndarray:
    out = words.copy()
    for bit in bits:
        out[bit // 64] ^= np.uint64(1 << (63 - bit % 64))
    return out


def test_near_hashes_are_found_at_every_distance_up_to_the_radius() -> None:
    rng = np.random.default_rng(7)
    words = rng.integers(0, 2**63, size=(2000, 4), dtype=np.uint64)
    index = PdqIndex(words, np.arange(2000) * 10)
    for distance in range(0, 40):
        bits = list(rng.choice(256, size=distance, replace=False))
        query = flip(words[17], bits)
        found = dict(index.search_words(query, 31))
        assert (170 in found) == (distance <= 31)
        if distance <= 31:
            assert found[170] == distance


def test_search_equals_brute_force_on_clustered_hashes() -> None:
    rng = np.random.default_rng(11)
    base = rng.integers(0, 2**63, size=(50, 4), dtype=np.uint64)
    near = [
        flip(base[i % 50], list(rng.choice(256, size=i % 45, replace=False))) for i in range(600)
    ]
    words = np.vstack([base, np.array(near)])
    index = PdqIndex(words, np.arange(len(words)) % 300)
    for i in range(0, 650, 13):
        query = words[i].tobytes()
        text = np.frombuffer(query, dtype=np.uint64).astype(">u8").tobytes().hex()
        for radius in (0, 15, 31, 47):
            assert index.search(text, radius) == index.brute_force(text, radius)


def test_an_empty_index_and_bad_radius() -> None:
    index = PdqIndex.from_hex([], [])
    assert index.search("0" * 64, 31) == []
    with pytest.raises(ValueError):
        PdqIndex.from_hex(["0" * 64], [1]).search("0" * 64, 64)
