"""Decoys for ``ictd eval --decoys N``: subjects indexed beside the listed ones, so that a query
competes with as many other names as it would on a real list.

The benchmarks index the UN list (about a thousand subjects) or the synthetic corpus (a few
thousand); a list screened in earnest holds ten thousand or more, and every further name is
one more chance of a wrong subject at or above the threshold, or ahead of the true one.
Recall@1 and the false-positive rate on a small haystack therefore read better than they
are. Decoys are subjects of the synthetic generator (``ictd.demo.corpus``: persons of every
naming culture and script it knows, with their original-script names, and organisations
with legal forms in many languages), drawn from a seed of their own.

A decoy must never be the answer a query expects, nor the subject a negative query names, or
the benchmark would count a right answer as a false match. A drawn subject is skipped when

- its identity (given and family name as composed, however spelled) is in ``avoid`` (the
  corpus's subjects and the subjects its negatives were drawn from);
- one of its Latin names might be a listed name or a negative query's name: every word of the
  decoy's name occurs in one of them, or every word (two or more) of one of them occurs in the
  decoy's name (``ListedWords``; the negatives follow the same rule, there also for one-word
  names — for decoys that would drop every ``Ali`` for a listed ``Abu Ali``);
- one of its names in another script is, case-folded, a listed or a negative query's name;
- it is an organisation whose distinctive words (``eval_corpus.distinctive_words``) are spelt
  like those of a listed or a negative organisation (``difflib`` similarity of 0.8 or more:
  ``Barwaqo Hawala Services`` and ``Barwaaqo Hawala Services``, ``Vostok Stroy JSC`` and
  ``Vostok Stroj LLC`` are one organisation spelt two ways).

Decoys get ids after every subject already indexed and the split ``decoy``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from difflib import SequenceMatcher

from ictd.bench.eval_cases import Benchmark
from ictd.bench.eval_corpus import distinctive_words
from ictd.bench.eval_negatives import ListedWords
from ictd.bench.eval_subjects import ListedSubject, is_latin, listed_subjects
from ictd.demo.corpus import generate_corpus
from ictd.model import Subject

__all__ = ["DECOY_SPLIT", "decoy_subjects", "pad_with_decoys"]

DECOY_SPLIT = "decoy"
POOL = 3
"""Subjects drawn per decoy asked for at most (the rest are skipped as too close)."""
_NAME_PROPS = ("name", "alias", "weakAlias", "originalScriptName")
ORG_SIMILARITY = 0.8


def _org_text(name: str) -> str:
    return " ".join(sorted(distinctive_words(name)))


def _org_keys(text: str) -> set[str]:
    """The first two consonants of each word: spellings of one word mostly share them."""
    return {re.sub(r"[aeiouy'0-9]", "", w)[:2] for w in text.split()} - {""}


def _decoy_seed(seed: int) -> int:
    return seed * 7_368_787 + 1_299_709  # neither the corpus's seed nor its negatives'


class _Taken:
    """The names a decoy must stay apart from: listed names and negative queries' names."""

    def __init__(self, bench: Benchmark) -> None:
        self.words = ListedWords(bench.subjects)
        self.exact: set[str] = set()
        self.orgs: dict[str, set[str]] = {}
        for s in (*bench.subjects, *bench.decoys):
            if s.schema != "Person":
                for name in (s.name, *s.aliases):
                    self._add_org(name)
        for s in (*bench.subjects, *bench.decoys):
            self.exact |= {n.casefold() for n in (s.name, *s.aliases, *s.original)}
        for s in bench.decoys:
            for name in (s.name, *s.aliases, *s.weak_aliases):
                self.words.add(name)
        for case in bench.cases:
            if case.truth is None:
                for name in case.query.names:
                    self.exact.add(name.casefold())
                    if is_latin(name):
                        self.words.add(name)
                        if case.query.schema != "Person":
                            self._add_org(name)

    def _add_org(self, name: str) -> None:
        text = _org_text(name)
        for key in _org_keys(text):
            self.orgs.setdefault(key, set()).add(text)

    def _is_org_taken(self, name: str) -> bool:
        text = _org_text(name)
        others = {o for key in _org_keys(text) for o in self.orgs.get(key, ())}
        return any(SequenceMatcher(None, text, o).ratio() >= ORG_SIMILARITY for o in others)

    def is_apart(self, subject: Subject) -> bool:
        """True when no name of ``subject`` may be a taken one."""
        org = subject.schema.value != "Person"
        for prop in _NAME_PROPS:
            for name in subject.values(prop):
                if name.casefold() in self.exact:
                    return False
                if is_latin(name) and self.words.may_be_listed(name, min_words=2):
                    return False
                if org and is_latin(name) and self._is_org_taken(name):
                    return False
        return True


def decoy_subjects(
    count: int, bench: Benchmark, seed: int, avoid: Iterable[str] = ()
) -> tuple[ListedSubject, ...]:
    """``count`` decoys for ``bench`` (fewer only if the generator runs dry), seeded by ``seed``.

    The same seed draws the same subjects in the same order; which of them are kept depends
    on the benchmark's names.
    """
    if count <= 0:
        return ()
    taken = _Taken(bench)
    avoided = frozenset(avoid)
    kept: list[tuple[str, Subject]] = []
    for item in generate_corpus(count * POOL, seed=_decoy_seed(seed)):
        if len(kept) >= count:
            break
        if item.identity not in avoided and taken.is_apart(item.subject):
            kept.append((f"decoy-{len(kept):06d}", item.subject))
    start = max((s.id for s in (*bench.subjects, *bench.decoys)), default=0)
    return tuple(
        replace(s, id=start + s.id, split=DECOY_SPLIT) for s in listed_subjects(kept, seed)
    )


def pad_with_decoys(
    bench: Benchmark, count: int, seed: int, avoid: Iterable[str] = ()
) -> Benchmark:
    """``bench`` with ``count`` decoys in each of its indexes (``bench`` itself when 0)."""
    decoys = decoy_subjects(count, bench, seed, avoid)
    return bench.padded(decoys) if decoys else bench
