"""Initials: a given name written as its first letter, with or without a dot, in any order,
or run together (``TW Lim``). An initial that agrees writes its part short, it does not leave
it out; what it says of the person is small. None of these pairs was used to choose the rule
(``compare.INITIAL_CREDIT``, ``compare.INITIAL_EVIDENCE``)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ictd.bench.screening import records
from ictd.matching import DEFAULT_THRESHOLD, IndexRecord, MatchIndex, Query, native, score_pair
from ictd.matching.compare import INITIAL_EVIDENCE, align
from ictd.matching.name import parse_name


def _score(query: str, listed: str) -> float:
    return score_pair(Query("q", names=(query,)), IndexRecord(1, "Person", (listed,))).score


AGREEING = [
    ("T. W. Lim", "Lim Tae-woo"),
    ("W T Lim", "Lim Tae-woo"),
    ("K. Nakamura", "Kenji Nakamura"),
    ("VASQUEZ, E. J.", "Eduardo José Vasquez"),
    ("Okonkwo CN", "Chinedu Nnamdi Okonkwo"),
]


@pytest.mark.parametrize(("query", "listed"), AGREEING)
def test_agreeing_initials_reach_the_threshold(query: str, listed: str) -> None:
    assert _score(query, listed) >= DEFAULT_THRESHOLD


def _index(listed: str) -> MatchIndex:
    decoys = [replace(r, subject_id=100 + k) for k, r in enumerate(records(500, 5))]
    # the same family name with other given names beside the listed person
    family = listed.replace(",", " ").split()
    others = [IndexRecord(2, "Person", ("Zoltan Quist " + family[-1],))]
    return MatchIndex.build([IndexRecord(1, "Person", (listed,)), *others, *decoys])


@pytest.mark.parametrize(("query", "listed"), AGREEING)
def test_the_listed_name_ranks_first(query: str, listed: str) -> None:
    found = _index(listed).search(Query("q", names=(query,)), limit=3)
    assert found[0].subject_id == 1
    assert found[0].score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(("query", "listed"), AGREEING)
def test_the_kernel_and_the_numpy_bound_give_the_scorer_s_answer(
    query: str, listed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = _index(listed)
    q = Query("q", names=(query,))
    with_kernel = index.search(q, limit=5, threshold=0.0)
    assert with_kernel[0].score == pytest.approx(_score(query, listed))
    monkeypatch.setattr(native, "kernel", None)
    without = index.search(q, limit=5, threshold=0.0)
    assert [(m.subject_id, round(m.score, 9)) for m in without] == [
        (m.subject_id, round(m.score, 9)) for m in with_kernel
    ]


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("B. Karlsson", "Anders Karlsson"),  # another initial
        ("Y. J. Lim", "Lim Tae-woo"),  # initials of other names
        ("A. Hassan", "Ali Hassan"),  # one initial beside a common family name
        ("M. Rahman", "Mohammed Rahman"),
    ],
)
def test_weak_or_conflicting_initials_stay_under_the_threshold(query: str, listed: str) -> None:
    assert _score(query, listed) < DEFAULT_THRESHOLD


def test_two_agreeing_initials_say_more_than_one() -> None:
    assert _score("S. Hassan", "Samir Hassan") < _score("S. K. Hassan", "Samir Khalil Hassan")


def test_an_initial_gives_a_share_of_a_pair_s_evidence() -> None:
    whole = align(parse_name("Tae Lim")[0], parse_name("Tae Lim")[0]).evidence
    short = align(parse_name("T. Lim")[0], parse_name("Tae Lim")[0])
    lim = parse_name("Lim")[0].parts[0].weight
    initial = parse_name("T")[0].parts[0].weight
    assert short.evidence == pytest.approx(lim + initial * 0.75 * INITIAL_EVIDENCE)
    assert short.evidence < whole
    assert short.query_coverage == short.candidate_coverage == 1.0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("TW Lim", ["tw lim", "t w lim"]),
        ("Okonkwo, CN", ["okonkwo cn", "okonkwo c n"]),
        ("KIM Jong Un", ["kim jong un"]),  # a family name in capitals is not initials
        ("Mr. Lim", ["lim"]),
        ("BP", ["bp"]),
    ],
)
def test_initials_run_together_are_read_apart_too(raw: str, expected: list[str]) -> None:
    assert [p.text for p in parse_name(raw)] == expected


def test_letters_in_an_organisation_s_name_are_not_initials() -> None:
    # ``S.L.`` is a legal form: ``Logistics`` ~ ``L`` says nothing of a company
    query = Query("q", names=("Atlas Logistics FZE",))
    company = IndexRecord(1, "Company", ("Atlas Shipping S.L.",))
    person = IndexRecord(1, "Person", ("Atlas Shipping S.L.",))
    assert score_pair(query, company).score < DEFAULT_THRESHOLD
    assert score_pair(query, company).score < score_pair(query, person).score
