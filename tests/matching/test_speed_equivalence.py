"""The fast search gives exactly what scoring every retrieved candidate in full gives.

The reference is the previous search: retrieve candidates, score each with ``score_prepared``
on ``prepare_record`` of its record, sort, cut at the threshold and the limit. The fast path
(compact record table, bulk similarity matrix, score bounds that skip hopeless candidates)
must find the same subjects with the same scores (1e-9) and the same explanations.
"""

from __future__ import annotations

import math
from itertools import islice

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ictd.bench.screening import make_queries, records
from ictd.matching import DEFAULT_THRESHOLD, Identifier, IndexRecord, MatchIndex, Query, native
from ictd.matching.bound import (
    QueryParts,
    _penalty_weights,
    evidence_bounds_reference,
    name_bounds,
)
from ictd.matching.compare import (
    align,
    part_similarity,
    similarity_matrix,
    similarity_matrix_reference,
)
from ictd.matching.features import FACT_FEATURES, FACT_VERDICTS, name_features
from ictd.matching.index import _candidates, _reading_keys, _with_fact_rows
from ictd.matching.name import make_part
from ictd.matching.prune import facts_ceiling, facts_pull, reachable, score_bound
from ictd.matching.record import Prepared, is_org_schema, prepare_query, prepare_record
from ictd.matching.result import Match
from ictd.matching.scorer import (
    _name_logit,
    _weight,
    best_alignment,
    score_pair,
    score_prepared,
)
from ictd.matching.segment import Segment, query_fact_keys, query_keys
from ictd.matching.weights import EVIDENCE_SCALE, WEIGHTS

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
    """The previous search: every retrieved candidate (by name, identifier and birth date)
    scored in full."""
    seg = index._base
    prepared = prepare_query(query)
    keys = query_keys(prepared.names)
    weights = index._key_weights(keys)
    readings = _reading_keys(prepared, keys)
    hidden = index._hidden_rows
    rows = _candidates(seg, prepared, weights, hidden, max(15, 2 * limit), readings).tolist()
    rows = _with_fact_rows(seg, rows, query_fact_keys(prepared), hidden)
    found = [score_prepared(prepared, seg.prepared(r), seg.subject_id(r)) for r in rows]
    found = [m for m in found if m.score >= threshold]
    return sorted(found, key=lambda m: m.rank_key)[:limit]


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


def _name_pull(query: Prepared, record: Prepared) -> float:
    """What the name features of the scorer's chosen alignment add to the log-odds."""
    alignment = best_alignment(query, record, {})
    assert alignment is not None
    org = bool(is_org_schema(record.schema))
    return sum(_weight(f.feature, org) * f.value for f in name_features(alignment))


def _bounds(
    seg: Segment, query: Query, rows: list[int]
) -> tuple[Prepared, list[Prepared], list[float]]:
    prepared = prepare_query(query)
    facts = [seg.table.facts_of(r) for r in rows]
    orgs = [bool(is_org_schema(f.schema)) for f in facts]
    return prepared, facts, name_bounds(QueryParts.of(prepared.names), seg.table, rows, orgs)


def test_kernel_is_built() -> None:
    # `pip install` builds it; CI must not fall back to numpy without saying so
    assert native.kernel is not None


def test_kernel_name_pull_equals_the_scorer(recs: list[IndexRecord], queries: list[Query]) -> None:
    small = MatchIndex.build(recs[::3] + HAND)
    seg = small._base
    rows = list(range(len(seg)))
    compared = 0
    for query in queries:
        prepared, _, bounds = _bounds(seg, query, rows)
        for row, pull in zip(rows, bounds.pull.tolist(), strict=True):
            record = seg.prepared(row)
            if not prepared.names or not record.names:
                assert math.isnan(pull)
                continue
            assert pull == pytest.approx(_name_pull(prepared, record), abs=1e-9)
            compared += 1
    assert compared > 10_000


def test_kernel_choice_of_every_pair_equals_the_scorer(
    recs: list[IndexRecord], queries: list[Query]
) -> None:
    """The kernel's value of each pair of names (``BlockBounds.choices``) is what
    ``best_alignment`` chooses by; ``BlockBounds.worth`` leaves out only pairs below the
    best, so the pair chosen is among those it keeps."""
    seg = MatchIndex.build(recs[::7] + HAND)._base
    rows = list(range(len(seg)))
    compared = narrowed = 0
    for query in queries[::2]:
        prepared, _, bounds = _bounds(seg, query, rows)
        assert bounds.choices is not None
        starts = bounds.block.variant_start
        for k, row in enumerate(rows):
            record = seg.prepared(row)
            org = bool(is_org_schema(record.schema))
            values = bounds.choices[starts[k] : starts[k + 1]]
            logits = [
                [_name_logit(align(q, r, initials=not org), org) for q in prepared.names]
                for r in record.names
            ]
            assert values.shape == (len(logits), len(prepared.names))
            assert np.allclose(values, np.array(logits).reshape(values.shape), rtol=0, atol=1e-9)
            worth = bounds.worth(k)
            if not logits or not prepared.names:
                continue
            assert worth is not None
            chosen = best_alignment(prepared, record, {}, worth)
            assert chosen == best_alignment(prepared, record, {})
            compared += len(logits) * len(prepared.names)
            narrowed += len(logits) * len(prepared.names) - len(worth)
    assert compared > 5_000 and narrowed > 1_000


def test_bound_is_never_below_the_score(recs: list[IndexRecord], queries: list[Query]) -> None:
    small = MatchIndex.build(recs[::5] + HAND)
    seg = small._base
    rows = list(range(len(seg)))
    by_id = {r.subject_id: r for r in recs[::5] + HAND}
    for query in queries[::3]:
        prepared, facts, bounds = _bounds(seg, query, rows)
        for row, fact, pull in zip(rows, facts, bounds.pull.tolist(), strict=True):
            ub = score_bound(prepared, fact, pull)
            assert ub >= score_pair(query, by_id[seg.subject_id(row)]).score - 1e-12


def test_numpy_bound_holds_the_kernel_from_above(
    recs: list[IndexRecord], queries: list[Query]
) -> None:
    """Without the kernel, the pull is bounded from evidence bounds; that bound must hold."""
    seg = MatchIndex.build(recs[::4] + HAND)._base
    rows = list(range(len(seg)))
    for query in queries[::2]:
        prepared, facts, bounds = _bounds(seg, query, rows)
        parts = QueryParts.of(prepared.names)
        pens = np.array(
            [_penalty_weights(bool(is_org_schema(f.schema))) for f in facts], dtype=np.float64
        )
        evidence, penalty = evidence_bounds_reference(parts, seg.table, rows, pens)
        value = 1.0 - np.exp(-np.maximum(evidence, 0.0) / EVIDENCE_SCALE)
        loose = WEIGHTS["name_match"] * value - penalty
        for exact, bound, ev in zip(bounds.pull.tolist(), loose.tolist(), evidence, strict=True):
            if ev >= 0 and prepared.names:
                assert bound >= exact - 1e-9


def test_search_without_the_kernel_gives_the_same(
    index: MatchIndex, queries: list[Query], monkeypatch: pytest.MonkeyPatch
) -> None:
    with_kernel = [index.search(q, 10, DEFAULT_THRESHOLD) for q in queries]
    monkeypatch.setattr(native, "kernel", None)
    for query, want in zip(queries, with_kernel, strict=True):
        _same(index.search(query, 10, DEFAULT_THRESHOLD), want)


def test_overlay_search_equals_full_scoring(recs: list[IndexRecord], queries: list[Query]) -> None:
    base = MatchIndex.build(recs[:400])
    changed = IndexRecord(recs[5].subject_id, "Person", ("Mahmoud Ahmadinejad",), ("1956",))
    later = base.with_changes([*recs[400:450], changed], removals=[recs[7].subject_id])
    assert later._delta is not None
    assert len(later) == 449 and recs[7].subject_id not in later and recs[420].subject_id in later
    segments = [(later._base, later._hidden_rows), (later._delta, np.zeros(0, dtype=np.int32))]
    for query in [*queries[::3], Query("c", names=("Mahmoud Ahmadinejad",))]:
        prepared = prepare_query(query)
        keys = query_keys(prepared.names)
        weights, readings = later._key_weights(keys), _reading_keys(prepared, keys)
        born = query_fact_keys(prepared)
        want = [
            score_prepared(prepared, seg.prepared(r), seg.subject_id(r))
            for seg, hidden in segments
            for r in _with_fact_rows(
                seg,
                _candidates(seg, prepared, weights, hidden, 15, readings).tolist(),
                born,
                hidden,
            )
        ]
        want = sorted(want, key=lambda m: m.rank_key)[:5]
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
    reference = similarity_matrix_reference(query, candidates)
    for i, q in enumerate(query):
        for j, c in enumerate(candidates):
            assert matrix[i, j] == part_similarity(q, c) == reference[i, j]


def test_kernel_refuses_arrays_of_the_wrong_kind_or_size() -> None:
    kernel = native.kernel
    assert kernel is not None
    out = np.empty(3, dtype=np.int32)
    rows = np.array([1, 2, 2, 3], dtype=np.int32)
    lengths = np.array([2, 2], dtype=np.int64)
    weights = np.array([1.0, 0.5])
    hidden = np.zeros(0, dtype=np.int32)
    assert kernel.top_rows(rows, lengths, weights, hidden, out) == 3
    assert out.tolist() == [2, 1, 3]  # 2 is in both lists; ties go to the lower row
    with pytest.raises(TypeError, match="rows"):
        kernel.top_rows(rows.astype(np.int64), lengths, weights, hidden, out)
    with pytest.raises(ValueError, match="lengths"):
        kernel.top_rows(rows, np.array([2, 3], dtype=np.int64), weights, hidden, out)
    with pytest.raises(ValueError, match="weights"):
        kernel.top_rows(rows, lengths, np.array([1.0]), hidden, out)
    assert kernel.top_rows(rows, lengths, weights, np.array([2], dtype=np.int32), out) == 2
    assert out[:2].tolist() == [1, 3]
    starts = np.array([0, 1], dtype=np.int64)
    with pytest.raises(ValueError, match="row out of range"):
        kernel.gather(
            np.array([5], dtype=np.int64),
            starts,
            starts,
            np.zeros(1, dtype=np.int32),
            np.zeros(1, dtype=np.int8),
            starts,
            np.zeros(1, dtype=np.int32),
            np.zeros(1, dtype=np.int8),
        )
    sims = np.ones((1, 1))
    with pytest.raises(ValueError, match="sizes"):
        kernel.combine(
            sims, sims, sims, np.zeros(4, dtype=np.int64), np.zeros(8, dtype=np.int64), sims
        )


def _traveller_queries(recs: list[IndexRecord], count: int, seed: int) -> list[Query]:
    """Queries as a passenger manifest gives them: a name, a birth date, a nationality, a
    gender and a travel document; the document the subject's own, one of the same kind and
    country that differs, or another; the name the subject's, changed, or someone else's."""
    rng = np.random.default_rng(seed)
    people = [r for r in recs if r.schema == "Person" and r.names]
    out = []
    for n in range(count):
        rec = people[int(rng.integers(len(people)))]
        other = people[int(rng.integers(len(people)))]
        kind = n % 4
        name = (
            rec.names[0] if kind < 2 else f"{other.names[0].split()[0]} {rec.names[0].split()[-1]}"
        )
        ident = (
            rec.identifiers[0]
            if rec.identifiers
            else Identifier("X1234567", "DE", "passportNumber")
        )
        if kind in (1, 3):
            ident = Identifier(f"Z{n:07d}", ident.country, ident.type)
        dob = (
            rec.birth_dates[0]
            if rec.birth_dates and n % 3
            else f"{1950 + n % 50}-0{1 + n % 9}-1{n % 10}"
        )
        out.append(
            Query(
                f"t{n}",
                names=(name,),
                schema="Person",
                birth_date=dob,
                nationalities=rec.nationalities[:1] or ("SY",),
                gender=rec.gender or ("male" if n % 2 else "female"),
                identifiers=(ident,),
            )
        )
    return out


@pytest.mark.parametrize(("limit", "threshold"), [(10, DEFAULT_THRESHOLD), (10, 0.0), (3, 0.2)])
def test_traveller_search_equals_full_scoring(
    index: MatchIndex, recs: list[IndexRecord], limit: int, threshold: float
) -> None:
    """Travellers carry every fact: the bound leaves out the facts' comparison of candidates
    that cannot reach the threshold and the identifiers of records that hold none of the
    query's; what is found must not change."""
    for query in _traveller_queries(recs, 300, seed=3):
        _same(index.search(query, limit, threshold), _reference(index, query, limit, threshold))


def test_facts_ceiling_holds_every_record(recs: list[IndexRecord]) -> None:
    seg = MatchIndex.build(recs[::4] + HAND)._base
    queries = [*_traveller_queries(recs, 60, seed=9), *EXTRA]
    for query in queries:
        prepared = prepare_query(query)
        with_ids, without = facts_ceiling(prepared, True), facts_ceiling(prepared, False)
        for row in range(len(seg)):
            record = seg.prepared(row)
            pull, _ = facts_pull(prepared, record)
            holds = any(norm in record.identifiers for norm in prepared.identifiers)
            assert pull <= (with_ids if holds else without) + 1e-12


def test_fact_verdicts_equal_the_features(recs: list[IndexRecord]) -> None:
    """The score bound adds up ``FACT_VERDICTS``: the same (feature, value) pairs as
    ``FACT_FEATURES``, without the explanations."""
    seg = MatchIndex.build(recs[::4] + HAND)._base
    queries = [*_traveller_queries(recs, 60, seed=9), *EXTRA]
    compared = 0
    for query in queries:
        prepared = prepare_query(query)
        for row in range(len(seg)):
            record = seg.prepared(row)
            for features, verdicts in zip(FACT_FEATURES, FACT_VERDICTS, strict=True):
                want = [(f.feature, f.value) for f in features(prepared, record)]
                assert verdicts(prepared, record) == want
                compared += bool(want)
    assert compared > 5_000


@pytest.mark.parametrize("threshold", [DEFAULT_THRESHOLD, 0.2, 0.0])
def test_reachable_keeps_every_candidate_that_can_reach(
    recs: list[IndexRecord], threshold: float
) -> None:
    """A candidate left out on its facts (before its names are compared) scores below the
    threshold, and its score bound with its real name pull is below it too."""
    chosen = recs[::3] + HAND
    seg = MatchIndex.build(chosen)._base
    by_id = {r.subject_id: r for r in chosen}
    rows = list(range(len(seg)))
    dropped = 0
    for query in [*_traveller_queries(recs, 40, seed=4), *EXTRA]:
        prepared, facts, bounds = _bounds(seg, query, rows)
        keep = reachable(prepared, facts, {}, threshold)
        pulls = bounds.pull.tolist()
        for row, fact, pull, kept in zip(rows, facts, pulls, keep, strict=True):
            if kept:
                continue
            dropped += 1
            assert score_bound(prepared, fact, pull) < threshold
            assert score_pair(query, by_id[seg.subject_id(row)]).score < threshold
    assert dropped > (1000 if threshold else -1)
    if threshold == 0.0:
        assert dropped == 0
