"""The score bound that lets ``MatchIndex.search`` skip candidates that cannot matter.

``score_bound`` is an upper bound on what ``score_prepared`` gives a candidate: the name part
comes from ``ictd.matching.bound`` (exact with the compiled kernel, an upper bound without
it), and every other feature is computed exactly by the same functions the scorer uses. A
small margin on the log-odds covers rounding, so skipping a candidate whose bound is below the
cut never changes a result.

Most candidates of a query that matches nobody (most travellers) are out on their names
alone: ``score_bounds`` first adds the best pull any record's facts could give the query
(``facts_ceiling``) and compares the facts of the candidate only when that still reaches the
threshold.
"""

from __future__ import annotations

import math

from ictd.matching.features import FACT_FEATURES
from ictd.matching.record import Prepared, is_org_schema
from ictd.matching.scorer import _weight
from ictd.matching.weights import BIAS, logit_of, probability

__all__ = [
    "MARGIN",
    "FactsMemo",
    "facts_ceiling",
    "facts_pull",
    "score_bound",
    "score_bounds",
]


MARGIN = 1e-6
"""Added to the bound's log-odds, far above any difference in rounding."""


FactsMemo = dict[object, tuple[float, bool]]
"""Facts' pull on the log-odds and whether the score is capped, by what they were computed on."""


def facts_pull(
    query: Prepared, facts: Prepared, memo: FactsMemo | None = None
) -> tuple[float, bool]:
    """The pull of every feature but the names on the log-odds, and whether it is capped.

    Capped: the query has no names and no identifier agrees, so the score stays below
    ``probability(-5)`` (without names only an identifier can make a match). ``memo`` keeps the
    answer across the candidates of one query: by the record's kind when the query gives
    nothing but names (then only the kind can disagree), else by the ``facts`` object, which
    the caller keeps alive while it holds the memo.
    """
    names_only = not (query.birth_dates or query.nationalities or query.gender or query.identifiers)
    key: object = ("schema", facts.schema) if names_only else id(facts)
    found = memo.get(key) if memo is not None else None
    if found is None:
        org = bool(is_org_schema(facts.schema))
        pull, identified = 0.0, False
        for function in FACT_FEATURES:
            for feature in function(query, facts):
                pull += _weight(feature.feature, org) * feature.value
                identified = identified or feature.feature == "identifier_match"
        found = (pull, not query.names and not identified)
        if memo is not None:
            memo[key] = found
    return found


def facts_ceiling(query: Prepared, identified: bool) -> float:
    """An upper bound on ``facts_pull`` of ``query`` against any record, by its own facts.

    The bound is the pull against a record that has exactly the query's facts (its birth
    dates, nationalities, gender and kind): every fact feature gives its largest value for
    the same fact (a birth date agrees best with itself). With ``identified`` False the
    record is taken to hold none of the query's identifiers: an identifier can then only
    conflict, which pulls the score down, so it is left out.
    """
    ideal = Prepared(
        schema=query.schema,
        names=(),
        birth_dates=query.birth_dates,
        nationalities=query.nationalities,
        gender=query.gender,
        identifiers=dict(query.identifiers) if identified else {},
    )
    return facts_pull(query, ideal)[0]


def score_bounds(
    query: Prepared,
    facts: list[Prepared],
    pulls: list[float],
    memo: FactsMemo,
    threshold: float = 0.0,
) -> list[float]:
    """``score_bound`` of many candidates at once: ``pulls`` from ``bound.name_bounds``.

    A candidate whose name pull leaves it below ``threshold`` even with the best facts any
    record could have (``facts_ceiling``) gets a bound below ``threshold`` without its facts
    being compared. Candidates holding none of the query's identifiers come as ``facts``
    without identifiers (their bound then leaves out a conflicting identifier).
    """
    floor = logit_of(threshold) - MARGIN if threshold > 0.0 else -math.inf
    low = probability(floor)
    if low >= threshold:  # the calibration is flat there: compare every candidate's facts
        floor = -math.inf
    ceilings = (
        (facts_ceiling(query, False), facts_ceiling(query, True))
        if floor > -math.inf
        else (0.0, 0.0)
    )
    out = []
    for fact, pull in zip(facts, pulls, strict=True):
        logit = BIAS + MARGIN
        if query.names and pull == pull:  # not NaN: the record has names
            logit += pull
        if logit + ceilings[bool(fact.identifiers)] < floor:
            out.append(low)
            continue
        other, capped = facts_pull(query, fact, memo)
        logit += other
        if capped:
            logit = min(logit, -5.0 + MARGIN)
        out.append(probability(logit))
    return out


def score_bound(query: Prepared, facts: Prepared, pull: float) -> float:
    """An upper bound on the score of ``query`` against a record.

    ``facts`` is the record prepared without names; ``pull`` bounds the pull of the name
    features on the log-odds from above (``bound.name_bounds``; NaN when the record has no
    names).
    """
    return score_bounds(query, [facts], [pull], {})[0]
