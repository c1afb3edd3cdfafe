"""Retrieval by a query's initials beside a word, and by a birth date few subjects share
(issue #18, round 22). The names are made up to show the rules."""

from __future__ import annotations

from ictd.matching import IndexRecord, MatchIndex, Query
from ictd.matching.index import MAX_FACT_ROWS
from ictd.matching.name import parse_name
from ictd.matching.record import prepare_query
from ictd.matching.segment import query_fact_keys, query_keys, record_keys

_GIVEN = ("Karim", "Samir", "Walid", "Nabil", "Rashid", "Tariq", "Hisham", "Jamil", "Faris")
_FATHER = ("Yasin", "Mahmud", "Khalil", "Adnan", "Fuad", "Ziyad", "Munir", "Lutfi")


def _many_named(family: str, count: int, born: str | None = None) -> list[IndexRecord]:
    """``count`` persons of one family name, their given names not beginning with O or Q."""
    out = []
    for n in range(count):
        given = f"{_GIVEN[n % len(_GIVEN)]} {_FATHER[(n // len(_GIVEN)) % len(_FATHER)]}"
        dates = (born,) if born else ()
        out.append(IndexRecord(n + 1, "Person", (f"{given} {family}",), dates))
    return out


def _ids(index: MatchIndex, query: Query, limit: int = 10) -> list[int]:
    return [m.subject_id for m in index.search(query, limit=limit)]


def test_initials_beside_a_common_family_name_find_their_holder() -> None:
    records = [
        *_many_named("al-Tamimi", 70),
        IndexRecord(900, "Person", ("Omar Qays Idris al-Tamimi",)),
    ]
    index = MatchIndex.build(records)
    for written in ("O. Q. I. al-Tamimi", "AL-TAMIMI, I. O. Q.", "O Q AL TAMIMI"):
        found = _ids(index, Query("q", (written,), "Person"))
        assert found[:1] == [900], written


def test_initial_keys_pair_a_letter_with_another_word() -> None:
    (name,) = parse_name("Omar Qays al-Tamimi")[:1]
    keys = record_keys([name])
    tamimi = name.parts[-1].skeleton
    assert f"i:o:{tamimi}" in keys and f"i:q:{tamimi}" in keys
    assert f"i:t:{tamimi}" not in keys  # a word's own first letter is no initial beside it
    (query,) = parse_name("O. Q. al-Tamimi")[:1]
    assert {k for k in query_keys([query]) if k.startswith("i:")} == {
        f"i:o:{tamimi}",
        f"i:q:{tamimi}",
    }
    # a query without initials looks up no initial keys
    (plain,) = parse_name("Omar al-Tamimi")[:1]
    assert not any(k.startswith("i:") for k in query_keys([plain]))


def test_a_rare_birth_date_brings_in_a_subject_the_name_alone_does_not_find() -> None:
    # 'Ahmed' is all the alias shares with the listed name, and many listed persons have it
    records = [*_many_named("Ahmed", 60, "1970-01-01")]
    records.append(IndexRecord(800, "Person", ("Ahmed Deghmoun",), ("1967-01-17",), ("DZ",)))
    index = MatchIndex.build(records)
    alias = "Abdelillah Ahmed Said"
    assert 800 not in _ids(index, Query("q", (alias,), "Person"))
    with_date = Query("q", (alias,), "Person", birth_date="1967-01-17", nationalities=("DZ",))
    assert 800 in _ids(index, with_date)
    # found, but a weak name still scores low: the date does not make it a hit
    (match,) = [m for m in index.search(with_date, limit=10) if m.subject_id == 800]
    assert match.score < 0.5


def test_only_a_full_birth_date_is_looked_up() -> None:
    records = [*_many_named("Ahmed", 60, "1970-01-01")]
    records.append(IndexRecord(801, "Person", ("Ahmed Kony",), ("1994-03-02",), ("UG",)))
    index = MatchIndex.build(records)
    # a year with a nationality singles out too little to bring a weak name in
    year = Query("q", ("Ahmed Lalobo",), "Person", birth_date="1994", nationalities=("UG",))
    assert query_fact_keys(prepare_query(year)) == []
    assert 801 not in _ids(index, year)
    day = Query("q", ("Ahmed Lalobo",), "Person", birth_date="1994-03-02", nationalities=("UG",))
    assert query_fact_keys(prepare_query(day)) == ["f:1994-03-02"]
    assert 801 in _ids(index, day)


def test_a_birth_date_many_records_share_brings_none_in() -> None:
    crowd = _many_named("Hassan", MAX_FACT_ROWS + 5, "1980-01-01")
    crowd.append(IndexRecord(802, "Person", ("Ali Kony",), ("1980-01-01",)))
    index = MatchIndex.build(crowd)
    query = Query("q", ("Lalobo Bashir",), "Person", birth_date="1980-01-01")
    wide = MAX_FACT_ROWS + 10
    assert 802 not in _ids(index, query, wide)
    few = MatchIndex.build([*crowd[: MAX_FACT_ROWS - 5], crowd[-1]])
    assert 802 in _ids(few, query, wide)


def test_a_removed_subject_is_not_brought_back_by_its_birth_date() -> None:
    records = [
        IndexRecord(1, "Person", ("Ahmed Deghmoun",), ("1967-01-17",)),
        IndexRecord(2, "Person", ("Karim Yasin",), ("1970-05-05",)),
    ]
    index = MatchIndex.build(records).with_changes([], [1])
    query = Query("q", ("Said Abdelillah",), "Person", birth_date="1967-01-17")
    assert 1 not in _ids(index, query)
