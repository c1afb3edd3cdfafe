"""Names never seen that met a listed one on a rule too loose (issue #18, round 18). The
pairs here are made from script rules, not taken from the benchmark."""

from __future__ import annotations

from ictd.matching import IndexRecord, MatchIndex, Query
from ictd.matching.scorer import score_pair


def _score(query: str, name: str, schema: str = "Person") -> float:
    record = IndexRecord(1, schema, (name,))
    return score_pair(Query("q", names=(query,), schema=schema), record).score


def test_a_last_vowel_letter_in_hebrew_that_arabic_script_does_not_write_is_another_word() -> None:
    # Hebrew writes a last vowel with a letter (ה in מלכה, Malka), as Arabic script writes
    # ة or ه: مالك (Malik, Malek) ends in a consonant, so it is another word
    assert _score("داود مالك", "דוד מלכה") < 0.5
    assert _score("سليم ملک", "סלים מלכה") < 0.5
    assert _score("رحيم ملک", "רחמים מלכה") < 0.5
    # both end in a consonant, or both in a vowel letter: the same word across the scripts
    assert _score("يوسف مزراحي", "יוסף מזרחי") >= 0.5
    assert _score("يوسف شاهين", "יוסף שחין") >= 0.5


def test_an_initial_is_not_glued_onto_the_word_beside_it() -> None:
    # joined parts are for compounds written apart (Abdul Rahman / Abdulrahman); an initial
    # joined to its neighbour spelt another word: "Novak J." read "novakj" ~ "novak"
    assert _score("E. Lindqvist", "Abdel Lindquist") < 0.5  # "elindqvist" is not a word
    assert _score("Kowalski J. T.", "Tomasz Kowalski") < _score(
        "Kowalski J. T.", "Jan Tomasz Kowalski"
    )
    assert _score("Kowalski J. T.", "Tomasz Kowalski") < 0.8
    # after a word, an initial may stand for a compound's second element (Nasr A. / Nasrallah)
    assert _score("Nasr A. Haddad", "Nasrallah Haddad") >= 0.9
    # the same letters written as one word are still that word
    assert _score("Amadou N Diaye", "Amadou Ndiaye") >= 0.9
    assert _score("Sean O Brien", "Sean OBrien") >= 0.9


def test_the_index_and_the_pair_scorer_agree_on_glued_initials() -> None:
    records = [
        IndexRecord(1, "Person", ("Tomasz Kowalski",)),
        IndexRecord(2, "Person", ("Amadou Ndiaye",)),
    ]
    index = MatchIndex.build(records)
    for query in ("Kowalski J. T.", "Amadou N Diaye", "T. Kowalski"):
        q = Query("q", names=(query,), schema="Person")
        found = {m.subject_id: m.score for m in index.search(q, limit=5)}
        for record in records:
            expected = score_pair(q, record).score
            assert abs(found.get(record.subject_id, 0.0) - expected) < 1e-6 or expected < 0.05
