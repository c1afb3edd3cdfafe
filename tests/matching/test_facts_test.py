"""The facts test before names, written out for speed, gives what its parts give.

``prune.reachable`` keeps, per candidate, what ``_with_facts`` (the step it shares with
``score_bounds``) decides from the log-odds with the best names, and fills the memo with
the same entries; ``dob_verdicts`` gives what ``_best_dates`` chooses; ``index._facts``
gives each row's ``facts_of`` with its identifiers only where the row holds one of the
query's. Candidates are every record of a small index, against manifest-like queries
(a name, a birth date, a nationality, a gender and a document, some the record's own) and
names-only ones.
"""

from __future__ import annotations

from itertools import islice

import numpy as np
import pytest

from ictd.bench.screening import records
from ictd.matching import DEFAULT_THRESHOLD, Identifier, IndexRecord, MatchIndex, Query
from ictd.matching.features import _best_dates, dob_verdicts
from ictd.matching.index import _facts
from ictd.matching.prune import (
    _DOB_FIRST,
    BIAS,
    MARGIN,
    NAME_CEILING,
    FactsMemo,
    _floor,
    _memo_key,
    _with_facts,
    query_ceilings,
    reachable,
)
from ictd.matching.record import Prepared, prepare_query
from ictd.matching.segment import Segment
from ictd.model import parse_date

SHARED = [  # two records with the very same facts (one facts object), one with a document
    IndexRecord(9101, "Person", ("Omar Haddad",), ("1980-02-03",), ("JO",), "male"),
    IndexRecord(9102, "Person", ("Omar Hadad",), ("1980-02-03",), ("JO",), "male"),
    IndexRecord(
        9103,
        "Person",
        ("Omar Haddad",),
        ("1980-02-03",),
        ("JO",),
        "male",
        (Identifier("P1234567", "JO", "passportNumber"),),
    ),
    IndexRecord(9104, "Company", ("Haddad Trading",), nationalities=("JO",)),
    IndexRecord(9105, "Person", ("Omar Haddad",), ("1980", "1980-02-03")),
]


RECORDS = [*islice(records(500, seed=21), 500), *SHARED]


@pytest.fixture(scope="module")
def segment() -> Segment:
    return MatchIndex.build(RECORDS)._base


def _queries(count: int, seed: int) -> list[Query]:
    """Travellers: a record's name and facts (some changed), its document or another."""
    rng = np.random.default_rng(seed)
    people = [r for r in RECORDS if r.schema == "Person" and r.names]
    out = []
    for n in range(count):
        rec = people[int(rng.integers(len(people)))]
        dob = (
            rec.birth_dates[0]
            if rec.birth_dates and n % 3
            else f"19{50 + n % 50}-0{1 + n % 9}-1{n % 10}"
        )
        ident = rec.identifiers[0] if rec.identifiers else Identifier("X1234567", "DE")
        if n % 2:
            ident = Identifier(f"Z{n:07d}", ident.country, ident.type)
        out.append(
            Query(
                f"t{n}",
                names=(rec.names[0],),
                schema="Person",
                birth_date=dob,
                nationalities=rec.nationalities[:1] or ("FR",),
                gender=rec.gender or ("male", "female")[n % 2],
                identifiers=(ident,),
            )
        )
    passport = Identifier("P1234567", "JO", "passportNumber")
    out.append(
        Query(
            "p1",
            names=("Omar Haddad",),
            birth_date="1980-02-03",
            nationalities=("JO",),
            gender="m",
            identifiers=(passport,),
        )
    )
    out.append(Query("i1", identifiers=(passport,)))
    out.append(Query("n1", names=("Omar Haddad",)))
    out.append(Query("n2", names=("Haddad Trading",), schema="Company"))
    return out


def _reference(
    query: Prepared, facts: list[Prepared], memo: FactsMemo, threshold: float
) -> list[bool]:
    """``reachable`` as each candidate's ``_with_facts``, one call each."""
    floor, _ = _floor(threshold)
    per_function, tops = query_ceilings(query)
    base = BIAS + MARGIN + (NAME_CEILING if query.names else 0.0)
    out = []
    for fact in facts:
        key = _memo_key(query, fact)
        found = _with_facts(query, fact, memo, base, per_function, tops, floor, key)
        out.append(found is not None and found >= floor)
    return out


@pytest.mark.parametrize("threshold", [DEFAULT_THRESHOLD, 0.7, 0.2])
def test_reachable_equals_each_candidates_step(segment: Segment, threshold: float) -> None:
    rows = list(range(len(segment)))
    kept = dropped = 0
    for query in _queries(60, seed=3):
        prepared = prepare_query(query)
        facts = _facts(segment, rows, prepared)
        assert len({id(f) for f in facts}) < len(facts)  # shared facts: memo hits
        memo: FactsMemo = {}
        want_memo: FactsMemo = {}
        got = reachable(prepared, facts, memo, threshold)
        want = _reference(prepared, facts, want_memo, threshold)
        assert got == want, query.id
        assert memo == want_memo, query.id
        kept += sum(got)
        dropped += len(got) - sum(got)
    assert kept > 60 and dropped > 10_000


def test_reachable_tests_birth_dates_first_at_any_threshold(segment: Segment) -> None:
    """The birth dates tested before the other facts (``_DOB_FIRST``: one date a side) drop
    the candidates ``_with_facts`` drops, at thresholds all along the way."""
    assert _DOB_FIRST  # the birth dates are the first fact function, their weights kind-free
    rows = list(range(len(segment)))
    queries = [prepare_query(q) for q in _queries(12, seed=6)]
    for threshold in np.linspace(0.01, 0.99, 34).tolist():
        for prepared in queries:
            facts = _facts(segment, rows, prepared)
            memo: FactsMemo = {}
            want_memo: FactsMemo = {}
            got = reachable(prepared, facts, memo, threshold)
            assert got == _reference(prepared, facts, want_memo, threshold), threshold
            assert memo == want_memo


def test_reachable_with_a_memo_filled_before(segment: Segment) -> None:
    """The memo ``score_bounds`` shares: entries found there are used as they are."""
    rows = list(range(len(segment)))
    for query in _queries(20, seed=4):
        prepared = prepare_query(query)
        facts = _facts(segment, rows, prepared)
        memo: FactsMemo = {}
        want_memo: FactsMemo = {}
        _reference(prepared, facts[::2], memo, 0.2)  # a lower threshold: more entries
        _reference(prepared, facts[::2], want_memo, 0.2)
        got = reachable(prepared, facts, memo, DEFAULT_THRESHOLD)
        assert got == _reference(prepared, facts, want_memo, DEFAULT_THRESHOLD)
        assert memo == want_memo


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ((), ()),
        (("1980-02-03",), ()),
        ((), ("1980",)),
        (("1980-02-03",), ("1980-03-02",)),
        (("1980-02-03",), ("1981",)),
        (("1980-02-03",), ("1980", "1975-05-06")),
        (("1980-02", "1979"), ("1980-02-03",)),
        (("1980-02", "1979"), ("1979-12-31", "1990")),
    ],
)
def test_birth_date_verdicts_are_the_best_pairs(
    ours: tuple[str, ...], theirs: tuple[str, ...]
) -> None:
    query = Prepared(schema="Person", names=(), birth_dates=tuple(map(parse_date, ours)))
    record = Prepared(schema="Person", names=(), birth_dates=tuple(map(parse_date, theirs)))
    best = _best_dates(query, record)
    assert dob_verdicts(query, record) == ([] if best is None else [best[0]])


def test_facts_carry_identifiers_only_for_their_holders(segment: Segment) -> None:
    rows = list(range(len(segment)))
    holder = segment.row_of(9103)
    assert holder is not None
    for query in _queries(30, seed=5):
        prepared = prepare_query(query)
        held = {r for norm in prepared.identifiers for r in segment.identifier_rows(norm).tolist()}
        got = _facts(segment, rows, prepared)
        assert got == [segment.table.facts_of(row, row in held) for row in rows]
        if query.id == "p1":
            assert got[holder].identifiers and holder in held
        assert all(got[r] is segment.table.facts_of(r, False) for r in rows if r not in held)
