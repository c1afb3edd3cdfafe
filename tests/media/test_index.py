"""The PDQ index answers exactly what comparing with every hash answers: through its chunk
tables (``scan_below=0`` builds and uses them on small data), through the scan of small
indexes, and after hashes were appended."""

from __future__ import annotations

import numpy as np
import pytest

from ictd.media.index import PdqIndex, layout_for, thresholds_for


def flip(words: np.ndarray, bits: list[int]) -> np.ndarray:
    out = words.copy()
    for bit in bits:
        out[bit // 64] ^= np.uint64(1 << (63 - bit % 64))
    return out


def hex_of(words: np.ndarray) -> str:
    return np.asarray(words, dtype=np.uint64).astype(">u8").tobytes().hex()


@pytest.mark.parametrize("scan_below", [0, 10**9])
def test_near_hashes_are_found_at_every_distance_up_to_the_radius(scan_below: int) -> None:
    rng = np.random.default_rng(7)
    words = rng.integers(0, 2**63, size=(2000, 4), dtype=np.uint64)
    index = PdqIndex(words, np.arange(2000) * 10, scan_below=scan_below)
    assert index.indexed == (2000 if scan_below == 0 else 0)
    for distance in range(0, 40):
        bits = list(rng.choice(256, size=distance, replace=False))
        query = flip(words[17], bits)
        found = dict(index.search_words(query, 31))
        assert (170 in found) == (distance <= 31)
        if distance <= 31:
            assert found[170] == distance


@pytest.mark.parametrize("scan_below", [0, 10**9])
def test_search_equals_brute_force_on_clustered_hashes(scan_below: int) -> None:
    rng = np.random.default_rng(11)
    base = rng.integers(0, 2**63, size=(50, 4), dtype=np.uint64)
    near = [
        flip(base[i % 50], list(rng.choice(256, size=i % 45, replace=False))) for i in range(600)
    ]
    words = np.vstack([base, np.array(near)])
    index = PdqIndex(words, np.arange(len(words)) % 300, scan_below=scan_below)
    for i in range(0, 650, 13):
        text = hex_of(words[i])
        for radius in (0, 15, 31, 47, 63):
            assert index.search(text, radius) == index.brute_force(text, radius)


def test_random_hashes_with_planted_neighbours_equal_brute_force() -> None:
    """40,000 random hashes (the tables' own layout for that size) and 300 planted near
    copies at 0 to 40 bits: every query's answer equals the brute-force answer."""
    rng = np.random.default_rng(5)
    words = rng.integers(0, 2**64, size=(40_000, 4), dtype=np.uint64)
    planted = [
        flip(words[i], list(rng.choice(256, size=i % 41, replace=False))) for i in range(300)
    ]
    words = np.vstack([words, np.array(planted)])
    index = PdqIndex(words, np.arange(len(words)))
    assert index.indexed == len(words)
    queries = [*words[:300], *planted[:100], *rng.integers(0, 2**64, size=(50, 4), dtype=np.uint64)]
    hits = 0
    for query in queries:
        text = hex_of(query)
        answer = index.search(text, 31)
        assert answer == index.brute_force(text, 31)
        hits += len(answer)
    assert hits > 400  # the planted copies within 31 bits were found


def test_appended_hashes_are_found_and_the_tables_rebuilt_when_outgrown() -> None:
    rng = np.random.default_rng(3)
    words = rng.integers(0, 2**64, size=(1000, 4), dtype=np.uint64)
    index = PdqIndex(words[:600], np.arange(600), scan_below=0)
    assert index.indexed == 600
    index.add(words[600:650], np.arange(600, 650))
    assert index.indexed == 600 and len(index) == 650  # appended rows are scanned
    near = flip(words[620], [1, 100, 200])
    assert dict(index.search_words(near, 31)) == {620: 3}
    index.add(words[650:], np.arange(650, 1000))
    assert index.indexed == 1000  # outgrown: rebuilt over every row
    for i in (0, 640, 999):
        text = hex_of(flip(words[i], [5, 6]))
        assert index.search(text, 31) == index.brute_force(text, 31) == [(i, 2)]


def test_layout_tiles_the_bits_and_thresholds_sum_as_the_bound_needs() -> None:
    for n in (1000, 100_000, 1_000_000, 10_000_000):
        starts, lens = layout_for(n)
        assert int(lens.sum()) == 256 and starts[0] == 0
        assert list(starts[1:]) == list(np.cumsum(lens)[:-1])
        for radius in (0, 10, 31, 63):
            assert int(thresholds_for(len(lens), radius).sum()) == radius - len(lens) + 1
    assert len(layout_for(10_000_000)[1]) == 11


def test_an_empty_index_and_bad_radius() -> None:
    index = PdqIndex.from_hex([], [])
    assert index.search("0" * 64, 31) == []
    with pytest.raises(ValueError):
        PdqIndex.from_hex(["0" * 64], [1]).search("0" * 64, 64)
    with pytest.raises(ValueError):
        PdqIndex(np.zeros((3, 3), dtype=np.uint64), np.arange(3))
