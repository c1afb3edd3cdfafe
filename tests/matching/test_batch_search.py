"""A batch of queries (``MatchIndex.search_many``) is answered exactly as each query alone.

Searches share work: retrieval adds up the posting lists where they lie, in the calling
thread's scratch array per block (``native.top_keyed``, held equal here to ``top_rows`` over
the same lists), and the weight of each retrieval key is worked out once per index. Answers
are compared whole: subjects, exact scores, literal words and explanations.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from itertools import islice

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ictd.bench.screening import records
from ictd.matching import DEFAULT_THRESHOLD, Identifier, IndexRecord, MatchIndex, Query, native
from ictd.matching.record import prepare_query
from ictd.matching.result import Match


@pytest.fixture(scope="module")
def recs() -> list[IndexRecord]:
    return list(islice(records(500, seed=13), 500))


def _queries(recs: list[IndexRecord]) -> list[Query]:
    """Travellers as a manifest gives them: names of listed persons (some twice), their
    birth year or another, a nationality, a document of theirs or of nobody, and strangers."""
    out = []
    for k, rec in enumerate(recs[::4]):
        if not rec.names:
            continue
        idents = rec.identifiers[:1] if k % 3 == 0 else (Identifier(f"X{k:07d}", "GB", "passport"),)
        out.append(
            Query(
                f"q{k}",
                names=rec.names[:1],
                schema="Person",
                birth_date=(rec.birth_dates[0] if rec.birth_dates and k % 2 else "1970-01-01"),
                nationalities=rec.nationalities[:1],
                gender="m" if k % 5 else None,
                identifiers=idents,
            )
        )
    out.extend(  # names read in several ways: each reading's own candidates too
        Query(f"r{k}", names=rec.names[-1:]) for k, rec in enumerate(recs[1::7]) if rec.names
    )
    out.append(Query("script", names=("رضا نوری",)))
    out.append(Query("stranger", names=("Zzyzx Qwertyuiop",), birth_date="1990-02-03"))
    out.append(Query("document", identifiers=(Identifier("X0000003", "GB", "passport"),)))
    return out + out[:5]  # some again


def _view(found: list[list[Match]]) -> list[list[object]]:
    return [
        [
            (
                m.subject_id,
                m.score,
                m.literal,
                [(f.feature, f.value, f.detail) for f in m.explanation],
            )
            for m in x
        ]
        for x in found
    ]


@pytest.mark.parametrize(("limit", "threshold"), [(10, DEFAULT_THRESHOLD), (3, 0.0), (5, 0.2)])
def test_batch_answers_each_query_as_search_does(
    recs: list[IndexRecord], limit: int, threshold: float
) -> None:
    index = MatchIndex.build(recs)
    queries = _queries(recs)
    alone = [index.search(q, limit, threshold) for q in queries]
    assert _view(index.search_many(queries, limit, threshold)) == _view(alone)
    assert any(alone)


def test_batch_over_an_overlay_answers_as_search_does(recs: list[IndexRecord]) -> None:
    base = MatchIndex.build(recs[:400])
    later = base.with_changes(recs[400:], removals=[recs[8].subject_id, recs[12].subject_id])
    assert later._delta is not None and later._hidden_rows.size == 2
    queries = _queries(recs)
    alone = [later.search(q, 10, DEFAULT_THRESHOLD) for q in queries]
    assert _view(later.search_many(queries, 10, DEFAULT_THRESHOLD)) == _view(alone)


def test_search_in_place_answers_as_the_lists_joined(recs: list[IndexRecord]) -> None:
    index = MatchIndex.build(recs)
    queries = _queries(recs)
    joined = [index._search(prepare_query(q), 10, DEFAULT_THRESHOLD, None) for q in queries]
    assert _view([index.search(q, 10, DEFAULT_THRESHOLD) for q in queries]) == _view(joined)
    with index._scratch() as arrays:  # zeros again for the next search
        assert all(not a.any() for a in arrays)


def test_searches_in_threads_answer_as_one_thread(recs: list[IndexRecord]) -> None:
    index = MatchIndex.build(recs[:400]).with_changes(recs[400:], removals=[recs[8].subject_id])
    queries = _queries(recs) * 3
    alone = [index.search(q, 10, DEFAULT_THRESHOLD) for q in queries]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda q: index.search(q, 10, DEFAULT_THRESHOLD), queries))
    assert _view(threaded) == _view(alone)
    assert 1 <= len(index._spare) <= 4  # a set per search that ran at once, not per thread
    with index._scratch() as one, index._scratch() as two:  # two searches at once
        assert one[0] is not two[0]


def test_a_failed_search_does_not_give_its_scratch_back(recs: list[IndexRecord]) -> None:
    index = MatchIndex.build(recs)
    with pytest.raises(RuntimeError), index._scratch() as arrays:
        arrays[0][3] = 1.5  # left over by a search that failed half-way
        raise RuntimeError("failed")
    with index._scratch() as again:
        assert again[0] is not arrays[0] and not again[0].any()


def test_batch_without_the_kernel_gives_the_same(
    recs: list[IndexRecord], monkeypatch: pytest.MonkeyPatch
) -> None:
    index = MatchIndex.build(recs)
    queries = _queries(recs)
    with_kernel = index.search_many(queries, 10, DEFAULT_THRESHOLD)
    monkeypatch.setattr(native, "kernel", None)
    assert _view(MatchIndex.build(recs).search_many(queries, 10, DEFAULT_THRESHOLD)) == _view(
        with_kernel
    )


_LISTS = st.lists(
    st.tuples(st.lists(st.integers(0, 39), unique=True, max_size=12), st.floats(0.01, 20.0)),
    min_size=1,
    max_size=6,
)


@given(
    _LISTS,
    _LISTS,
    st.lists(st.integers(0, 39), unique=True, max_size=5),
    st.integers(0, 12),
)
def test_top_keyed_equals_top_rows(
    keyed: list[tuple[list[int], float]],
    extra: list[tuple[list[int], float]],
    hidden: list[int],
    wanted: int,
) -> None:
    kernel = native.kernel
    assert kernel is not None
    lists = [(np.array(sorted(rows), dtype=np.int32), w) for rows, w in keyed]
    offsets = np.cumsum([0] + [len(r) for r, _ in lists]).astype(np.int64)
    postings = np.concatenate([r for r, _ in lists]).astype(np.int32)
    more = [(np.array(rows, dtype=np.int32), w) for rows, w in extra]
    hide = np.array(sorted(hidden), dtype=np.int32)
    scratch = np.zeros(40)
    keys = [(k, w) for k, (_, w) in enumerate(lists)][::-1]  # any order of keys
    got = native.top_keyed(offsets, postings, keys, more, hide, wanted, scratch)
    want = native.top_rows([lists[k] for k, _ in keys] + more, hide, wanted)
    assert got.tolist() == want.tolist()
    assert not scratch.any()


def test_top_keyed_refuses_bad_input_and_leaves_the_scratch_clean() -> None:
    kernel = native.kernel
    assert kernel is not None
    offsets = np.array([0, 2, 4], dtype=np.int64)
    postings = np.array([1, 2, 2, 3], dtype=np.int32)
    none = np.zeros(0, dtype=np.int32)
    no_lengths, no_weights = np.zeros(0, dtype=np.int64), np.zeros(0)
    scratch, out = np.zeros(4), np.empty(3, dtype=np.int32)
    keys, weights = np.array([0, 1], dtype=np.int64), np.array([1.0, 0.5])
    args = (none, no_lengths, no_weights, none, scratch, out)
    assert kernel.top_keyed(offsets, postings, keys, weights, *args) == 3
    assert out.tolist() == [2, 1, 3] and not scratch.any()
    with pytest.raises(ValueError, match="weights"):
        kernel.top_keyed(offsets, postings, keys, np.array([1.0, 0.0]), *args)
    with pytest.raises(ValueError, match="keys"):
        kernel.top_keyed(offsets, postings, np.array([2], dtype=np.int64), weights[:1], *args)
    small = np.zeros(3)  # row 3 is outside it; the rows added before are zeros again
    with pytest.raises(ValueError, match="scratch"):
        kernel.top_keyed(offsets, postings, keys, weights, *args[:4], small, out)
    assert not small.any()
    with pytest.raises(TypeError, match="scratch"):
        kernel.top_keyed(offsets, postings, keys, weights, *args[:4], np.zeros(4, np.int64), out)
    extra = np.array([3], dtype=np.int32)
    lengths, boost = np.array([1], dtype=np.int64), np.array([1000.0])
    assert kernel.top_keyed(offsets, postings, keys, weights, extra, lengths, boost, none,
                            scratch, out) == 3  # fmt: skip
    assert out.tolist() == [3, 2, 1] and not scratch.any()
