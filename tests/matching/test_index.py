"""MatchIndex: build, search, identifiers, immutable changes by overlay, compaction; subjects."""

from __future__ import annotations

import pytest

from ictd.matching import (
    DEFAULT_THRESHOLD,
    Identifier,
    IndexRecord,
    MatchIndex,
    Query,
    record_from_subject,
    score_pair,
)
from ictd.model import Schema, Statement, Subject

RECORDS = [
    IndexRecord(1, "Person", ("Ayman al-Zawahiri", "أيمن الظواهري"), ("1951-06-19",), ("EG",)),
    IndexRecord(2, "Person", ("Osama bin Laden", "Usama bin Muhammad bin Awad bin Ladin")),
    IndexRecord(3, "Person", ("Mohammed Ali Hassan Al-Khatib",), ("1981",)),
    IndexRecord(4, "Organization", ("Al-Rashid Trust",), nationalities=("PK",)),
    IndexRecord(
        5,
        "Person",
        ("Aleksandr Petrov",),
        identifiers=(Identifier("7510 123456", "RU", "passportNumber"),),
    ),
    IndexRecord(6, "Company", ("Romashka LLC",)),
    IndexRecord(7, "Person", ("Kim Jong Un",), ("1984-01-08",)),
]


@pytest.fixture(scope="module")
def index() -> MatchIndex:
    filler = [IndexRecord(100 + i, "Person", (f"Person Number{i:04d} Filler",)) for i in range(300)]
    return MatchIndex.build([*RECORDS, *filler])


def _top(index: MatchIndex, **query: object) -> int | None:
    found = index.search(Query(id="q", **query), limit=5, threshold=DEFAULT_THRESHOLD)  # type: ignore[arg-type]
    return found[0].subject_id if found else None


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (("أسامة بن لادن",), 2),
        (("Усама бен Ладен",), 2),
        (("ZAWAHIRI, Aiman",), 1),
        (("أيمن الظواهري",), 1),
        (("Александр Петров",), 5),
        (("ООО Ромашка",), 6),
        (("김정은",), 7),
        (("Al Rashid Trust LLC",), 4),
    ],
)
def test_search_finds_across_scripts(
    index: MatchIndex, names: tuple[str, ...], expected: int
) -> None:
    assert _top(index, names=names) == expected


def test_search_tolerates_typos(index: MatchIndex) -> None:
    assert _top(index, names=("Aymen al-Zawahri",)) == 1


def test_common_name_alone_is_no_match(index: MatchIndex) -> None:
    assert _top(index, names=("Mohammed Ali",), birth_date="1975") is None


def test_identifier_finds_without_a_name(index: MatchIndex) -> None:
    assert _top(index, identifiers=(Identifier("7510123456"),)) == 5


def test_results_are_sorted_limited_and_scored_like_score_pair(index: MatchIndex) -> None:
    query = Query(id="q", names=("Person Number0001 Filler",))
    found = index.search(query, limit=3)
    assert len(found) == 3
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert found[0].subject_id == 101
    record = next(r for r in [*RECORDS] if r.subject_id == 1)
    direct = score_pair(Query(id="q", names=("Ayman al-Zawahiri",)), record)
    via_index = index.search(Query(id="q", names=("Ayman al-Zawahiri",)), limit=1)[0]
    assert via_index.score == direct.score
    assert via_index.explanation == direct.explanation


def test_len_and_contains(index: MatchIndex) -> None:
    assert len(index) == len(RECORDS) + 300
    assert 1 in index
    assert 99 not in index
    assert "1" not in index


def test_with_changes_leaves_the_old_index_untouched(index: MatchIndex) -> None:
    changed = index.with_changes(
        upserts=[
            IndexRecord(1, "Person", ("Ayman Nour",)),
            IndexRecord(50, "Person", ("Hafiz Saeed",)),
        ],
        removals=[2],
    )
    assert len(changed) == len(index)  # one added, one removed
    assert 2 not in changed and 2 in index
    assert 50 in changed and 50 not in index
    assert _top(changed, names=("Osama bin Laden",)) is None
    assert _top(index, names=("Osama bin Laden",)) == 2
    assert _top(changed, names=("Ayman al-Zawahiri",)) is None
    assert _top(changed, names=("Ayman Nour",)) == 1
    assert _top(changed, names=("حافظ سعید",)) == 50
    again = changed.with_changes(
        removals=[50], upserts=[IndexRecord(51, "Person", ("Hafiz Saeed",))]
    )
    assert _top(again, names=("Hafiz Saeed",)) == 51
    assert 50 not in again


def test_large_change_compacts(index: MatchIndex) -> None:
    many = [IndexRecord(10_000 + i, "Person", (f"Added Person{i:04d}",)) for i in range(1_100)]
    compacted = index.with_changes(upserts=many, removals=[3])
    assert compacted.delta_size == 0
    assert len(compacted) == len(index) + 1_100 - 1
    assert _top(compacted, names=("Added Person0042",)) == 10_042


def test_empty_index() -> None:
    empty = MatchIndex.build([])
    assert len(empty) == 0
    assert empty.search(Query(id="q", names=("Anyone",))) == []


def test_record_from_subject() -> None:
    def stmt(
        prop: str, value: str, qualifier: str | None = None, retracted: bool = False
    ) -> Statement:
        from datetime import UTC, datetime

        gone = datetime(2024, 1, 1, tzinfo=UTC) if retracted else None
        return Statement(prop, value, value, qualifier=qualifier, retracted_at=gone)

    subject = Subject(
        schema=Schema.PERSON,
        id=42,
        statements=(
            stmt("name", "Ayman al-Zawahiri"),
            stmt("originalScriptName", "أيمن الظواهري"),
            stmt("alias", "Old Alias", retracted=True),
            stmt("birthDate", "1951-06-19"),
            stmt("nationality", "EG"),
            stmt("gender", "male"),
            stmt("passportNumber", "1084010", "EG"),
        ),
    )
    record = record_from_subject(subject)
    assert record.subject_id == 42
    assert record.names == ("Ayman al-Zawahiri", "أيمن الظواهري")
    assert record.birth_dates == ("1951-06-19",)
    assert record.nationalities == ("EG",)
    assert record.gender == "male"
    assert record.identifiers == (Identifier("1084010", "EG", "passportNumber"),)
    with pytest.raises(ValueError, match="no id"):
        record_from_subject(Subject(schema=Schema.PERSON))


@pytest.mark.parametrize(
    ("query", "order"),
    [("Narges Haidari", [2, 1]), ("Narges Heidari", [1, 2]), ("HAIDARI, Narges", [2, 1])],
)
def test_equal_scores_rank_the_exact_spelling_first(query: str, order: list[int]) -> None:
    # both spellings are the same name part to the matcher (equal skeletons), so the scores tie
    index = MatchIndex.build(
        [
            IndexRecord(1, "Person", ("Narges Heidari",)),
            IndexRecord(2, "Person", ("Narges Haidari",)),
        ]
    )
    found = index.search(Query(id="q", names=(query,)), limit=5, threshold=DEFAULT_THRESHOLD)
    assert [m.subject_id for m in found] == order
    assert found[0].score == found[1].score
    assert found[0].literal > found[1].literal


def test_search_many_answers_each_query_as_search_does(index: MatchIndex) -> None:
    queries = [
        Query(id="a", names=("AL ZAWAHIRI AYMAN",), birth_date="1951-06-19"),
        Query(id="b", names=("Usama bin Ladin",)),
        Query(id="c", names=("Nobody Atall",)),
        Query(id="d", names=("AL ZAWAHIRI AYMAN",), birth_date="1951-06-19"),  # again
        Query(id="e", names=("Aleksandr Petrov",), identifiers=(Identifier("7510123456"),)),
    ]
    batch = index.search_many(queries, limit=3, threshold=0.3)
    alone = [index.search(q, limit=3, threshold=0.3) for q in queries]
    assert [[(m.subject_id, m.score) for m in x] for x in batch] == [
        [(m.subject_id, m.score) for m in x] for x in alone
    ]
    assert batch[0] and batch[0][0].subject_id == 1 and batch[3] == batch[0]
    assert batch[3] is not batch[0]  # each answer its own list
    assert batch[2] == []


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Delta Invest JSC", 1),
        ("Delta Invest LLC", 2),
        ("Cedar Logistics Limited", 3),
        ("Cedar Logistics Ltd", 3),
        ("Cedar Logistics AG", 4),
    ],
)
def test_equal_scores_rank_the_same_legal_form_first(query: str, first: int) -> None:
    # legal forms do not count in the score (they tie), but break the tie: long and short
    # forms (Limited / Ltd) are one word
    index = MatchIndex.build(
        [
            IndexRecord(1, "Company", ("Delta Invest JSC",)),
            IndexRecord(2, "Company", ("Delta Invest LLC",)),
            IndexRecord(3, "Company", ("Cedar Logistics Ltd",)),
            IndexRecord(4, "Company", ("Cedar Logistics AG",)),
        ]
    )
    found = index.search(Query(id="q", names=(query,), schema="Company"), limit=2)
    assert found[0].subject_id == first
    assert found[0].score == found[1].score
    assert found[0].literal > found[1].literal


def test_equal_scores_rank_the_same_legal_form_first_across_scripts() -> None:
    index = MatchIndex.build(
        [
            IndexRecord(1, "Company", ("ООО «Каспий Трейд»",)),
            IndexRecord(2, "Company", ("АО «Каспий Трейд»",)),
        ]
    )
    found = index.search(Query(id="q", names=("Kaspiy Treyd JSC",), schema="Company"), limit=2)
    assert [m.subject_id for m in found] == [2, 1]
