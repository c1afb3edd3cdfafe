"""A query that is the subject's name written short: every part of it found, the subject's
last parts left out (issue #18, round 20). The pairs are made up to show the rule."""

from __future__ import annotations

from ictd.matching import IndexRecord, MatchIndex, Query
from ictd.matching.result import Match
from ictd.matching.scorer import score_pair


def _match(query: str, name: str) -> Match:
    record = IndexRecord(1, "Person", (name,))
    return score_pair(Query("q", names=(query,), schema="Person"), record)


def _features(match: Match) -> set[str]:
    return {f.feature for f in match.explanation}


def test_a_last_part_left_out_by_a_wholly_found_query_is_no_other_family_name() -> None:
    short = _match("Karim Haddad", "Karim Haddad al-Tamimi")
    assert "name_last_part_unmatched" not in _features(short)
    assert "name_subject_parts_unmatched" in _features(short)  # what is left out still counts
    # another last part written in its place is another family name
    other = _match("Karim Haddad Rashidi", "Karim Haddad al-Tamimi")
    assert "name_last_part_unmatched" in _features(other)
    assert other.score < 0.1 < short.score
    # a spelling variant of each part is found in full too
    assert abs(_match("Kareem Hadad", "Karim Haddad al-Tamimi").score - short.score) < 0.05
    # a query part found only in part (another name that looks alike) is not a short form
    near = _match("Kazim Haddad", "Karim Haddad al-Tamimi")
    assert "name_last_part_unmatched" in _features(near)
    assert near.score < short.score


def test_the_first_part_left_out_still_counts() -> None:
    # a missing given name marks another person (a son, a brother) more often
    match = _match("Haddad al-Tamimi", "Karim Haddad al-Tamimi")
    assert "name_first_part_unmatched" in _features(match)
    assert match.score < _match("Karim Haddad", "Karim Haddad al-Tamimi").score


def test_the_index_and_the_pair_scorer_agree_on_short_forms() -> None:
    records = [
        IndexRecord(1, "Person", ("Karim Haddad al-Tamimi",)),
        IndexRecord(2, "Person", ("Farid Nasser Qasim al-Obeidi",)),
        IndexRecord(3, "Organization", ("Strategic Rocket Force of the Northern Army",)),
    ]
    index = MatchIndex.build(records)
    for query, schema in (
        ("Karim Haddad", "Person"),
        ("Farid Nasser", "Person"),
        ("Kazim Haddad", "Person"),
        ("Strategic Rocket Force", "Organization"),
    ):
        q = Query("q", names=(query,), schema=schema)
        found = {m.subject_id: m.score for m in index.search(q, limit=5)}
        for record in records:
            expected = score_pair(q, record).score
            assert abs(found.get(record.subject_id, 0.0) - expected) < 1e-6 or expected < 0.05
