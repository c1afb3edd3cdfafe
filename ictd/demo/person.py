"""Synthetic persons: a multilingual name with aliases, birth date, nationality, documents.

``make_person`` returns the built ``Subject`` and its *truth*: spellings of the same name
that are not stated on the subject (other transliterations, other orders, the native
script when it is not stated) — the queries a screener might type for this person.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ictd.demo.builder import SubjectBuilder
from ictd.demo.culture import Culture
from ictd.demo.cultures import DIASPORA
from ictd.demo.cultures.arabic import ABU, ARABIC_CULTURES
from ictd.demo.draw import pick
from ictd.demo.identifiers import make_id_number, make_passport
from ictd.demo.naming import PersonName, compose_name
from ictd.demo.places import make_address, pick_city
from ictd.model.schema import Schema
from ictd.model.subject import Subject

__all__ = ["PersonDraft", "make_person"]

_ARABIC_MALE = ARABIC_CULTURES[0].male
# nom de guerre of Western recruits: Abu X al-<demonym>
_DEMONYMS = {
    "FR": "al-Faransi", "BE": "al-Beljiki", "DE": "al-Almani", "GB": "al-Britani",
    "NL": "al-Hollandi", "ES": "al-Isbani", "SE": "al-Swedi", "AT": "al-Nimsawi",
}  # fmt: skip
_ALIAS_COUNTS = (0, 0, 1, 1, 1, 2, 2, 3)


@dataclass(frozen=True, slots=True)
class PersonDraft:
    """A built person with the facts the network builder needs."""

    subject: Subject
    truth: tuple[str, ...]
    name: PersonName
    nationality: str
    birth_year: int


def _birth_date(rng: random.Random, year: int) -> str:
    """A birth date at day, month or year precision, or a range of years."""
    roll = rng.random()
    if roll < 0.6:
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if roll < 0.7:
        return f"{year}-{rng.randint(1, 12):02d}"
    if roll < 0.9:
        return str(year)
    return f"{year - rng.randint(1, 2)}/{year + rng.randint(0, 2)}"


def _nationalities(rng: random.Random, culture: Culture) -> list[str]:
    first = pick(rng, culture.countries)
    diaspora = DIASPORA.get(culture.code)
    if diaspora and rng.random() < 0.12:
        second = pick(rng, diaspora)
        return [first, second] if rng.random() < 0.6 else [second]
    return [first]


def _names(rng: random.Random, b: SubjectBuilder, name: PersonName, lang: str | None) -> list[str]:
    """State name, native name and aliases; return the unstated spellings (the truth)."""
    b.add("name", name.primary(rng))
    native = name.native
    native_stated = lang is not None and rng.random() < 0.75
    if native_stated:
        b.add("originalScriptName", native, lang=lang)
    aliases = pick(rng, _ALIAS_COUNTS)
    candidates: dict[str, str] = {}
    for _ in range(aliases + 5):
        spelling = name.variant(rng)
        key = spelling.casefold()
        if key not in candidates and key not in b.names:
            candidates[key] = spelling
    spellings = list(candidates.values())
    aliases = max(0, min(aliases, len(spellings) - 1))
    for spelling in spellings[:aliases]:
        b.add("alias", spelling)
    out = spellings[aliases : aliases + 4]
    if lang is not None and not native_stated:
        out.append(native)
    return out


def _nickname(rng: random.Random, b: SubjectBuilder, name: PersonName, nationality: str) -> None:
    """A kunya (``Abu Muhammad``) for Arabic-named men, a nom de guerre for Western recruits."""
    son = pick(rng, _ARABIC_MALE)
    abu = f"{pick(rng, ABU.latin[:2])} {pick(rng, son.latin[:2])}"
    if name.culture.structure == "arabic":
        family = name.parts[-1].latin[0]
        b.add("alias", abu if rng.random() < 0.5 else f"{abu} {family}")
    elif name.culture.structure == "western" and nationality in _DEMONYMS:
        b.add("weakAlias", f"{abu} {_DEMONYMS[nationality]}")


def make_person(
    rng: random.Random, culture: Culture, gender: str | None = None, fighter: bool = False
) -> PersonDraft:
    """A synthetic person of ``culture``; ``fighter`` makes a nickname more likely."""
    gender = gender or ("male" if rng.random() < 0.8 else "female")
    name = compose_name(rng, culture, gender)
    b = SubjectBuilder(Schema.PERSON)
    truth = _names(rng, b, name, None if culture.is_latin else culture.lang)
    nationalities = _nationalities(rng, culture)
    if gender == "male" and rng.random() < (0.6 if fighter else 0.1):
        _nickname(rng, b, name, nationalities[0])
    year = rng.randint(1955, 2006)
    b.add("birthDate", _birth_date(rng, year))
    if rng.random() < 0.05:
        b.add("birthDate", _birth_date(rng, year + pick(rng, (-1, 1))))
    if rng.random() < 0.4:
        b.add("birthPlace", pick_city(rng, nationalities[0]))
    for country in nationalities:
        b.add("nationality", country)
    b.add("gender", gender)
    _documents(rng, b, nationalities)
    return PersonDraft(b.build(), tuple(truth), name, nationalities[0], year)


def _documents(rng: random.Random, b: SubjectBuilder, nationalities: list[str]) -> None:
    """Passport and national ID numbers with their issuing country; an address for some."""
    country = nationalities[-1]
    if rng.random() < 0.45:
        b.add("passportNumber", make_passport(rng, country), qualifier=country)
    if rng.random() < 0.3:
        birth = next((s.value for s in b.statements if s.prop == "birthDate"), None)
        b.add("idNumber", make_id_number(rng, country, birth), qualifier=country)
    if rng.random() < 0.3:
        b.add("address", make_address(rng, country), qualifier=country)
