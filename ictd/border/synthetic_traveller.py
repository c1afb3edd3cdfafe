"""Synthetic travellers for demo manifests: multilingual names in MRZ form, documents.

Names come from ``ictd.demo``'s naming cultures; each traveller's name is written the way
their passport's MRZ would carry it — Cyrillic names in ICAO transliteration, some Arabic
names in ICAO's reversible Arabic transliteration, the rest in their usual Latin spelling —
upper case, ``<`` for spaces, cut at 39 characters.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from ictd.border.transliteration import mrz_transliterate
from ictd.demo.culture import Culture
from ictd.demo.cultures import CULTURES
from ictd.demo.draw import pick
from ictd.demo.identifiers import make_passport
from ictd.demo.naming import compose_name

__all__ = [
    "MRZ_NAME_WIDTH",
    "PlantedTraveller",
    "SyntheticTraveller",
    "make_traveller",
    "planted_traveller",
]

MRZ_NAME_WIDTH = 39
# who flies: many Western travellers, and every culture of the demo data
_TRAVELLER_CULTURES = (
    ("western-en", 14), ("western-fr", 10), ("western-de", 10), ("western-es", 6),
    ("western-it", 6), ("western-nl", 4), ("western-sv", 3), ("arabic-gulf", 6),
    ("arabic-levant", 6), ("arabic-maghreb", 6), ("arabic-iraq", 4), ("persian", 4),
    ("pakistani", 5), ("afghan", 2), ("russian", 5), ("chechen", 2), ("central-asian", 3),
    ("chinese", 5), ("somali", 2), ("hausa", 2),
)  # fmt: skip
_CODES = tuple(code for code, weight in _TRAVELLER_CULTURES for _ in range(weight))


@dataclass(frozen=True, slots=True)
class PlantedTraveller:
    """A person to put on a demo flight (a listed subject, say), as their document says.

    Names may be in Latin, Arabic or Cyrillic script; ``issuing_state`` defaults to the
    nationality (alpha-2 codes).
    """

    surname: str
    given_names: str
    birth_date: date
    nationality: str
    document_number: str
    gender: str | None = None
    document_type: str = "P"
    issuing_state: str | None = None


@dataclass(frozen=True, slots=True)
class SyntheticTraveller:
    """A traveller ready to be written: ``mrz_name`` is the full 39-character name field."""

    mrz_name: str
    birth_date: date
    gender: str | None
    nationality: str
    document_type: str
    document_number: str
    issuing_state: str
    expiry: date
    planted: bool = False

    @property
    def surname(self) -> str:
        return self.mrz_name.partition("<<")[0].replace("<", " ")

    @property
    def given_names(self) -> str:
        return " ".join(self.mrz_name.partition("<<")[2].replace("<", " ").split())


def _native_parts(culture: Culture, rng: random.Random, gender: str) -> tuple[str, str, bool]:
    """Surname, given names and whether they are in native script (to transliterate)."""
    name = compose_name(rng, culture, gender)
    parts = [name.parts[i] for i in name.forms[0]]
    family = parts[0] if culture.structure == "chinese" else parts[-1]
    given = parts[1:] if culture.structure == "chinese" else parts[:-1]
    native = culture.script == "Cyrl" or (culture.script == "Arab" and rng.random() < 0.3)
    if native:
        return family.native, " ".join(p.native for p in given), True
    return family.primary, " ".join(p.primary for p in given), False


def make_traveller(rng: random.Random, departure: date) -> SyntheticTraveller:
    """A random traveller of a random culture, adult or child, with a valid passport."""
    culture = CULTURES[pick(rng, _CODES)]
    gender = "male" if rng.random() < 0.55 else "female"
    surname, given, _ = _native_parts(culture, rng, gender)
    nationality = pick(rng, culture.countries)
    birth = departure - timedelta(days=rng.randint(2 * 365, 85 * 365))
    return SyntheticTraveller(
        mrz_name=mrz_transliterate(surname, given, MRZ_NAME_WIDTH),
        birth_date=birth,
        gender=gender,
        nationality=nationality,
        document_type="P",
        document_number=make_passport(rng, nationality).replace(" ", ""),
        issuing_state=nationality,
        expiry=departure + timedelta(days=rng.randint(30, 10 * 365)),
    )


def planted_traveller(
    rng: random.Random, person: PlantedTraveller, departure: date
) -> SyntheticTraveller:
    """A planted person as a traveller: their name in MRZ transliteration."""
    return SyntheticTraveller(
        mrz_name=mrz_transliterate(person.surname, person.given_names, MRZ_NAME_WIDTH),
        birth_date=person.birth_date,
        gender=person.gender,
        nationality=person.nationality,
        document_type=person.document_type,
        document_number=person.document_number,
        issuing_state=person.issuing_state or person.nationality,
        expiry=departure + timedelta(days=rng.randint(200, 3000)),
        planted=True,
    )
