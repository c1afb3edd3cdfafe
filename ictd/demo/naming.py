"""Full person names: assemble name parts by culture, then spell them in many ways.

``compose_name`` picks the parts of one person's name in the structure of the culture
(Arabic ``X bin Y al-Z``, Russian first + patronymic + surname, Chinese surname first, …).
A ``PersonName`` renders its native-script form and any number of Latin spellings: each
spelling picks one Latin form per part and one of the name's *forms* (full, shortened,
reordered, ``FAMILY, Given``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ictd.demo.culture import Culture, NamePart
from ictd.demo.cultures.arabic import ABU, BIN
from ictd.demo.cultures.cyrillic import FEMININE, PATRONYMICS
from ictd.demo.draw import below, pick

__all__ = ["COMMA", "PersonName", "compose_name"]

COMMA = -1  # in a form: put a comma after the previous part (``HALABI, Muhammad``)
BINT = NamePart("بنت", ("bint", "bent"))
Form = tuple[int, ...]


@dataclass(frozen=True, slots=True)
class PersonName:
    """The parts of one person's name and the forms in which it is written.

    ``forms[0]`` is the full name in native order; ``native_sep`` joins native parts.
    """

    parts: tuple[NamePart, ...]
    forms: tuple[Form, ...]
    culture: Culture

    @property
    def native(self) -> str:
        """The full name in its native script (Latin cultures: with diacritics)."""
        return self.culture.native_sep.join(self.parts[i].native for i in self.forms[0])

    def spell(self, form: Form, choice: tuple[int, ...]) -> str:
        """One Latin spelling: ``choice[i]`` indexes the Latin forms of part ``i``."""
        out: list[str] = []
        for i in form:
            if i == COMMA:
                out[-1] += ","
            else:
                latin = self.parts[i].latin
                out.append(latin[choice[i]])
        return " ".join(out)

    def primary(self, rng: random.Random) -> str:
        """The spelling for the primary name: full form, favourite spellings."""
        if self.culture.coherent:
            return self._coherent(self.forms[0], 0 if rng.random() < 0.7 else None, rng)
        return self.spell(self.forms[0], tuple(self._pick(rng, p) for p in self.parts))

    def variant(self, rng: random.Random) -> str:
        """A random spelling in a random form: what an alias or a screener's query looks like."""
        rand = rng.random
        form = self.forms[0] if rand() < 0.4 else pick(rng, self.forms)
        if self.culture.coherent:
            return self._coherent(form, None, rng)
        return self.spell(form, tuple(int(rand() * len(p.latin)) for p in self.parts))

    def _coherent(self, form: Form, system: int | None, rng: random.Random) -> str:
        """Spell every part in one system; parts without that many forms use the first."""
        if system is None:
            system = below(rng, max(len(p.latin) for p in self.parts))
        return self.spell(form, tuple(system if system < len(p.latin) else 0 for p in self.parts))

    def _pick(self, rng: random.Random, part: NamePart) -> int:
        if self.culture.prefer and rng.random() < 0.7:
            for i, latin in enumerate(part.latin):
                if any(mark in latin for mark in self.culture.prefer):
                    return i
        return 0 if rng.random() < 0.75 else below(rng, len(part.latin))


def _given(rng: random.Random, culture: Culture, gender: str) -> NamePart:
    return pick(rng, culture.male if gender == "male" else culture.female)


def _arabic(rng: random.Random, c: Culture, gender: str) -> tuple[list[NamePart], list[Form]]:
    given, father, fam = _given(rng, c, gender), pick(rng, c.male), pick(rng, c.family)
    if c.code == "arabic-gulf":
        link = BIN if gender == "male" else BINT
        if rng.random() < 0.3:
            return [given, link, father, BIN, pick(rng, c.male), fam], [
                (0, 1, 2, 3, 4, 5), (0, 1, 2, 5), (0, 5), (5, COMMA, 0, 1, 2, 3, 4),
            ]  # fmt: skip
        return [given, link, father, fam], [(0, 1, 2, 3), (0, 2, 3), (0, 3), (3, COMMA, 0, 1, 2)]
    if c.code == "arabic-iraq":
        parts = [given, father, pick(rng, c.male), fam]
        return parts, [(0, 1, 2, 3), (0, 1, 3), (0, 3), (3, COMMA, 0, 1, 2)]
    if c.code == "arabic-maghreb" and rng.random() < 0.7:
        return [given, fam], [(0, 1), (1, 0), (1, COMMA, 0)]
    return [given, father, fam], [(0, 1, 2), (0, 2), (2, COMMA, 0, 1)]


def _given_family(rng: random.Random, c: Culture, gender: str) -> tuple[list[NamePart], list[Form]]:
    """Title (sometimes), one or two given names, family name: Persian, Afghan, Pakistani."""
    parts = [_given(rng, c, gender)]
    if rng.random() < 0.15:
        parts.append(_given(rng, c, gender))
    if c.code == "afghan" and rng.random() < 0.3:
        parts.append(pick(rng, c.male))  # no family name: the father's name stands in
    else:
        parts.append(pick(rng, c.family))
    n = len(parts)
    forms: list[Form] = [tuple(range(n)), (0, n - 1), (n - 1, COMMA, *range(n - 1))]
    if gender == "male" and c.honorifics and rng.random() < 0.2:
        parts.insert(0, pick(rng, c.honorifics))
        forms = [tuple(range(n + 1))] + [tuple(i + 1 if i >= 0 else i for i in f) for f in forms]
    return parts, forms


def _cyrillic(rng: random.Random, c: Culture, gender: str) -> tuple[list[NamePart], list[Form]]:
    father = pick(rng, c.male)
    surname = pick(rng, c.family)
    if gender == "female":
        surname = FEMININE[surname.native]
    parts = [_given(rng, c, gender), PATRONYMICS[(father.native, gender)], surname]
    return parts, [(0, 1, 2), (2, 0, 1), (0, 2), (2, COMMA, 0, 1), (2, COMMA, 0)]


def _chinese(rng: random.Random, c: Culture, gender: str) -> tuple[list[NamePart], list[Form]]:
    return [pick(rng, c.family), _given(rng, c, gender)], [(0, 1), (1, 0), (0, COMMA, 1)]


def _african(rng: random.Random, c: Culture, gender: str) -> tuple[list[NamePart], list[Form]]:
    given = _given(rng, c, gender)
    if c.code == "somali" or rng.random() < 0.3:
        parts = [given, pick(rng, c.male), pick(rng, c.family)]
        return parts, [(0, 1, 2), (0, 1), (2, COMMA, 0, 1)]
    return [given, pick(rng, c.family)], [(0, 1), (1, 0), (1, COMMA, 0)]


def _western(rng: random.Random, c: Culture, gender: str) -> tuple[list[NamePart], list[Form]]:
    parts = [_given(rng, c, gender)]
    if rng.random() < 0.2:
        parts.append(_given(rng, c, gender))
    parts.append(pick(rng, c.family))
    n = len(parts)
    return parts, [tuple(range(n)), (0, n - 1), (n - 1, COMMA, *range(n - 1))]


def _arabic_kunya(rng: random.Random, c: Culture, gender: str) -> tuple[list[NamePart], list[Form]]:
    """Kunya, given name, nasab and nisba: ``Abu Muhammad Khalid bin Ali al-Halabi``."""
    son, given, father, fam = (
        pick(rng, c.male),
        pick(rng, c.male),
        pick(rng, c.male),
        pick(rng, c.family),
    )
    parts = [ABU, son, given, BIN, father, fam]
    return parts, [
        (0, 1, 2, 3, 4, 5), (2, 3, 4, 5), (2, 4, 5), (2, 5), (0, 1, 5), (5, COMMA, 2, 3, 4),
    ]  # fmt: skip


def _single(rng: random.Random, c: Culture, gender: str) -> tuple[list[NamePart], list[Form]]:
    """One name only (``Suharto``), or a given name and a family name."""
    given = _given(rng, c, gender)
    if rng.random() < 0.6:
        return [given], [(0,)]
    return [given, pick(rng, c.family)], [(0, 1), (1, COMMA, 0)]


_STRUCTURES = {
    "arabic": _arabic,
    "arabic_kunya": _arabic_kunya,
    "single": _single,
    "persian": _given_family,
    "south_asian": _given_family,
    "cyrillic": _cyrillic,
    "chinese": _chinese,
    "african": _african,
    "western": _western,
}


def compose_name(rng: random.Random, culture: Culture, gender: str) -> PersonName:
    """A new person name of ``culture``; ``gender`` is ``male`` or ``female``."""
    parts, forms = _STRUCTURES[culture.structure](rng, culture, gender)
    return PersonName(tuple(parts), tuple(dict.fromkeys(forms)), culture)
