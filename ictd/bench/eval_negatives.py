"""Negative queries of ``ictd eval``: names that are not on the list, and true names with facts
that rule the listed subject out.

Categories: ``neg-common`` (common Arabic, Persian, Russian, Western, South and East Asian
names), ``neg-one-part`` (a listed person's family name with another given name),
``neg-recombined`` (words of two different listed names), ``neg-org`` (organisations made of
a word and generic words), ``neg-conflict`` (a listed person's true name with a birth date
and nationality that conflict) and ``neg-synthetic`` (names from the synthetic generator
``ictd.demo``). A made-up name whose words all occur in one listed name is dropped: it might
be that person; so is a made-up organisation that shares a distinctive word with a listed
one (``ictd.bench.eval_orgwords``): ``Volga Group Ltd`` is the listed ``Volga Group JSC``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

from ictd.bench.eval_orgwords import GENERIC, LEGAL, distinctive_words
from ictd.bench.eval_subjects import ListedSubject
from ictd.bench.eval_variants import ascii_tokens
from ictd.matching import Query

__all__ = [
    "COUNTRIES",
    "GENERIC",
    "LEGAL",
    "ListedWords",
    "Negative",
    "negative_cases",
    "random_facts",
]

Negative = tuple[str, Query, str]  # (category, query, split)

GIVEN = """
Ahmad Mohammed Ali Omar Khalid Youssef Ibrahim Hassan Tariq Karim Samir Walid Nabil Faisal
Hamza Bilal Anas Ziad Rami Fadi Majid Reza Hossein Mehdi Ali-Reza Dariush Farhad Javad Saeed
Ivan Sergei Dmitry Alexei Nikolai Oleg Pavel Viktor Andrei Yuri Boris Mikhail Roman Artem
John Michael David James Robert Peter Thomas Daniel Paul Mark Jean Pierre Luis Carlos Jose
Imran Asif Faisal Zubair Kamran Rashid Naveed Sajid Waqar Arif Rahul Amit Suresh Vijay
Wei Jun Ming Hao Lei Tao Min-jun Seo-yeon Ji-ho Hiroshi Kenji Aisha Fatima Mariam Layla
Olga Elena Natalia Anna Sarah Maria Zainab Nadia Leila Samira Noor Amina
"""
FAMILY = """
Haddad Khoury Nasser Saleh Mansour Abboud Darwish Hamdan Shaheen Qasim Barakat Yassin Jaber
Tahan Sabbagh Najjar Attar Hallaq Karimi Hosseini Rahimi Moradi Tehrani Jafari Ahmadi Sadeghi
Ivanov Smirnov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov Morozov Volkov Pavlov Orlov
Smith Johnson Williams Brown Miller Davis Wilson Taylor Martin Dubois Moreau Garcia Fernandez
Khan Qureshi Siddiqui Chaudhry Malik Butt Sheikh Sharma Patel Gupta Singh Verma Iyer Rao
Wang Li Zhang Liu Chen Yang Huang Kim Lee Park Choi Tanaka Suzuki Nguyen Tran
"""
ORG_WORDS = """
Nour Amal Hope Sunrise Falcon Crescent Cedar Oasis Horizon Delta Atlas Phoenix Orient Pearl
Eagle Jasmine Silk Zenith Meridian Harbor Summit Coral Anchor Beacon Emerald Granite
"""
COUNTRIES = ("SY", "IQ", "AF", "PK", "SO", "YE", "LY", "SA", "RU", "FR", "GB", "US", "CN", "KP")
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "ben", "abu", "abd", "ul", "a", "b", "e"})


class ListedWords:
    """Which listed names hold a word, to reject made-up names that might be a listed one."""

    def __init__(self, subjects: Sequence[ListedSubject]) -> None:
        self.names: list[frozenset[str]] = []
        self.by_word: dict[str, set[int]] = {}
        for s in subjects:
            for name in (s.name, *s.aliases, *s.weak_aliases):
                self.add(name)

    def add(self, name: str) -> None:
        """Hold one more (Latin) name: ``may_be_listed`` then also compares with it."""
        words = _words(name)
        for word in words:
            self.by_word.setdefault(word, set()).add(len(self.names))
        self.names.append(words)

    def may_be_listed(self, name: str, min_words: int = 1) -> bool:
        """True when every word of ``name`` occurs in one listed name, or the reverse.

        ``min_words``: the reverse counts only for listed names of that many words or more
        (a one-word alias such as ``Abu Ali`` then does not rule out every ``Ali``).
        """
        words = _words(name)
        if not words:
            return True
        common = set.intersection(*(self.by_word.get(w, set()) for w in words))
        if common:
            return True
        held: dict[int, int] = {}
        for word in words:
            for i in self.by_word.get(word, ()):
                held[i] = held.get(i, 0) + 1
        return any(count == len(self.names[i]) >= min_words for i, count in held.items())


def _words(name: str) -> frozenset[str]:
    return frozenset(t for t in ascii_tokens(name) if t not in _PARTICLES)


def _org_words(subjects: Sequence[ListedSubject]) -> frozenset[str]:
    """The distinctive words of the listed organisations' Latin names."""
    out: set[str] = set()
    for s in subjects:
        if s.schema != "Person":
            for name in (s.name, *s.aliases, *s.weak_aliases):
                out |= distinctive_words(name)
    return frozenset(out)


def random_facts(rng: random.Random) -> tuple[str | None, tuple[str, ...]]:
    if rng.random() < 0.5:
        return None, ()
    return str(rng.randint(1950, 1998)), (rng.choice(COUNTRIES),)


def _person(rng: random.Random) -> str:
    given = GIVEN.split()
    parts = [rng.choice(given)]
    if rng.random() < 0.4:
        parts.append(rng.choice(given))
    return " ".join([*parts, rng.choice(FAMILY.split())])


def _family(s: ListedSubject) -> str | None:
    words = [w for w in s.name.split() if len(w) > 3 and w.lower() not in _PARTICLES]
    return words[-1].title() if len(words) > 1 else None


def _org(rng: random.Random, orgs: list[ListedSubject]) -> str:
    generic = GENERIC.split()
    if orgs and rng.random() < 0.5:
        words = [w for w in orgs[rng.randrange(len(orgs))].name.split() if len(w) > 3]
        head = rng.choice(words).title() if words else rng.choice(ORG_WORDS.split())
    else:
        head = rng.choice(ORG_WORDS.split())
    body = rng.sample(generic, rng.choice((1, 2)))
    return " ".join([head, *body, rng.choice(LEGAL)]).strip()


def _conflict(s: ListedSubject, rng: random.Random) -> Query | None:
    dob = next((d for d in s.birth_dates if len(d) in (4, 7, 10) and d[:4].isdigit()), None)
    if dob is None:
        return None
    years = [int(d[:4]) for d in s.birth_dates if d[:4].isdigit()]
    shift = rng.randint(8, 25)
    year = max(years) + shift if rng.random() < 0.5 else min(years) - shift
    nats = tuple(c for c in COUNTRIES if c not in s.nationalities)
    return Query("", (s.name,), s.schema, f"{year}{dob[4:]}", (rng.choice(nats),))


def _synthetic(count: int, seed: int) -> list[tuple[str, str]]:
    """(name, schema) of synthetic subjects; empty when the generator is not available."""
    try:
        from ictd.demo import generate
    except ImportError:  # the generator is optional for the benchmark
        return []
    out = []
    for synthetic in generate(count, seed=seed):
        name = synthetic.subject.first("name")
        if name:
            out.append((name, synthetic.subject.schema.value))
    return out


def _made_up(
    subjects: Sequence[ListedSubject], seed: int, synthetic: bool
) -> Iterator[tuple[str, str, str]]:
    """(category, name, schema) of made-up negatives, before filtering."""
    rng = random.Random(seed * 7919 + 1)  # noqa: S311 (seeded benchmark data)
    persons = [s for s in subjects if s.schema == "Person"]
    orgs = [s for s in subjects if s.schema != "Person"]
    for _ in range(600):
        yield "neg-common", _person(rng), "Person"
    for s in rng.sample(persons, min(600, len(persons))):
        family = _family(s)
        if family:
            yield "neg-one-part", f"{rng.choice(GIVEN.split())} {family}", "Person"
    for _ in range(600):
        a, b, c = rng.sample(persons, 3)
        head, middle, tail = a.name.split()[0], b.name.split()[1:2], _family(c)
        if tail:
            yield "neg-recombined", " ".join([head, *middle, tail]), "Person"
    for _ in range(600):
        yield "neg-org", _org(rng, orgs), "Organization"
    for name, schema in _synthetic(800 if synthetic else 0, seed):
        yield "neg-synthetic", name, schema


def negative_cases(
    subjects: Sequence[ListedSubject], seed: int, synthetic: bool = True
) -> Iterator[Negative]:
    """The negative queries, each with its category and its (seeded) split.

    ``synthetic``: include names of the demo generator (``neg-synthetic``); the synthetic
    corpus, whose names come from the same tables, has its own negatives instead.
    """
    words = ListedWords(subjects)
    org_words = _org_words(subjects)
    rng = random.Random(seed * 104_729 + 3)  # noqa: S311 (seeded benchmark data)
    seen: set[str] = set()
    for category, name, schema in _made_up(subjects, seed, synthetic):
        if name.casefold() in seen or words.may_be_listed(name):
            continue
        seen.add(name.casefold())
        dob, nats = random_facts(rng) if schema == "Person" else (None, ())
        split = "train" if rng.random() < 0.5 else "test"
        if category == "neg-org" and distinctive_words(name) & org_words:
            continue  # drawn first, so that the other negatives stay as they were
        yield category, Query("", (name,), schema, dob, nats), split
    for s in subjects:
        query = _conflict(s, rng) if s.schema == "Person" else None
        if query is not None:
            yield "neg-conflict", query, s.split
