"""Postings no search reads are not stored, and the index answers as if they were.

A neighbour key of a record's own skeleton (``d:X`` beside ``s:X``) is counted, not stored:
its rows are read through ``s:X``. A base block drops the postings of the keys too frequent to
be read until the next compaction (``index.unread_cuts``). Here the prune floor is lowered so
that a few hundred records have keys on both sides of the cut; the reference is the same index
with every posting kept in its base.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest

from ictd.bench.screening import make_queries, records
from ictd.matching import IndexRecord, MatchIndex, Query
from ictd.matching import index as index_module
from ictd.matching.segment import NEIGHBOUR_PREFIX, Segment, record_fact_keys, record_keys
from ictd.matching.snapshot import decode_segment, drop_unread, encode_segment, merge_encoded

RECORDS = list(records(1400, 11))
FIRST, LATER, LAST = RECORDS[:400], RECORDS[400:1100], RECORDS[1100:]


def _holders(segment: Segment) -> dict[str, set[int]]:
    """Every key of ``segment``'s records with the rows holding it, from the records."""
    out: dict[str, set[int]] = defaultdict(set)
    for row in range(len(segment)):
        entry = segment.table.entry(row)
        keys = [*record_keys(name for _, name in entry.variants), *record_fact_keys(entry.facts)]
        for key in keys:
            out[key].add(row)
    return out


def _queries() -> list[Query]:
    found = [q for q, _ in make_queries(RECORDS, {}, 150, 3)]
    found += [Query(f"n{r.subject_id}", names=(r.names[0][:-1],)) for r in RECORDS[::50]]
    return found


def _answers(index: MatchIndex, queries: list[Query]) -> list[list[tuple[int, float]]]:
    return [[(m.subject_id, m.score) for m in index.search(q, limit=10)] for q in queries]


def test_every_key_reads_the_rows_that_hold_it() -> None:
    segment = Segment.build(RECORDS[:300])
    holders = _holders(segment)
    assert set(segment.key_ids) == set(holders)
    neighbours = 0
    for key, rows in holders.items():
        assert segment.df(key) == len(rows), key
        assert segment.postings(key).tolist() == sorted(rows), key
        if key.startswith(NEIGHBOUR_PREFIX) and len(segment.key_lists(key)) == 2:
            neighbours += 1
    assert neighbours > 100  # most neighbour keys are read through a skeleton's own key
    assert len(segment.rows) < sum(len(rows) for rows in holders.values())


@pytest.fixture
def low_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "MIN_PRUNE_DF", 10)


@pytest.mark.usefixtures("low_floor")
def test_a_grown_index_answers_as_one_that_kept_every_posting() -> None:
    pruned = MatchIndex.build(FIRST)
    full = MatchIndex(Segment.build(FIRST), None, frozenset())
    cut, _ = index_module.unread_cuts(len(FIRST))
    assert cut == 28  # (400 + 1,000) × 2 %: the most subjects before a compaction
    assert len(pruned._base.rows) < len(full._base.rows)
    queries = _queries()
    assert _answers(pruned, queries) == _answers(full, queries)
    # 700 subjects more and 40 less, in overlays: the total (1,060) raises the cut at search
    # from 10 to 21, so keys of the base too frequent at first are read now
    removed = [r.subject_id for r in FIRST[:40]]
    for batch in (LATER[:350], LATER[350:]):
        pruned = pruned.with_changes(batch, removed)
        full = full.with_changes(batch, removed)
    assert pruned._delta is not None
    base = pruned._base
    kept_now = [
        key
        for key in base.key_ids
        if base.df(key) > 10 and (info := pruned._key_info(key)) is not None and info[1]
    ]
    assert kept_now  # keys over the first cut, kept at the grown total
    assert all(len(base.postings(k)) == base.df(k) for k in kept_now)
    answers = _answers(pruned, queries)
    assert answers == _answers(full, queries)
    assert sum(bool(a) for a in answers) > len(queries) * 0.8
    # past the overlay's limit the index is compacted into a base cut afresh
    pruned, full = pruned.with_changes(LAST), full.with_changes(LAST)
    assert pruned._delta is None
    assert _answers(pruned, queries) == _answers(full, queries)


@pytest.mark.usefixtures("low_floor")
def test_merged_blocks_drop_what_a_build_drops() -> None:
    built = MatchIndex.build(FIRST)._base
    blocks = [encode_segment(Segment.build(p)) for p in (FIRST[:150], FIRST[150:])]
    arrays = drop_unread(merge_encoded(blocks), *index_module.unread_cuts(len(FIRST)))
    whole = encode_segment(built)
    for name in ("key_offsets", "rows", "key_counts", "keys_blob", "keys_at"):
        assert np.array_equal(arrays[name], whole[name]), name
    decoded = MatchIndex(decode_segment(arrays), None, frozenset())
    queries = _queries()[:150]
    assert _answers(decoded, queries) == _answers(MatchIndex.build(FIRST), queries)


def test_a_rare_birth_date_is_kept_and_a_common_one_dropped() -> None:
    common = [
        IndexRecord(k, "Person", (f"Person Number{k}",), birth_dates=("1970-01-01",))
        for k in range(1, 41)
    ]
    rare = IndexRecord(99, "Person", ("Someone Else",), birth_dates=("1981-05-17",))
    segment = MatchIndex.build([*common, rare])._base
    assert segment.df("f:1970-01-01") == 40
    assert len(segment.postings("f:1970-01-01")) == 0  # over MAX_FACT_ROWS: never read
    assert segment.postings("f:1981-05-17").tolist() == [40]
