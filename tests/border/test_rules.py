"""The risk-rule language (``ictd.border.rules``): errors with columns, types, evaluation."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ictd.border import generate_flights, parse_interchange
from ictd.border.rules import (
    FIELDS,
    CompiledRule,
    Facts,
    compile_rule,
    format_rule,
    parse_rule,
)
from ictd.border.rules.evaluator import RuleSet
from ictd.border.rules.facts import MessageFacts
from ictd.border.rules.syntax import And, Between, Compare, Contains, Flag, InList, Missing, Not, Or
from ictd.exc import InvalidInput

EXAMPLE = (
    'origin.country in ["TR","SY"] and age between 18 and 35 and payment == "cash" '
    "and days_booked_before_departure < 3"
)
TRAVELLER = Facts(
    origin_port="IST",
    origin_country="TR",
    destination_country="DE",
    transit_country=("AT", "HU"),
    age=24,
    payment="cash",
    days_booked_before_departure=1,
    one_way=True,
    nationality="SY",
    document_expiry=date(2024, 6, 1),
)


def _error(source: str) -> str:
    with pytest.raises(InvalidInput) as exc:
        compile_rule(source)
    assert all(e.field == "source" for e in exc.value.errors)
    return exc.value.errors[0].message


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("", "column 1: the rule is empty"),
        ("origin.country == ", "column 19: expected a value after '==', found the end of the rule"),
        ("age = 3", "column 5: unexpected '='; compare with =="),
        ("age in [1, 2", "column 13: expected ',' or ']', found the end of the rule"),
        ("(age < 3", "column 9: expected ')', found the end of the rule"),
        ("age < 3 payment", "column 9: expected and/or, found 'payment'"),
        ('payment == "cash', "column 12: string not closed (or a bad \\ escape)"),
        ("age between 3 4", "column 15: expected 'and' between the two values, found '4'"),
        ("and", "column 1: expected a field name, found 'and'"),
        ("age < 2024-13-01", "column 7: 2024-13-01 is not a date"),
        ("age is present", "column 8: expected 'missing' after 'is', found 'present'"),
        ("age @ 3", "column 5: unexpected '@'"),
    ],
)
def test_parse_errors_name_the_column(source: str, message: str) -> None:
    assert _error(source) == message


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("agee < 3", "column 1: unknown field 'agee'; did you mean age?"),
        ('age > "x"', "column 1: age is a number field, not compared with a text"),
        (
            'origin.country < "TR"',
            "column 1: origin.country is a text field: < does not apply"
            " (use != ==)",
        ),
        (
            "one_way and nationality",
            "column 13: nationality is a text field: compare it with a"
            " value",
        ),
        (
            'transit.country == "TR"',
            "column 1: transit.country is a list field: == does not"
            " apply (use in, not in or contains)",
        ),
        ("age contains 3", "column 1: age is a number field: contains needs a list field"),
        (
            'payment between "a" and "b"',
            "column 1: payment is a text field: between needs a number"
            " or date",
        ),
        ("age between 40 and 18", "column 1: age: between 40 and 18 is empty"),
        (
            "one_way in [true]",
            "column 1: one_way is a yes/no field: compare it with =="
            " true or false",
        ),
        (
            "document.expiry < 3",
            "column 1: document.expiry is a date field, not compared"
            " with a number",
        ),
    ],
)  # fmt: skip
def test_type_errors(source: str, message: str) -> None:
    assert _error(source) == message


def test_all_type_errors_are_reported_at_once() -> None:
    with pytest.raises(InvalidInput) as exc:
        compile_rule('agee < 3 and age == "x"')
    assert [e.message.split(":")[0] for e in exc.value.errors] == ["column 1", "column 14"]


def test_the_issue_example_and_its_explanation() -> None:
    rule = compile_rule(EXAMPLE)
    result = rule.evaluate(TRAVELLER)
    assert result.matched
    assert [(m.field, m.value) for m in result.explanation] == [
        ("origin.country", "TR"),
        ("age", 24),
        ("payment", "cash"),
        ("days_booked_before_departure", 1),
    ]
    assert result.explanation[0].condition == 'origin.country in ["TR", "SY"]'
    assert not rule.matches(Facts(origin_country="TR", age=24, payment="card"))
    assert rule.evaluate(Facts()).to_dict() == {"matched": False, "explanation": []}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('origin.country == "tr"', True),  # text compares without regard to case
        ('origin.country != "TR"', False),
        ('destination.country not in ["DE", "FR"]', False),
        ('nationality in ["SY", "IQ"]', True),
        ("age >= 24 and age <= 24", True),
        ("age > 24 or age < 24", False),
        ("age between 25 and 30", False),
        ("age in [18, 24]", True),
        ('transit.country in ["HU"]', True),
        ('transit.country not in ["HU"]', False),
        ('transit.country contains "AT"', True),
        ("one_way", True),
        ("not one_way", False),
        ("one_way == false", False),
        ("document.expiry < 2024-07-01", True),
        ("document.expiry between 2024-01-01 and 2024-05-31", False),
        ("residence is missing", True),
        ("age is not missing", True),
        ('residence == "DE"', False),  # unknown values satisfy nothing …
        ('residence != "DE"', False),  # … not even !=
        ('not (residence == "DE")', True),
        ("document_hit", False),
        ("segments <= 3", False),  # segments unknown: no condition on it holds …
        ("not segments > 3", True),  # … so ``not`` of one does (two-valued logic)
        ('age < 18 or (payment == "cash" and not segments is not missing)', True),
    ],
)
def test_truth_table(source: str, expected: bool) -> None:
    rule = compile_rule(source)
    assert rule.matches(TRAVELLER) is expected
    assert rule.evaluate(TRAVELLER).matched is expected


def test_explanation_of_or_and_not() -> None:
    rule = compile_rule('age < 18 or payment == "cash" or nationality == "SY"')
    explanation = rule.evaluate(TRAVELLER).explanation
    assert [m.field for m in explanation] == ["payment", "nationality"]
    negated = compile_rule('not (age < 18 or payment == "card")').evaluate(TRAVELLER).explanation
    assert [(m.field, m.negated) for m in negated] == [("age", True), ("payment", True)]
    assert negated[0].to_dict() == {
        "field": "age", "condition": "age < 18", "value": 24, "negated": True,
    }  # fmt: skip
    listed = compile_rule('transit.country in ["HU"]').evaluate(TRAVELLER).explanation
    assert listed[0].to_dict()["value"] == ["AT", "HU"]


@pytest.mark.parametrize(
    "source",
    [
        EXAMPLE,
        'age < 18 or payment == "cash" or nationality == "SY"',
        'not (age < 18 or payment == "card") and (one_way or not segments > 3)',
        'not (not (age > 18 and nationality == "SY") or residence == "DE")',
        '(age < 18 or age > 20) and (payment == "cash" or payment == "card") and age in [24]',
    ],
)
def test_explanation_from_the_compiled_parts(source: str) -> None:
    """The explanation tests each item of ``and``/``or`` with the predicate compiled with the
    rule: the same as compiling the item on the spot (a rule built without its parts)."""
    rule = compile_rule(source)
    bare = CompiledRule(rule.source, rule.tree, rule.predicate)
    assert rule.matches(TRAVELLER) and bare.matches(TRAVELLER)
    assert rule.explain(TRAVELLER) == bare.evaluate(TRAVELLER) == rule.evaluate(TRAVELLER)
    assert rule.explain(TRAVELLER).explanation


def test_printer() -> None:
    tree = parse_rule('not (a==1 or b  in ["x"]) and (c and d) and e is not missing')
    assert format_rule(tree) == 'not (a == 1 or b in ["x"]) and (c and d) and e is not missing'
    assert format_rule(parse_rule('s == "q\\"uote\\\\"')) == 's == "q\\"uote\\\\"'


# --- properties --------------------------------------------------------------------------------

_NAMES = st.sampled_from(sorted(FIELDS))
_TEXT = st.text(alphabet=st.characters(exclude_characters="\n", codec="utf-8"), max_size=8)
_LITERALS = st.one_of(_TEXT, st.integers(-(10**6), 10**6), st.dates(), st.booleans())


_LISTS = st.lists(_LITERALS, min_size=1, max_size=3).map(tuple)


def _leaves() -> st.SearchStrategy[object]:
    return st.one_of(
        st.builds(Compare, _NAMES, st.sampled_from(["==", "!=", "<", "<=", ">", ">="]), _LITERALS),
        st.builds(Between, _NAMES, _LITERALS, _LITERALS),
        st.builds(
            InList, _NAMES, st.lists(_LITERALS, min_size=1, max_size=3).map(tuple), st.booleans()
        ),
        st.builds(Contains, _NAMES, _LITERALS),
        st.builds(Missing, _NAMES, st.booleans()),
        st.builds(Flag, _NAMES),
    )


_TREES = st.recursive(
    _leaves(),
    lambda inner: st.one_of(
        st.builds(Not, inner),
        st.builds(And, st.lists(inner, min_size=2, max_size=3).map(tuple)),
        st.builds(Or, st.lists(inner, min_size=2, max_size=3).map(tuple)),
    ),
    max_leaves=8,
)


@given(_TREES)
@settings(max_examples=300)
def test_print_then_parse_gives_the_same_tree(tree: object) -> None:
    text = format_rule(tree)  # type: ignore[arg-type]
    assert parse_rule(text) == tree


@given(st.text(max_size=80))
@settings(max_examples=300)
def test_arbitrary_text_raises_only_invalid_input(text: str) -> None:
    try:
        rule = compile_rule(text)
    except InvalidInput as exc:
        assert exc.errors and exc.errors[0].message.startswith("column ")
        return
    assert parse_rule(format_rule(rule.tree)) == rule.tree
    rule.evaluate(TRAVELLER)


_WORDS = st.sampled_from(
    ["age", "payment", "one_way", "and", "or", "not", "(", ")", "in", "[", "]", ",", "==",
     "<", "between", '"cash"', "3", "18", "2024-01-01", "true", "is", "missing", "contains",
     "transit.country", '"TR"']
)  # fmt: skip


@given(st.lists(_WORDS, max_size=14))
@settings(max_examples=500)
def test_token_soup_parses_or_fails_cleanly(words: list[str]) -> None:
    """Near-valid rules exercise the parser far more than random characters."""
    text = " ".join(words)
    try:
        rule = compile_rule(text)
    except InvalidInput as exc:
        assert exc.errors[0].message.startswith("column ")
        return
    assert parse_rule(format_rule(rule.tree)) == rule.tree
    assert rule.evaluate(TRAVELLER).matched == rule.matches(TRAVELLER)


GUARDED = [
    'nationality in ["SY", "IQ", "AF"] and age between 18 and 35',
    'destination.country == "de" and gender == "male"',
    'age > 30 and (payment == "cash" or payment == "invoice") and payment in ["CASH"]',
    'nationality not in ["SY"] and age > 1',  # negated: no guard
    'not nationality == "SY"',  # under not: no guard
    'origin.country == "TR" or transit.country contains "TR"',  # or: no guard
    'transit.country in ["AT"]',  # a list field: no guard
    "age in [24, 25]",  # a number: no guard
    'residence == "DE"',
    'origin.port in ["ist", "FRA"] and one_way',
    'document.country == "Sy" and document.days_valid < 30',
    "co_traveller_listed or co_traveller_document_hit",
    'agency == "01000000" and one_way',
    'nationality == "SY"',
]


def test_a_rule_set_matches_as_each_rule_alone() -> None:
    """``RuleSet`` tests a rule that needs a text value only on travellers with one of its
    values; which rules match, in which order, is what testing every rule gives."""
    programs = [compile_rule(s) for s in GUARDED]
    rules = RuleSet(programs)
    facts = [
        TRAVELLER,
        Facts(),
        Facts(nationality="sy", age=20, payment="Cash", destination_country="DE", gender="male"),
        Facts(origin_port="IST", one_way=True, document_country="SY", document_days_valid=3),
        Facts(nationality="IQ", residence="de", agency="01000000", one_way=True),
    ]
    start = datetime(2026, 3, 1, 8, 0)
    for flight in generate_flights(3, start, flights=4, passengers=80, crew=2):
        for text in (flight.passenger_list, flight.pnr_push):
            for manifest in parse_interchange(text).interchange.manifests:
                shared = MessageFacts(manifest)
                facts += [shared.of(p, co_traveller_listed=True) for p in manifest.passengers]
    hits = 0
    for f in facts:
        expected = [i for i, p in enumerate(programs) if p.matches(f)]
        assert rules.matching(f) == expected
        hits += len(expected)
    assert hits > 100
    assert rules.matching(facts[2]) == [0, 1, 13]  # the case of values does not matter
