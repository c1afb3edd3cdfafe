"""An index block as flat arrays: decoded, it answers as the block built in memory; blocks
built apart and merged are the block one build of all their records makes."""

from __future__ import annotations

import numpy as np

from ictd.bench.screening import make_queries, records
from ictd.matching import Identifier, IndexRecord, MatchIndex, Query
from ictd.matching.segment import Segment
from ictd.matching.snapshot import decode_segment, encode_segment, merge_encoded

RECORDS = list(records(1200, 9))
ODD = IndexRecord(  # separators and an empty name take the slow packing path
    subject_id=5000,
    schema="Person",
    names=("Omar \x1f Haddad", ""),
    birth_dates=("1970-02",),
    identifiers=(Identifier("X\x1e99", "SY", "passportNumber"),),
)


def _index(segment: Segment) -> MatchIndex:
    return MatchIndex(segment, None, frozenset())


def test_merged_blocks_are_one_build() -> None:
    whole = encode_segment(Segment.build([*RECORDS, ODD]))
    parts = [RECORDS[:500], RECORDS[500:1000], [*RECORDS[1000:], ODD]]
    merged = merge_encoded([encode_segment(Segment.build(p)) for p in parts])
    assert set(merged) == set(whole)
    for name, arr in whole.items():
        if not name.startswith("facts"):  # facts are numbered by first sight of a block
            assert np.array_equal(merged[name], arr), name
    assert len(merged["facts_at"]) <= len(whole["facts_at"]) + 1


def test_decoded_block_answers_as_the_built_one() -> None:
    built = Segment.build([*RECORDS, ODD])
    arrays = merge_encoded(
        [
            encode_segment(Segment.build(RECORDS[:600])),
            encode_segment(Segment.build([*RECORDS[600:], ODD])),
        ]
    )
    decoded = decode_segment(arrays)
    assert decoded.table.prepared(len(RECORDS)) == built.table.prepared(len(RECORDS))
    assert decoded.table.entry(0) == built.table.entry(0)
    queries = [q for q, _ in make_queries(RECORDS, {}, 150, 4)]
    queries += [
        Query(f"i{r.subject_id}", identifiers=r.identifiers) for r in RECORDS[:80] if r.identifiers
    ]
    queries.append(Query("odd", names=("Omar Haddad",), identifiers=ODD.identifiers))
    a, b = _index(built), _index(decoded)
    found = 0
    for query in queries:
        expected = a.search(query, limit=10)
        assert b.search(query, limit=10) == expected
        found += bool(expected)
    assert found > len(queries) * 0.9
    (top, *_) = b.search(Query("odd", identifiers=ODD.identifiers), limit=1)
    assert top.subject_id == 5000
