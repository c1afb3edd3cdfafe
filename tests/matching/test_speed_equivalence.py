"""The fast search gives exactly what scoring every retrieved candidate in full gives.

The reference is the previous search: retrieve candidates, score each with ``score_prepared``
on ``prepare_record`` of its record, sort, cut at the threshold and the limit. The fast path
(compact record table, bulk similarity matrix, score bounds that skip hopeless candidates)
must find the same subjects with the same scores (1e-9) and the same explanations.
"""

from __future__ import annotations

from itertools import islice

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ictd.bench.screening import make_queries, records
from ictd.matching import DEFAULT_THRESHOLD, Identifier, IndexRecord, MatchIndex, Query
from ictd.matching.bound import QueryParts, evidence_bounds
from ictd.matching.compare import part_similarity, similarity_matrix
from ictd.matching.index import _candidates
from ictd.matching.name import make_part
from ictd.matching.prune import penalty_weights, score_bound
from ictd.matching.record import is_org_schema, prepare_query, prepare_record
from ictd.matching.result import Match
from ictd.matching.scorer import score_pair, score_prepared
from ictd.matching.segment import query_keys

HAND = [
    IndexRecord(9001, "Person", ("Ayman al-Zawahiri", "أيمن الظواهري"), ("1951-06-19",), ("EG",)),
    IndexRecord(9002, "Person", ("Mahmoud Ahmadinejad", "Mahmoud Ahmadi Nejad")),
    IndexRecord(9003, "Company", ("Romashka LLC", "ООО «Ромашка»"), nationalities=("RU",)),
    IndexRecord(9004, "Person", ("J. Smith",), identifiers=(Identifier("AB 12\x1f3", "GB", None),)),
    IndexRecord(9005, "Person", ()),
    IndexRecord(9006, "Person", ("Ali", "Ali"), ("1980", "1980-02")),
]
EXTRA = [
    Query("h1", names=("Ahmadi Nejad Mahmoud",)),
    Query("h2", names=("Mahmoud Ahmadinejad Jr",), birth_date="1956"),
    Query("h3", names=("ZAWAHIRI, Aiman",), nationalities=("EG",)),
    Query("h4", identifiers=(Identifier("AB123"),)),
    Query("h5", names=("Ромашка",), schema="Company"),
    Query("h6", names=("Ali",), gender="m"),
]


@pytest.fixture(scope="module")
def recs() -> list[IndexRecord]:
    return [*islice(records(600, seed=11), 600), *HAND]


@pytest.fixture(scope="module")
def index(recs: list[IndexRecord]) -> MatchIndex:
    return MatchIndex.build(recs)


@pytest.fixture(scope="module")
def queries(recs: list[IndexRecord]) -> list[Query]:
    return [q for q, _ in make_queries(recs, {}, 120, seed=5)] + EXTRA


def _reference(index: MatchIndex, query: Query, limit: int, threshold: float) -> list[Match]:
    """The previous search: every retrieved candidate scored in full."""
    seg = index._base
    prepared = prepare_query(query)
    weights = index._key_weights(query_keys(prepared.names))
    rows = _candidates(seg, prepared, weights, index._hidden_rows, max(15, 2 * limit))
    found = [score_prepared(prepared, seg.prepared(r), seg.subject_id(r)) for r in rows.tolist()]
    found = [m for m in found if m.score >= threshold]
    return sorted(found, key=lambda m: (-m.score, m.subject_id))[:limit]


def _same(got: list[Match], want: list[Match]) -> None:
    assert [m.subject_id for m in got] == [m.subject_id for m in want]
    for g, w in zip(got, want, strict=True):
        assert abs(g.score - w.score) <= 1e-9
        assert [(f.feature, f.detail) for f in g.explanation] == [
            (f.feature, f.detail) for f in w.explanation
        ]
        assert all(
            abs(a.value - b.value) <= 1e-9
            for a, b in zip(g.explanation, w.explanation, strict=True)
        )


@pytest.mark.parametrize(("limit", "threshold"), [(10, DEFAULT_THRESHOLD), (10, 0.0), (3, 0.2)])
def test_search_equals_full_scoring(
    index: MatchIndex, queries: list[Query], limit: int, threshold: float
) -> None:
    for query in queries:
        _same(index.search(query, limit, threshold), _reference(index, query, limit, threshold))


def test_table_rebuilds_prepared_records(index: MatchIndex, recs: list[IndexRecord]) -> None:
    seg = index._base
    for rec in recs:
        row = seg.row_of(rec.subject_id)
        assert row is not None
        assert seg.prepared(row) == prepare_record(rec)
    assert seg.row_of(-1) is None


def test_bound_is_never_below_the_score(recs: list[IndexRecord], queries: list[Query]) -> None:
    small = MatchIndex.build(recs[::5] + HAND)
    seg = small._base
    rows = list(range(len(seg)))
    for query in queries[::3]:
        prepared = prepare_query(query)
        facts = [seg.table.facts_of(r) for r in rows]
        pen = np.array([penalty_weights(bool(is_org_schema(f.schema))) for f in facts])
        bounds = evidence_bounds(QueryParts.of(prepared.names), seg.table, rows, pen)
        for row, fact in zip(rows, facts, strict=True):
            ev, penalty = float(bounds.evidence[row]), float(bounds.penalty[row])
            ub = score_bound(prepared, fact, ev, penalty)
            rec = next(r for r in recs[::5] + HAND if r.subject_id == seg.subject_id(row))
            assert ub >= score_pair(query, rec).score - 1e-12


def test_overlay_search_equals_full_scoring(recs: list[IndexRecord], queries: list[Query]) -> None:
    base = MatchIndex.build(recs[:400])
    changed = IndexRecord(recs[5].subject_id, "Person", ("Mahmoud Ahmadinejad",), ("1956",))
    later = base.with_changes([*recs[400:450], changed], removals=[recs[7].subject_id])
    assert later._delta is not None
    assert len(later) == 449 and recs[7].subject_id not in later and recs[420].subject_id in later
    segments = [(later._base, later._hidden_rows), (later._delta, np.zeros(0, dtype=np.int32))]
    for query in [*queries[::3], Query("c", names=("Mahmoud Ahmadinejad",))]:
        prepared = prepare_query(query)
        weights = later._key_weights(query_keys(prepared.names))
        want = [
            score_prepared(prepared, seg.prepared(r), seg.subject_id(r))
            for seg, hidden in segments
            for r in _candidates(seg, prepared, weights, hidden, 15).tolist()
        ]
        want = sorted(want, key=lambda m: (-m.score, m.subject_id))[:5]
        _same(later.search(query, 5, 0.0), want)


_WORD = st.text(alphabet="abdehiklmnorsuyz", min_size=1, max_size=9)


@given(
    st.lists(st.tuples(_WORD, st.booleans()), min_size=1, max_size=5),
    st.lists(st.tuples(_WORD, st.booleans()), min_size=1, max_size=6),
)
def test_similarity_matrix_equals_part_similarity(
    left: list[tuple[str, bool]], right: list[tuple[str, bool]]
) -> None:
    query = [make_part(w, abjad) for w, abjad in left]
    candidates = [make_part(w, abjad) for w, abjad in right]
    matrix = similarity_matrix(query, candidates)
    for i, q in enumerate(query):
        for j, c in enumerate(candidates):
            assert matrix[i, j] == part_similarity(q, c)
