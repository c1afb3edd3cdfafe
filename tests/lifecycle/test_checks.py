"""The automated quality checks shown to compliance reviewers: pure functions of a listing,
its subject and the day."""

from __future__ import annotations

from datetime import date

import pytest

from ictd.lifecycle.checks import imo_is_valid, quality_checks
from ictd.model import Action, Listing, Schema, Statement, Subject
from ictd.model.compliance import parse_categories

TODAY = date(2026, 11, 28)


def _subject(schema: Schema = Schema.PERSON, **props: str | list[str]) -> Subject:
    stmts: list[Statement] = []
    for prop, values in props.items():
        for value in [values] if isinstance(values, str) else values:
            stmts.append(Statement(prop=prop, value=value, norm=value.casefold()))
    return Subject(schema=schema, id=1, agency="AAA", statements=tuple(stmts))


def _listing(**changes: object) -> Listing:
    base = Listing(
        subject_id=1,
        category="terrorist",
        actions=(Action.ARREST,),
        agency="AAA",
        legal_basis="Criminal Code s. 83.18",
        notes="Two sources, 2015.",
        reliability="B",
        accuracy=2,
    )
    return base.copy_with(**changes)


def _failed(listing: Listing, subject: Subject) -> dict[str, str]:
    return {c.name: c.message for c in quality_checks(listing, subject, TODAY) if not c.passed}


GOOD = _subject(name="Abu Example", birthDate="1980-02-01", passportNumber="N1234567")


def test_a_complete_listing_passes_every_check() -> None:
    checks = quality_checks(_listing(), GOOD, TODAY)
    assert [c.passed for c in checks] == [True] * 6


@pytest.mark.parametrize(
    ("changes", "failed"),
    [
        ({"legal_basis": None}, "legal-basis"),
        ({"legal_basis": "Art. 5"}, "legal-basis"),
        ({"notes": None}, "evidence-summary"),
        ({"category": "person-of-interest"}, "category-action"),  # arrest on mere interest
        ({"category": "person-of-interest", "actions": (Action.FREEZE_ASSETS,)}, "category-action"),
        ({"category": "terrorist-organisation"}, "category-action"),  # on a person
        ({"actions": (Action.INFORMATION_ONLY, Action.ARREST)}, "category-action"),
    ],
)
def test_listing_checks_fail_on_what_is_missing(changes: dict[str, object], failed: str) -> None:
    assert list(_failed(_listing(**changes), GOOD)) == [failed]


def test_evidence_may_be_the_subjects_analysis() -> None:
    subject = _subject(name="Abu Example", birthDate="1980", analysis="Financier since 2014.")
    assert _failed(_listing(notes=None), subject) == {}


@pytest.mark.parametrize(
    ("birth", "word"),
    [
        ("2030", "future"),
        ("1890", "110 years"),
        ("2020-05-01", "younger than 10"),
        ("1980-02-30", "out of range"),
    ],
)
def test_implausible_birth_dates(birth: str, word: str) -> None:
    subject = _subject(name="Abu Example", birthDate=["1980", birth], nationality="SY")
    failed = _failed(_listing(), subject)
    assert list(failed) == ["birth-dates"] and word in failed["birth-dates"]


def test_identifiers_must_be_well_formed() -> None:
    subject = _subject(name="Abu Example", birthDate="1980", passportNumber=["N1", "--"])
    failed = _failed(_listing(), subject)
    assert list(failed) == ["identifiers"]
    assert "2 letters and digits" in failed["identifiers"] and "no letters" in failed["identifiers"]


def test_imo_numbers_carry_a_check_digit() -> None:
    assert imo_is_valid("IMO 9074729") and imo_is_valid("9074729")
    assert not imo_is_valid("9074728") and not imo_is_valid("907472")
    vessel = _subject(Schema.VESSEL, name="Sea Star", imoNumber="9074728")
    listing = _listing(category="sanctioned", actions=(Action.FREEZE_ASSETS,))
    assert list(_failed(listing, vessel)) == ["identifiers"]


def test_a_name_alone_is_not_actionable() -> None:
    failed = _failed(_listing(), _subject(name="Mohammed"))
    assert list(failed) == ["identifying-data"]
    org = _subject(Schema.ORGANIZATION, name="Al-Example Brigade", country="SY")
    assert (
        _failed(_listing(category="terrorist-organisation", actions=(Action.FREEZE_ASSETS,)), org)
        == {}
    )
    assert list(_failed(_listing(actions=(Action.ARREST,)), org)) == ["category-action"]


def test_urgent_categories_are_listing_categories() -> None:
    assert parse_categories(" terrorist, foreign-terrorist-fighter ,") == {
        "terrorist",
        "foreign-terrorist-fighter",
    }
    with pytest.raises(ValueError, match="villain"):
        parse_categories("terrorist,villain")
