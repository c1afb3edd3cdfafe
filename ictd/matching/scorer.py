"""Scoring one query against one record: features, weights, a calibrated score.

``score_pair(query, record)`` is the whole scorer without an index (entity resolution and tests
use it); ``MatchIndex.search`` calls ``score_prepared`` on retrieved candidates, so both give the
same score for the same pair. The score is the calibrated probability (``weights.probability``)
of the weighted features' log-odds (``ictd.matching.weights``): it reads as the probability of a
true match.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

from ictd.matching import lexicon as lx
from ictd.matching.compare import Alignment, align, part_similarity
from ictd.matching.features import FACT_FEATURES, name_features, unmatched_ends
from ictd.matching.name import Part
from ictd.matching.record import (
    IndexRecord,
    Prepared,
    Query,
    is_org_schema,
    prepare_query,
    prepare_record,
)
from ictd.matching.result import Feature, Match
from ictd.matching.weights import (
    BIAS,
    ORG_UNMATCHED_FACTOR,
    WEIGHTS,
    evidence_value,
    probability,
)

__all__ = ["DEFAULT_THRESHOLD", "PartCache", "best_alignment", "score_pair", "score_prepared"]

DEFAULT_THRESHOLD = 0.5
"""Scores at or above this are reported as matches by default: more likely a match than not.

Scores are calibrated (``weights.probability``), so 0.5 is the natural cut; on the held-out half
of the UN list benchmark (``ictd eval``, see ``docs/benchmarks.md``) it is also the best F1 of
the threshold curve, with a false-positive rate on negative queries well under 1 %. One common
name alone ("Mohammed Ali"), one part of a longer name, a listed relative ("Ali Saddam Hussein
al-Tikriti" for "Saddam Hussein al-Tikriti") or a name with a conflicting birth year lands
below it.
"""

PartCache = dict[tuple[int, int], float]
"""Part-pair similarities by object identity; valid while the compared parts are alive."""


def _cached_similarity(cache: PartCache) -> Callable[[Part, Part], float]:
    def similarity(a: Part, b: Part) -> float:
        key = (id(a), id(b))
        found = cache.get(key)
        if found is None:
            found = part_similarity(a, b)
            cache[key] = found
        return found

    return similarity


_WRITTEN_FOLDS = {
    "limited": "ltd",
    "company": "co",
    "corporation": "corp",
    "incorporated": "inc",
    "gesellschaft": "gmbh",
    "ао": "jsc",
    "оао": "jsc",
    "зао": "jsc",
    "пао": "jsc",
    "ao": "jsc",
    "ооо": "llc",
    "ooo": "llc",
    "тов": "llc",
}
"""Legal forms written out and abbreviated, for ``written_words``."""
_WRITTEN_WORD = re.compile(r"\w+")


@lru_cache(maxsize=100_000)
def written_words(raw: str) -> frozenset[str]:
    """The words of a name as written (case and accents folded, legal forms kept, their
    long and short forms one word): what ``Match.literal`` counts in common."""
    text = unicodedata.normalize("NFKD", raw.casefold())
    if not text.isascii():  # no ASCII character is a combining one
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = _WRITTEN_WORD.findall(text)
    return frozenset(_WRITTEN_FOLDS.get(w, lx.WORD_FOLDS.get(w, w)) for w in words)


def _literal(alignment: Alignment | None) -> int:
    if alignment is None:
        return 0
    query, candidate = alignment.query.original, alignment.candidate.original
    return len(written_words(query) & written_words(candidate))


def _weight(feature: str, org: bool) -> float:
    weight = WEIGHTS[feature]
    if org and feature in ("name_subject_parts_unmatched", "name_query_parts_unmatched"):
        return weight * ORG_UNMATCHED_FACTOR
    return weight


def _name_logit(alignment: Alignment, org: bool) -> float:
    """The pull of ``name_features(alignment)`` on the score, without building them."""
    factor = ORG_UNMATCHED_FACTOR if org else 1.0
    logit = WEIGHTS["name_match"] * evidence_value(alignment.evidence)
    logit -= WEIGHTS["name_query_parts_unmatched"] * factor * (1.0 - alignment.query_coverage)
    logit -= WEIGHTS["name_subject_parts_unmatched"] * factor * (1.0 - alignment.candidate_coverage)
    q, c = alignment.query.parts, alignment.candidate.parts
    if len(alignment.pairs) == 1 and max(len(q), len(c)) > 1:
        logit -= WEIGHTS["name_single_part"]
    first, last = unmatched_ends(alignment)
    if first is not None:
        logit -= WEIGHTS["name_first_part_unmatched"]
    if last is not None:
        logit -= WEIGHTS["name_last_part_unmatched"]
    return logit


def best_alignment(
    query: Prepared,
    record: Prepared,
    cache: PartCache,
    worth: Sequence[tuple[int, int]] | None = None,
) -> Alignment | None:
    """The alignment of one query name with one record name that speaks most for a match
    (the first of the best, query names in order, each with the record's names in order).

    ``worth``: the pairs (query name, record name), by position and in that order, that can
    be the best, when the caller knows the others cannot (``bound.BlockBounds.worth``); only
    they are aligned.
    """
    similarity = _cached_similarity(cache)
    org = bool(is_org_schema(record.schema))
    best: Alignment | None = None
    best_logit = -math.inf
    names = record.names
    if worth is None:
        worth = [(a, b) for a in range(len(query.names)) for b in range(len(names))]
    for a, b in worth:
        candidate = align(query.names[a], names[b], similarity, initials=not org)
        logit = _name_logit(candidate, org)
        if logit > best_logit:
            best, best_logit = candidate, logit
    return best


def score_prepared(
    query: Prepared,
    record: Prepared,
    subject_id: int,
    cache: PartCache | None = None,
    worth: Sequence[tuple[int, int]] | None = None,
) -> Match:
    """Score prepared forms; ``cache`` (part-pair similarities) may be shared across records;
    ``worth``: the pairs of names that can be the best (``best_alignment``)."""
    org = bool(is_org_schema(record.schema))
    features: list[Feature] = []
    alignment = best_alignment(query, record, {} if cache is None else cache, worth)
    if alignment is not None:
        features.extend(name_features(alignment))
    elif query.names and record.names:
        features.append(Feature("name_query_parts_unmatched", -1.0, "no names compared"))
    for function in FACT_FEATURES:
        features.extend(function(query, record))
    logit = BIAS + sum(_weight(f.feature, org) * f.value for f in features)
    if not query.names and not any(f.feature == "identifier_match" for f in features):
        logit = min(logit, -5.0)  # without names only an identifier can make a match
    score = probability(logit)
    return Match(subject_id, score, tuple(features), _literal(alignment))


def score_pair(query: Query, record: IndexRecord) -> Match:
    """Score one query against one record, with the explanation.

    >>> rec = IndexRecord(1, "Person", ("Muammar Gaddafi",), ("1942",), ("LY",))
    >>> score_pair(Query("q", names=("Муаммар Каддафи",), birth_date="1942"), rec).score > 0.8
    True
    """
    return score_prepared(prepare_query(query), prepare_record(record), record.subject_id)
