"""The automated quality checks a compliance reviewer sees on a listing submitted for
sharing. Pure functions of the listing, its subject and the day: no store, no clock.

Each check answers pass or fail with a message for the reviewer; a failed check does not
decide anything (the reviewer does), it says what to look at.
"""

from __future__ import annotations

from datetime import date

from ictd.model.compliance import QualityCheck
from ictd.model.listing import Action, Listing
from ictd.model.schema import IDENTIFIER_PROPERTIES, PROPERTIES, Schema
from ictd.model.subject import Subject
from ictd.model.value import clean_value, normalize_identifier, parse_date

__all__ = ["CHECKS", "quality_checks"]

MIN_LEGAL_BASIS = 8  # characters: "Art. 5" is not a legal basis, "UNSCR 2253 (2015)" is
MAX_AGE_YEARS = 110
MIN_AGE_YEARS = 10
ORGANISATION_CATEGORIES = frozenset({"terrorist-organisation"})
PERSON_ACTIONS = frozenset({Action.ARREST, Action.REFUSE_ENTRY})
FREEZE_CATEGORIES = frozenset(
    {
        "terrorist",
        "terrorist-organisation",
        "financier",
        "facilitator",
        "sanctioned",
        "drug-trafficking-financier",
    }
)
INTEREST_ACTIONS = frozenset(
    {Action.DISCREET_CHECK, Action.LOCATE_AND_INFORM, Action.INFORMATION_ONLY}
)
IDENTIFIER_LENGTH = (3, 35)


def check_legal_basis(listing: Listing, subject: Subject, today: date) -> QualityCheck:
    basis = (listing.legal_basis or "").strip()
    if not basis:
        return QualityCheck("legal-basis", False, "no legal basis is given")
    if len(basis) < MIN_LEGAL_BASIS:
        return QualityCheck("legal-basis", False, f"the legal basis {basis!r} is too short")
    return QualityCheck("legal-basis", True, "a legal basis is given")


def check_evidence(listing: Listing, subject: Subject, today: date) -> QualityCheck:
    """An evidence summary: the listing's notes, or the subject's analytical material."""
    summary = (listing.notes or "").strip() or " ".join(subject.values("analysis")).strip()
    if not summary:
        return QualityCheck(
            "evidence-summary", False, "no evidence summary (listing notes or analysis)"
        )
    grading = f"graded {listing.reliability}{listing.accuracy}"
    if listing.reliability == "X" and listing.accuracy == 4:
        return QualityCheck("evidence-summary", True, f"summary given, {grading} (ungraded)")
    return QualityCheck("evidence-summary", True, f"summary given, {grading}")


def category_misfits(listing: Listing, subject: Subject) -> list[str]:
    """What does not fit between the category, the requested actions and the subject."""
    out: list[str] = []
    actions = set(listing.actions)
    if listing.category in ORGANISATION_CATEGORIES and subject.is_person:
        out.append(f"category {listing.category} on a person")
    if not subject.is_person:
        out.extend(f"{a.value} asked on a {subject.schema.value}" for a in PERSON_ACTIONS & actions)
    if Action.FREEZE_ASSETS in actions and listing.category not in FREEZE_CATEGORIES:
        out.append(f"freeze-assets does not fit category {listing.category}")
    if listing.category == "person-of-interest":
        out.extend(
            f"{a.value} asked on a person of interest" for a in sorted(actions - INTEREST_ACTIONS)
        )
    if Action.INFORMATION_ONLY in actions and len(actions) > 1:
        out.append("information-only together with an action")
    return out


def check_category(listing: Listing, subject: Subject, today: date) -> QualityCheck:
    misfits = category_misfits(listing, subject)
    if misfits:
        return QualityCheck("category-action", False, "; ".join(misfits))
    acts = ", ".join(a.value for a in listing.actions)
    return QualityCheck("category-action", True, f"{listing.category} fits {acts}")


def check_birth_dates(listing: Listing, subject: Subject, today: date) -> QualityCheck:
    if not subject.is_person:
        return QualityCheck("birth-dates", True, "not a person")
    values = subject.values("birthDate")
    if not values:
        return QualityCheck("birth-dates", True, "no birth date stated")
    problems: list[str] = []
    oldest = date(today.year - MAX_AGE_YEARS, 1, 1)
    youngest = date(today.year - MIN_AGE_YEARS, today.month, 1)
    for value in values:
        try:
            when = parse_date(value)
        except ValueError as err:
            problems.append(str(err))
            continue
        if when.earliest > today:
            problems.append(f"{value} is in the future")
        elif when.latest < oldest:
            problems.append(f"{value} is more than {MAX_AGE_YEARS} years ago")
        elif when.earliest > youngest:
            problems.append(f"{value} makes the person younger than {MIN_AGE_YEARS}")
    if problems:
        return QualityCheck("birth-dates", False, "; ".join(problems))
    return QualityCheck("birth-dates", True, f"{len(values)} plausible birth date(s)")


def imo_is_valid(text: str) -> bool:
    """An IMO ship number: seven digits whose last is the weighted sum of the first six
    (weights 7 to 2) modulo 10; ``IMO 9074729`` is valid."""
    digits = normalize_identifier(text).removeprefix("IMO")
    if len(digits) != 7 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:6], range(7, 1, -1), strict=True))
    return total % 10 == int(digits[6])


def identifier_problems(subject: Subject) -> list[str]:
    out: list[str] = []
    low, high = IDENTIFIER_LENGTH
    for stmt in subject.active:
        if stmt.prop not in IDENTIFIER_PROPERTIES:
            continue
        try:
            _, norm, _ = clean_value(PROPERTIES[stmt.prop], stmt.value, stmt.qualifier)
        except ValueError as err:
            out.append(f"{stmt.prop}: {err}")
            continue
        if stmt.prop == "imoNumber" and not imo_is_valid(stmt.value):
            out.append(f"imoNumber {stmt.value!r} fails its check digit")
        elif not low <= len(norm) <= high:
            out.append(f"{stmt.prop} {stmt.value!r} has {len(norm)} letters and digits")
    return out


def check_identifiers(listing: Listing, subject: Subject, today: date) -> QualityCheck:
    problems = identifier_problems(subject)
    if problems:
        return QualityCheck("identifiers", False, "; ".join(problems))
    count = sum(1 for s in subject.active if s.prop in IDENTIFIER_PROPERTIES)
    return QualityCheck("identifiers", True, f"{count} well-formed identifier(s)")


_DISCRIMINATING: dict[Schema, tuple[str, ...]] = {
    Schema.PERSON: ("birthDate", "nationality", "passportNumber", "idNumber", "birthPlace"),
    Schema.ORGANIZATION: ("country", "jurisdiction", "registrationNumber", "address"),
    Schema.COMPANY: ("country", "jurisdiction", "registrationNumber", "taxNumber", "address"),
    Schema.VESSEL: ("imoNumber", "callSign", "flag"),
    Schema.AIRCRAFT: ("registrationNumber", "callSign", "flag", "model"),
}


def check_identifying(listing: Listing, subject: Subject, today: date) -> QualityCheck:
    """Actionable: a name and at least one fact that tells this subject from namesakes
    (a person's birth date, nationality or document; an organisation's country or number)."""
    if not subject.names:
        return QualityCheck("identifying-data", False, "the subject has no name")
    props = _DISCRIMINATING.get(subject.schema, ())
    found = [p for p in props if subject.values(p)] + [
        p for p in IDENTIFIER_PROPERTIES if p not in props and subject.values(p)
    ]
    if not found:
        wanted = ", ".join(props)
        return QualityCheck(
            "identifying-data", False, f"a name only: a screener cannot tell namesakes ({wanted})"
        )
    return QualityCheck("identifying-data", True, f"a name and {', '.join(found)}")


CHECKS = (
    check_legal_basis,
    check_evidence,
    check_category,
    check_birth_dates,
    check_identifiers,
    check_identifying,
)


def quality_checks(listing: Listing, subject: Subject, today: date) -> tuple[QualityCheck, ...]:
    """Every automated check of ``listing`` on ``subject``, in a fixed order."""
    return tuple(check(listing, subject, today) for check in CHECKS)
