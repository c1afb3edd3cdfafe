"""Given names that look alike and are different names (issue #18, round 21): ``Mehmet`` /
``Ahmet``, ``Najibullah`` / ``Habibullah``. The pairs are made up to show the rule."""

from __future__ import annotations

import numpy as np

from ictd.matching import IndexRecord, Query
from ictd.matching.compare import (
    MIN_PART_SIMILARITY,
    part_similarity,
    similarity_matrix,
    similarity_matrix_reference,
)
from ictd.matching.lookalikes import LOOKALIKE_GIVEN_NAMES, lookalike_class
from ictd.matching.name import make_part, parse_name
from ictd.matching.scorer import score_pair
from ictd.matching.surnames import surname_class


def _score(query: str, name: str) -> float:
    record = IndexRecord(1, "Person", (name,))
    return score_pair(Query("q", names=(query,), schema="Person"), record).score


def test_two_lookalike_given_names_are_not_aligned() -> None:
    for a, b in [("mehmet", "ahmet"), ("sami", "rami"), ("hasan", "huseyin"), ("karim", "rahim")]:
        assert part_similarity(make_part(a), make_part(b)) < MIN_PART_SIMILARITY, (a, b)


def test_spellings_of_one_name_stay_alike() -> None:
    for a, b in [("mehmet", "muhammad"), ("mohamed", "muhammad"), ("hussein", "hossein")]:
        assert part_similarity(make_part(a), make_part(b)) >= 0.9, (a, b)


def test_another_given_name_beside_the_same_family_name_stays_under_the_threshold() -> None:
    assert _score("Ahmet Karaca", "Mehmet Karaca") < 0.5
    assert _score("Rami Haddad", "Sami Haddad") < 0.5
    assert _score("Najibullah Sultani", "Habibullah Sultani") < 0.5
    # the same person in another spelling is still found
    assert _score("Mehmet Karaca", "Muhammad Karaca") > 0.5
    assert _score("Habibollah Sultani", "Habibullah Sultani") > 0.5


def test_an_abjad_word_is_classed_by_a_skeleton_of_one_name_only() -> None:
    (najib,) = parse_name("نجیب الله")[0].parts
    assert najib.abjad and najib.equivalent == lookalike_class("najibullah")
    assert _score("گلنار نجیب الله", "Gulnar Habibullah") < 0.5
    assert _score("گلنار حبیب الله", "Gulnar Habibullah") > 0.5
    (muhammad,) = parse_name("محمود")[0].parts  # mhmd: Mahmud's and Muhammad's skeleton
    assert muhammad.equivalent == -1


def test_korean_family_names_keep_their_classes() -> None:
    for spelling in ("choi", "cho", "kim", "lim"):
        assert surname_class(spelling) <= -2 and lookalike_class(spelling) == -1
    part = make_part("choi")
    assert part.equivalent == surname_class("choi")


def test_no_spelling_in_two_lines() -> None:
    forms = [form for forms in LOOKALIKE_GIVEN_NAMES for form in forms]
    assert len(forms) == len(set(forms))


def test_the_compiled_and_reference_matrices_agree_on_lookalikes() -> None:
    query = [make_part(t) for t in ("mehmet", "sami", "choi", "karaca")]
    listed = [make_part(t) for t in ("ahmet", "muhammad", "rami", "cho", "karaca", "habibullah")]
    assert np.allclose(similarity_matrix(query, listed), similarity_matrix_reference(query, listed))
    assert similarity_matrix(query, listed)[0, 0] <= 0.5
