"""The search memo: the raw matches of a query asked again of the same immutable index come
from memory, identical to a fresh search; a new index starts afresh; the memo is bounded."""

from __future__ import annotations

from dataclasses import fields, replace

from ictd.matching import Identifier, IndexRecord, MatchIndex, Query
from ictd.screening.memo import SearchMemo, memo_of

RECORDS = [
    IndexRecord(1, "Person", ("Ivan Petrov",), ("1970-01-02",), ("RU",), "male"),
    IndexRecord(2, "Company", ("Al Noor Petroleum Trading LLC",)),
    IndexRecord(3, "Person", ("Muhammad Yusuf",), ("1981",)),
]


def _queries() -> list[Query]:
    return [
        Query("a", names=("Ivan Petrov",)),
        Query("b", names=("Al Nur Petroleum Trading",)),
        Query("c", names=("Ivan Petrov",)),  # the same query under another id
        Query("d", names=("Mohammed Yousef",), birth_date="1981"),
        Query("e", names=("Nobody Known",)),
    ]


def test_remembered_matches_are_those_of_a_fresh_search() -> None:
    index = MatchIndex.build(RECORDS)
    memo = SearchMemo()
    queries = _queries()
    fresh = [index.search(q, limit=5, threshold=0.3) for q in queries]
    first = memo.search_all(index, queries, 5, 0.3)
    again = memo.search_all(index, list(reversed(queries)), 5, 0.3)
    assert first == fresh and again == list(reversed(fresh))
    assert [m.subject_id for m in first[0]][:1] == [1]
    assert (memo.asked, memo.searched, len(memo)) == (10, 4, 4)  # a, b (= c), d, e
    # another limit or threshold is another question
    memo.search_all(index, queries[:1], 1, 0.3)
    memo.search_all(index, queries[:1], 5, 0.9)
    assert memo.searched == 6


def test_a_new_index_starts_afresh() -> None:
    old = MatchIndex.build(RECORDS)
    memo = SearchMemo()
    query = [Query("a", names=("Ivan Petrov",))]
    assert [m.subject_id for m in memo.search_all(old, query, 5, 0.3)[0]][:1] == [1]
    new = old.with_changes(removals=[1])
    assert [m.subject_id for m in memo.search_all(new, query, 5, 0.3)[0]] == []
    assert (memo.searched, len(memo)) == (2, 1)


def test_the_memo_is_bounded_least_recently_used_first() -> None:
    index = MatchIndex.build(RECORDS)
    memo = SearchMemo(max_entries=2)
    a, b, c = (Query(x, names=(n,)) for x, n in zip("abc", ("Ivan", "Yusuf", "Noor"), strict=True))
    memo.search_all(index, [a, b], 5, 0.0)
    memo.search_all(index, [a], 5, 0.0)  # a used again: b is the oldest
    memo.search_all(index, [c], 5, 0.0)
    assert len(memo) == 2
    before = memo.searched
    memo.search_all(index, [a, c], 5, 0.0)
    assert memo.searched == before  # both kept
    memo.search_all(index, [b], 5, 0.0)
    assert memo.searched == before + 1  # b was dropped


def test_one_memo_per_holder() -> None:
    class Holder:
        pass

    one, two = Holder(), Holder()
    assert memo_of(one) is memo_of(one) and memo_of(one) is not memo_of(two)


def test_every_field_but_the_id_is_part_of_the_question() -> None:
    """A query that differs from another in any field but its id is searched on its own;
    the same fields under another id are answered from the memo."""
    index = MatchIndex.build(RECORDS)
    base = Query(
        "a",
        names=("Ivan Petrov",),
        schema="Person",
        birth_date="1970-01-02",
        nationalities=("RU",),
        gender="male",
        identifiers=(Identifier("P123", "RU"),),
    )
    others = {
        "names": ("Ivan Petrova",),
        "schema": "Organization",
        "birth_date": "1970",
        "nationalities": ("UA",),
        "gender": "female",
        "identifiers": (Identifier("P124", "RU"),),
    }
    assert set(others) == {f.name for f in fields(Query)} - {"id"}  # a new field: add it here
    memo = SearchMemo()
    memo.search_all(index, [base, replace(base, id="b")], 5, 0.0)
    assert memo.searched == 1
    for name, value in others.items():
        memo.search_all(index, [replace(base, **{name: value})], 5, 0.0)
    assert memo.searched == 1 + len(others)
    memo.search_all(index, [replace(base, id="c", **others)], 5, 0.0)
    assert memo.searched == 2 + len(others)
