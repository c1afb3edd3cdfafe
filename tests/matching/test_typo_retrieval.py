"""A name with a typo in every part is still retrieved (issue #18, round 19): skeleton
neighbours (``keys.skeleton_neighbours``) join two skeletons one edit apart, even those too
short for a character trigram to survive the edit."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ictd.matching import IndexRecord, MatchIndex, Query
from ictd.matching.keys import skeleton_neighbours

CONSONANTS = "bcdfghjklmnpqrstvwxz"


def test_a_skeleton_and_those_one_letter_shorter() -> None:
    assert skeleton_neighbours("jsf") == ["jsf", "sf", "jf", "js"]
    assert skeleton_neighbours("kkch") == ["kkch", "kch", "kkh", "kkc"]
    assert skeleton_neighbours("kn") == ["kn"]  # two letters: only itself


@st.composite
def _one_edit(draw: st.DrawFn) -> tuple[str, str]:
    skel = draw(st.text(CONSONANTS, min_size=3, max_size=8))
    at = draw(st.integers(0, len(skel) - 1))
    letter = draw(st.sampled_from(CONSONANTS))
    kind = draw(st.sampled_from(["change", "drop", "add"]))
    if kind == "change":
        edited = skel[:at] + letter + skel[at + 1 :]
    elif kind == "drop":
        edited = skel[:at] + skel[at + 1 :]
    else:
        edited = skel[:at] + letter + skel[at:]
    return skel, edited


@given(_one_edit())
def test_skeletons_one_edit_apart_share_a_neighbour(pair: tuple[str, str]) -> None:
    skel, edited = pair
    assert set(skeleton_neighbours(skel)) & set(skeleton_neighbours(edited))


def _index(*names: str) -> MatchIndex:
    records = [IndexRecord(i, "Person", (name,)) for i, name in enumerate(names, 1)]
    return MatchIndex.build(records)


def _found(index: MatchIndex, query: str) -> list[int]:
    return [m.subject_id for m in index.search(Query("q", names=(query,)), limit=10)]


def test_a_typo_in_each_short_part_still_finds_the_name() -> None:
    index = _index("Joseph Kony", "Kang Ryong", "Djamel Akkacha", "Salah Badi", "Maria Lopez")
    # no part keeps its skeleton nor a trigram of it: found through the neighbours
    assert _found(index, "Joeph Kdny")[:1] == [1]
    assert _found(index, "Kag Ryogn")[:1] == [2]
    assert _found(index, "Djameu Tkkacha")[:1] == [3]


def test_the_neighbours_add_candidates_without_displacing_the_others() -> None:
    # many records that share only neighbours with the query do not push out the one that
    # shares its parts' own keys
    names = [f"Kar{c}{d} Lopez" for c in "bdfgklmnprstvz" for d in "aeiou"]
    index = _index("Kory Lopes", *names)
    assert _found(index, "Kory Lopes")[0] == 1
