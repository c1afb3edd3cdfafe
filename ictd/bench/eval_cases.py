"""The labelled benchmark of ``ictd eval``, built deterministically from the UN SC list.

Every listed subject goes, by a seeded shuffle, into the ``train`` or the ``test`` half; queries
made from a subject belong to its half, so weights fitted on ``train`` are judged on subjects
they never saw. Indexes (all hold every subject that has names of the kind):

- ``primary``: each subject under its primary name only (aliases held out, perturbed names);
- ``latin``: every Latin-script name, no original-script names (original script → Latin);
- ``original``: only original-script names (Latin → original script);
- ``full``: every name (negatives: a screening index as it is used).
"""

from __future__ import annotations

import itertools
import random
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from ictd.bench.eval_negatives import Negative, negative_cases
from ictd.bench.eval_perturb import EXTRA_VARIANTS, mrz
from ictd.bench.eval_subjects import ListedSubject, is_latin, listed_subjects
from ictd.bench.eval_variants import ORG_VARIANTS, PERSON_VARIANTS, ascii_tokens
from ictd.matching import IndexRecord, Query
from ictd.model import Subject

__all__ = [
    "OTHER_NAME",
    "SHORT_SCRIPT",
    "Benchmark",
    "EvalCase",
    "ListedSubject",
    "build_benchmark",
    "listed_subjects",
]

OTHER_NAME = "alias-other-name"
"""Aliases with no word spelt like one of the primary name (a nom de guerre, a translation)."""
SHORT_SCRIPT = "short-original-to-latin"
"""A short everyday form (two words, or one short word) of an original-script name."""


@dataclass(frozen=True, slots=True)
class EvalCase:
    """One labelled query: ``truth`` is the subject id in ``index``, ``None`` for a negative."""

    id: str
    category: str
    query: Query
    truth: int | None
    index: str
    split: str
    with_facts: bool


@dataclass(frozen=True, slots=True)
class Benchmark:
    """The subjects, the indexes built from them, and the labelled queries.

    ``decoys`` are subjects indexed beside the listed ones that no query is about
    (``ictd.bench.eval_decoys``): they make the haystack as large as a real list's.
    """

    subjects: tuple[ListedSubject, ...]
    indexes: dict[str, tuple[IndexRecord, ...]]
    cases: tuple[EvalCase, ...]
    decoys: tuple[ListedSubject, ...] = ()

    def padded(self, decoys: tuple[ListedSubject, ...]) -> Benchmark:
        """This benchmark with ``decoys`` in every index (the same cases)."""
        every = (*self.decoys, *decoys)
        return Benchmark(self.subjects, _indexes((*self.subjects, *every)), self.cases, every)


def _rng(seed: int, *parts: str) -> random.Random:
    return random.Random(zlib.crc32(":".join((str(seed), *parts)).encode()))  # noqa: S311 (seeded benchmark data)


def _indexes(subjects: tuple[ListedSubject, ...]) -> dict[str, tuple[IndexRecord, ...]]:
    out: dict[str, list[IndexRecord]] = {"primary": [], "latin": [], "original": [], "full": []}
    for s in subjects:
        names = (s.name, *s.aliases, *s.weak_aliases)
        latin = tuple(dict.fromkeys(n for n in names if is_latin(n)))
        out["primary"].append(s.record((s.name,)))
        out["latin"].append(s.record(latin or (s.name,)))
        if s.original:
            out["original"].append(s.record(s.original))
        out["full"].append(s.record(tuple(dict.fromkeys((s.name, *latin, *s.original)))))
    return {kind: tuple(records) for kind, records in out.items()}


def _facts(s: ListedSubject, rng: random.Random) -> tuple[str | None, tuple[str, ...], bool]:
    """Birth date and nationality for half of the queries (when the subject has them)."""
    if rng.random() < 0.5 or not (s.birth_dates or s.nationalities):
        return None, (), False
    dob = s.birth_dates[0] if s.birth_dates else None
    if dob and len(dob) == 10 and rng.random() < 0.3:
        dob = dob[:4]
    return dob, s.nationalities[:1], True


def _case(s: ListedSubject, category: str, name: str, index: str, n: int, seed: int) -> EvalCase:
    rng = _rng(seed, s.key, category, str(n), "facts")
    dob, nats, with_facts = _facts(s, rng)
    query = Query(f"{category}:{s.key}:{n}", (name,), s.schema, dob, nats)
    return EvalCase(query.id, category, query, s.id, index, s.split, with_facts)


def _is_other_name(alias: str, name: str) -> bool:
    """True when no word (3+ letters) of an alias is spelt like one of the primary name.

    "Spelt like" is ``difflib`` similarity ≥ 0.75, independent of the matcher's own rules.
    """
    words = [t for t in ascii_tokens(name) if len(t) > 2]
    return not any(
        SequenceMatcher(None, t, w).ratio() >= 0.75
        for t in ascii_tokens(alias)
        if len(t) > 2
        for w in words
    )


def _positive_cases(s: ListedSubject, seed: int) -> Iterator[EvalCase]:
    rng = _rng(seed, s.key, "aliases")
    own = {s.name.casefold()}
    aliases = [a for a in dict.fromkeys(s.aliases) if a.casefold() not in own]
    for n, alias in enumerate(rng.sample(aliases, min(3, len(aliases)))):
        category = OTHER_NAME if _is_other_name(alias, s.name) else "alias"
        yield _case(s, category, alias, "primary", n, seed)
    for n, name in enumerate(s.original[:2]):
        yield _case(s, "original-to-latin", name, "latin", n, seed)
    if s.original:
        yield _case(s, "latin-to-original", s.name, "original", 0, seed)
        short = _short(s.original[0]) if s.schema == "Person" else None
        if short is not None:
            yield _case(s, SHORT_SCRIPT, short, "latin", 0, seed)
    if s.schema == "Person" and s.original and _rng(seed, s.key, "mrz").random() < 0.5:
        changed = mrz(s.original[0], _rng(seed, s.key, "mrz"))
        if changed is not None:  # Doc 9303's transliteration of the original script
            yield _case(s, "mrz", changed, "latin", 1, seed)
    variants = {**PERSON_VARIANTS, **EXTRA_VARIANTS} if s.schema == "Person" else ORG_VARIANTS
    for category, variant in variants.items():
        changed = variant(s.name, _rng(seed, s.key, category))
        if changed is not None:
            yield _case(s, category, changed, "primary", 0, seed)


_BEFORE = frozenset(("عبد", "ابو", "أبو", "ابن", "بن", "بنت", "ام", "أم"))
_AFTER = frozenset(("الله", "اللہ", "الدين", "الدین", "الرحمن", "الرحمان"))


def _units(original: str) -> list[str]:
    """Words of an original-script name, an Arabic compound (``عبد الكبير``, ``نصر الله``,
    ``ابو بكر``) kept as one unit."""
    units: list[str] = []
    for word in original.split():
        if units and (units[-1] in _BEFORE or word in _AFTER):
            units[-1] = f"{units[-1]} {word}"
        else:
            units.append(word)
    return units


def _short(original: str) -> str | None:
    """A short everyday form of an original-script name: its first and last words."""
    words = _units(original)
    if len(words) > 2:
        return f"{words[0]} {words[-1]}"
    return original if len(words) == 2 or len(original) <= 4 else None


def _capped(cases: list[EvalCase], per_category: int, seed: int) -> list[EvalCase]:
    """At most ``per_category`` cases per (category, split), chosen by a seeded draw."""
    groups: dict[tuple[str, str], list[EvalCase]] = {}
    for case in cases:
        groups.setdefault((case.category, case.split), []).append(case)
    out: list[EvalCase] = []
    for (category, split), group in sorted(groups.items()):
        rng = _rng(seed, category, split, "cap")
        out.extend(group if len(group) <= per_category else rng.sample(group, per_category))
    return out


def build_benchmark(
    subjects: list[tuple[str, Subject]],
    seed: int = 7,
    per_category: int = 200,
    more_negatives: Callable[[tuple[ListedSubject, ...]], Iterator[Negative]] | None = None,
) -> Benchmark:
    """The labelled benchmark for listed ``subjects`` given as (source key, subject) pairs.

    ``more_negatives`` adds negative queries made for these subjects, in place of the names
    of the demo generator (the synthetic corpus adds its own, ``ictd.bench.eval_corpus``).
    """
    listed = listed_subjects(subjects, seed)
    cases: list[EvalCase] = []
    for s in listed:
        cases.extend(_positive_cases(s, seed))
    negatives = negative_cases(listed, seed, synthetic=more_negatives is None)
    if more_negatives is not None:
        negatives = itertools.chain(negatives, more_negatives(listed))
    for n, (category, query, split) in enumerate(negatives):
        q = replace(query, id=f"{category}:{n}")
        facts = q.birth_date is not None or bool(q.nationalities)
        cases.append(EvalCase(q.id, category, q, None, "full", split, facts))
    return Benchmark(listed, _indexes(listed), tuple(_capped(cases, per_category, seed)))
