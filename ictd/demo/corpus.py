"""The synthetic evaluation corpus: persons of every naming culture, evenly, and companies.

``ictd eval`` judges the matcher on a second corpus beside the UN list, so that weights and
calibration are not fitted to one list's names. ``generate_corpus(size, seed)`` yields
``CorpusSubject`` values: a subject (key ``cor-<n>``), its naming culture (or organisation
family) and its truth (spellings of the same name not stated on the subject). Persons come
from every culture of ``CORPUS_WEIGHTS`` (Arabic with kunya and nasab, Persian, Pashto and
Urdu, Russian with patronymics, Chinese, Korean, Japanese, Greek, Hebrew, Turkish, Thai,
Somali, Hausa, Indonesian single names, Western …), organisations from every family of
``ORG_FAMILIES`` with their legal forms. No two persons share their given and family name
(as composed, before they are spelled), no two organisations their name: the tables are
small, and such subjects would be homonyms no matcher can tell apart. Deterministic for a
seed; independent of ``generate`` (the demo's own mix), whose output it leaves unchanged.

>>> [s.key for s in generate_corpus(2, seed=1)]
['cor-0', 'cor-1']
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from ictd.demo.cultures import CORPUS_WEIGHTS, CULTURES
from ictd.demo.draw import pick
from ictd.demo.naming import COMMA
from ictd.demo.org_names import ORG_FAMILIES
from ictd.demo.orgs import make_org
from ictd.demo.person import make_person
from ictd.model.subject import Subject

__all__ = ["ORG_SHARE", "CorpusSubject", "generate_corpus"]

MAX_DRAWS = 20
"""Draws per subject asked for at most: the corpus may come out smaller than asked."""
ORG_SHARE = 0.2
"""Share of organisations and companies among the corpus subjects."""
_CODES = tuple(CORPUS_WEIGHTS)
_CUM = tuple(accumulate(CORPUS_WEIGHTS.values()))
_FAMILIES = tuple(ORG_FAMILIES)
_TAGS = ("company", "company", "company", "charity", "exchange")


@dataclass(frozen=True, slots=True)
class CorpusSubject:
    """One subject of the corpus with its culture and its unstated spellings."""

    key: str
    subject: Subject
    culture: str
    truth: tuple[str, ...]
    identity: str  # given and family name as composed (native script), however spelled


def generate_corpus(size: int, seed: int = 7) -> Iterator[CorpusSubject]:
    """Yield ``size`` corpus subjects, keys ``cor-0`` … ``cor-<size-1>``."""
    if size < 0:
        raise ValueError("size must not be negative")
    rng = random.Random(seed * 1_000_003 + 17)  # noqa: S311  # reproducible test data
    seen: set[str] = set()
    n = 0
    for _ in range(MAX_DRAWS * size):
        if n >= size:
            break
        item = _draw(rng, f"cor-{n}")
        if item.identity in seen:  # the name tables are small: one name, one subject
            continue
        seen.add(item.identity)
        n += 1
        yield item


def _draw(rng: random.Random, key: str) -> CorpusSubject:
    if rng.random() < ORG_SHARE:
        family = pick(rng, _FAMILIES)
        org = make_org(rng, family, pick(rng, _TAGS))
        identity = org.name.native or org.name.spellings[0]
        return CorpusSubject(key, org.subject, f"org-{family}", org.truth, identity)
    code = rng.choices(_CODES, cum_weights=_CUM)[0]
    person = make_person(rng, CULTURES[code])
    name = person.name
    short = min((f for f in name.forms if len(f) > 1 and COMMA not in f), key=len, default=())
    identity = " ".join(name.parts[i].native for i in short) or name.native
    return CorpusSubject(key, person.subject, code, person.truth, identity)
