"""A short form's left-out last part costs like a left-out middle part (issue #18, round 23):
when every part of the query found a partner in full, the subject's last part without one
counts for ``DROPPED_LAST_WEIGHT`` of its weight in the subject's coverage, not in full. The
names are made up to show the rule."""

from __future__ import annotations

import pytest

from ictd.matching import IndexRecord, MatchIndex, Query
from ictd.matching.compare import (
    DROPPED_LAST_WEIGHT,
    DROPPED_MIDDLE_WEIGHT,
    MIDDLE_WEIGHT,
    Alignment,
    align,
)
from ictd.matching.name import parse_name
from ictd.matching.scorer import score_pair


def _align(query: str, name: str) -> Alignment:
    (q,) = parse_name(query, org=False)
    (c,) = parse_name(name, org=False)
    return align(q, c)


def _score(query: str, name: str, schema: str = "Person") -> float:
    record = IndexRecord(1, schema, (name,))
    return score_pair(Query("q", names=(query,), schema=schema), record).score


def test_the_left_out_last_part_counts_for_its_dropped_share() -> None:
    a = _align("Teodor Valansky", "Teodor Valansky Mirowicz Dabrenko")
    w = [p.weight for p in a.candidate.parts]
    expected = (w[0] + w[1]) / (
        w[0] + w[1] + DROPPED_MIDDLE_WEIGHT * w[2] + DROPPED_LAST_WEIGHT * w[3]
    )
    assert a.candidate_coverage == pytest.approx(expected)
    assert DROPPED_LAST_WEIGHT < 1.0


def test_another_last_part_written_in_its_place_still_counts_in_full() -> None:
    # the query's own last part has no partner: not a short form, the subject's counts in full
    a = _align("Teodor Valansky Kurnik", "Teodor Valansky Dabrenko")
    w = [p.weight for p in a.candidate.parts]
    assert a.candidate_coverage == pytest.approx((w[0] + w[1]) / sum(w))
    # a part found only in part (another name that looks alike) is not a short form either
    near = _align("Teodor Valenko", "Teodor Valansky Dabrenko")
    cw = [p.weight for p in near.candidate.parts]
    assert near.candidate_coverage < (cw[0] + cw[1]) / (cw[0] + cw[1] + MIDDLE_WEIGHT * cw[2])


def test_a_short_form_scores_above_a_name_with_another_last_part() -> None:
    full = "Teodor Valansky Mirowicz Dabrenko"
    short = _score("Teodor Valansky", full)
    other = _score("Teodor Valansky Kurnik", full)
    assert short > other
    # the parts left out still cost: the whole name scores higher
    assert _score("Teodor Valansky Mirowicz Dabrenko", full) > short


def test_an_organisation_named_short_keeps_its_first_words() -> None:
    short = _score(
        "Nordvale Marine Freight", "Nordvale Marine Freight Holding Partners", "Organization"
    )
    other = _score(
        "Nordvale Marine Logistics", "Nordvale Marine Freight Holding Partners", "Organization"
    )
    assert short > other


def test_the_index_and_the_pair_scorer_agree_on_left_out_last_parts() -> None:
    records = [
        IndexRecord(1, "Person", ("Teodor Valansky Mirowicz Dabrenko",)),
        IndexRecord(2, "Person", ("Teodor Valansky Dabrenko",)),
        IndexRecord(3, "Organization", ("Nordvale Marine Freight Holding Partners",)),
        IndexRecord(4, "Person", ("Ilse Marenholt",)),
    ]
    index = MatchIndex.build(records)
    for query, schema in (
        ("Teodor Valansky", "Person"),
        ("Teodor Valansky Mirowicz", "Person"),
        ("Teodor Valansky Kurnik", "Person"),
        ("Nordvale Marine Freight", "Organization"),
        ("Ilse Marenholt", "Person"),
    ):
        q = Query("q", names=(query,), schema=schema)
        found = {m.subject_id: m.score for m in index.search(q, limit=5, threshold=0.0)}
        for record in records:
            expected = score_pair(q, record).score
            assert abs(found.get(record.subject_id, 0.0) - expected) < 1e-6 or expected < 0.01


def test_one_word_is_a_name_not_a_name_written_short() -> None:
    # ``Teodor`` is any Teodor: the subject's last part counts in full against one word
    a = _align("Teodor", "Teodor Dabrenko")
    w = [p.weight for p in a.candidate.parts]
    assert a.candidate_coverage == pytest.approx(w[0] / sum(w))
