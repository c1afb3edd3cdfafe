"""The second benchmark of ``ictd eval``: the synthetic multilingual corpus (``ictd.demo.corpus``).

The UN list is one list's names; weights and calibration fitted on it alone do not carry
over. This corpus — persons of every naming culture the generator knows, evenly, and
companies with legal forms in many languages — is built into a benchmark the same way as
the UN list (``ictd.bench.eval_cases``: a seeded train/test split of the subjects, the same
query categories and indexes), plus two kinds of negatives of its own:

- ``neg-nonlatin``: the original-script names (Arabic, Cyrillic, Chinese, Korean, Japanese,
  Greek, Hebrew, Thai …) of persons generated from another seed;
- ``neg-org``: organisations generated from another seed that share no distinctive word
  with a listed one (few: the generator's tables are small);
- ``neg-org-forms``: organisation names made of legal forms and generic words in many
  languages and scripts around a distinctive word of our own
  (``ictd.bench.eval_orgforms``).

A made-up name whose Latin spelling might be a listed name (every word of it in one listed
name), a person of a name (as composed) that is listed, and an organisation sharing a
distinctive word with a listed one are dropped.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from ictd.bench.eval_cases import Benchmark, build_benchmark
from ictd.bench.eval_negatives import GENERIC, LEGAL, ListedWords, Negative, random_facts
from ictd.bench.eval_orgforms import org_form_names
from ictd.bench.eval_orgwords import distinctive_words as org_distinct
from ictd.bench.eval_subjects import ListedSubject
from ictd.bench.eval_variants import ascii_tokens
from ictd.demo.corpus import generate_corpus
from ictd.matching import Query
from ictd.model import Subject

__all__ = [
    "CORPUS_SIZE",
    "build_corpus_benchmark",
    "corpus_identities",
    "corpus_subjects",
    "distinctive_words",
]

CORPUS_SIZE = 2500
"""Subjects of the corpus: about 70 persons per naming culture, so that names stay as
sparse as in a real list (the tables of each culture hold a few hundred given and family
name pairs)."""
NEGATIVE_POOL = 6000
ORG_FORM_NEGATIVES = 600
"""Subjects generated (from another seed) to draw the corpus's own negatives from."""


def corpus_subjects(size: int, seed: int) -> list[tuple[str, Subject]]:
    """The (key, subject) pairs of the corpus of ``size`` subjects."""
    return [(s.key, s.subject) for s in generate_corpus(size, seed=seed)]


def corpus_identities(size: int, seed: int) -> frozenset[str]:
    """Identities of the corpus's subjects and of those its negatives are drawn from.

    Decoys (``ictd.bench.eval_decoys``) must be none of them: the generator's tables are
    small, and a decoy of the same identity would be the subject a query is about.
    """
    listed = (s.identity for s in generate_corpus(size, seed=seed))
    pool = (s.identity for s in generate_corpus(NEGATIVE_POOL, seed=_negative_seed(seed)))
    return frozenset((*listed, *pool))


def _negative_seed(seed: int) -> int:
    return seed + 104_729


_GENERIC = frozenset((GENERIC + " " + " ".join(LEGAL)).lower().replace(".", "").split()) | {
    "co", "ltd", "llc", "company", "sa", "srl", "bv", "jsc", "ooo", "ao", "pjsc", "gmbh",
    "sarl", "fze", "sti", "as", "trade", "money", "hawala", "charitable", "for", "and", "of",
    "the", "al", "el", "limited", "corporation", "corp", "inc", "holdings",
}  # fmt: skip
"""Words that do not tell one organisation from another, for the benchmark's own test."""


def distinctive_words(name: str) -> frozenset[str]:
    """The ASCII words of an organisation name that are not generic (a short table).

    A stricter test than ``eval_orgwords.distinctive_words`` (fewer words count as
    generic): the corpus draws its own organisations with it first, and the decoys
    (``ictd.bench.eval_decoys``) keep apart from listed organisations with it.
    """
    return frozenset(t for t in ascii_tokens(name) if t not in _GENERIC and len(t) > 1)


def _negatives(
    listed: tuple[ListedSubject, ...], identities: set[str], seed: int
) -> Iterator[Negative]:
    words = ListedWords(listed)
    org_words: set[str] = set()
    for s in listed:
        if s.schema != "Person":
            for name in (s.name, *s.aliases):
                org_words |= distinctive_words(name)
    listed_org_words = frozenset(
        word
        for s in listed
        if s.schema != "Person"
        for name in (s.name, *s.aliases, *s.weak_aliases)
        for word in org_distinct(name)
    )
    rng = random.Random(seed * 15_485_863 + 11)  # noqa: S311 (seeded benchmark data)
    for other in generate_corpus(NEGATIVE_POOL, seed=_negative_seed(seed)):
        subject = other.subject
        latin = subject.first("name")
        if not latin or other.identity in identities or words.may_be_listed(latin):
            continue
        if subject.schema.value != "Person" and distinctive_words(latin) & org_words:
            continue  # another organisation must differ in its distinctive words
        split = "train" if rng.random() < 0.5 else "test"
        schema = subject.schema.value
        if schema == "Person":
            original = subject.first("originalScriptName") or next(
                (t for t in other.truth if t and not t.isascii()), None
            )
            if original and not original.isascii():
                dob, nats = random_facts(rng)
                yield "neg-nonlatin", Query("", (original,), schema, dob, nats), split
        else:
            name = rng.choice([latin, *subject.values("originalScriptName")])
            if org_distinct(latin) & listed_org_words:
                continue  # the full test (``eval_orgwords``), drawn first: the rest stay
            yield "neg-org", Query("", (name,), schema), split
    for name in org_form_names(ORG_FORM_NEGATIVES, seed):
        split = "train" if rng.random() < 0.5 else "test"
        yield "neg-org-forms", Query("", (name,), rng.choice(("Company", "Organization"))), split


def build_corpus_benchmark(
    size: int = CORPUS_SIZE, seed: int = 7, per_category: int = 200
) -> Benchmark:
    """The labelled benchmark of the synthetic corpus of ``size`` subjects."""
    corpus = list(generate_corpus(size, seed=seed))
    identities = {s.identity for s in corpus}
    return build_benchmark(
        [(s.key, s.subject) for s in corpus],
        seed=seed,
        per_category=per_category,
        more_negatives=lambda listed: _negatives(listed, identities, seed),
    )
