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
from functools import lru_cache

from ictd.matching.features import FACT_VERDICTS, VerdictFunction, _date_verdict, dob_verdicts
from ictd.matching.record import Prepared, is_org_schema
from ictd.matching.scorer import _weight
from ictd.matching.weights import BIAS, WEIGHTS, logit_of, probability

__all__ = [
    "MARGIN",
    "NAME_CEILING",
    "Ceilings",
    "FactsMemo",
    "facts_ceiling",
    "facts_ceilings",
    "facts_pull",
    "query_ceilings",
    "reachable",
    "score_bound",
    "score_bounds",
]


MARGIN = 1e-6
"""Added to the bound's log-odds, far above any difference in rounding."""
NAME_CEILING = WEIGHTS["name_match"]
"""Above the pull of any names on the log-odds: ``name_match`` times a value below 1, less
penalties (``scorer._name_logit``; the bound without the kernel is below it too)."""


FactsMemo = dict[object, tuple[float, bool]]
"""Facts' pull on the log-odds and whether the score is capped, by what they were computed on."""
Ceilings = tuple[tuple[list[float], list[float]], tuple[float, float]]
"""``facts_ceilings`` of a query without and with its identifiers, and their sums."""


def _pull_of(
    function: VerdictFunction, query: Prepared, facts: Prepared, org: bool | None = None
) -> tuple[float, bool]:
    """The pull of one fact feature function (its verdicts, ``FACT_VERDICTS``) on the
    log-odds, and whether an identifier agreed. ``org``: whether ``facts`` is of an
    organisation, when the caller knows it already."""
    if org is None:
        org = bool(is_org_schema(facts.schema))
    pull, identified = 0.0, False
    for feature, value in function(query, facts):
        pull += _weight(feature, org) * value
        identified = identified or feature == "identifier_match"
    return pull, identified


def _names_only(query: Prepared) -> bool:
    """The query gives nothing but names: then only a record's kind can disagree with it."""
    return not (query.birth_dates or query.nationalities or query.gender or query.identifiers)


def _memo_key(query: Prepared, facts: Prepared) -> object:
    """What ``facts_pull`` is remembered by (written out in the loops over candidates)."""
    return ("schema", facts.schema) if _names_only(query) else id(facts)


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
    key = _memo_key(query, facts)
    found = memo.get(key) if memo is not None else None
    if found is None:
        pull, identified = 0.0, False
        for function in FACT_VERDICTS:
            part, agreed = _pull_of(function, query, facts)
            pull += part
            identified = identified or agreed
        found = (pull, not query.names and not identified)
        if memo is not None:
            memo[key] = found
    return found


def facts_ceilings(query: Prepared, identified: bool) -> list[float]:
    """Per fact feature function, an upper bound on its pull for ``query`` against any
    record, by the query's own facts.

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
    return [_pull_of(function, query, ideal)[0] for function in FACT_VERDICTS]


def facts_ceiling(query: Prepared, identified: bool) -> float:
    """An upper bound on ``facts_pull`` of ``query`` against any record (``facts_ceilings``)."""
    return sum(facts_ceilings(query, identified))


@lru_cache(maxsize=64)
def _floor(threshold: float) -> tuple[float, float]:
    """A log-odds below which a score stays below ``threshold``, and that score (-inf when
    there is none: the calibration is flat there, or the threshold is 0)."""
    if threshold <= 0.0:
        return -math.inf, 0.0
    floor = logit_of(threshold) - MARGIN
    low = probability(floor)
    return (floor, low) if low < threshold else (-math.inf, 0.0)


def score_bounds(
    query: Prepared,
    facts: list[Prepared],
    pulls: list[float],
    memo: FactsMemo,
    threshold: float = 0.0,
    ceilings: Ceilings | None = None,
) -> list[float]:
    """``score_bound`` of many candidates at once: ``pulls`` from ``bound.name_bounds``;
    ``ceilings``: ``query_ceilings(query)``, when the caller has them already.

    A candidate whose name pull leaves it below ``threshold`` even with the best facts any
    record could have (``facts_ceilings``) gets a bound below ``threshold`` without its facts
    being compared; else its facts are compared one feature function at a time (birth dates
    first), and it is out as soon as the ones compared and the best of the rest cannot
    reach the threshold. Candidates holding none of the query's identifiers come as
    ``facts`` without identifiers (their bound then leaves out a conflicting identifier).
    """
    floor, low = _floor(threshold)
    per_function, tops = ceilings or query_ceilings(query)
    names_only = _names_only(query)
    out = []
    for fact, pull in zip(facts, pulls, strict=True):
        logit = BIAS + MARGIN
        if query.names and pull == pull:  # not NaN: the record has names
            logit += pull
        key = ("schema", fact.schema) if names_only else id(fact)  # ``_memo_key``, inline
        with_facts = _with_facts(query, fact, memo, logit, per_function, tops, floor, key)
        out.append(low if with_facts is None else probability(with_facts))
    return out


def _with_facts(
    query: Prepared,
    fact: Prepared,
    memo: FactsMemo,
    logit: float,
    ceilings: tuple[list[float], list[float]],
    tops: tuple[float, float],
    floor: float,
    key: object,
) -> float | None:
    """``logit`` plus the facts' pull (remembered in ``memo`` under ``key``, ``_memo_key``),
    or None when even the best facts could not lift it to ``floor``."""
    held = bool(fact.identifiers)
    found = memo.get(key)
    if found is None:
        if logit + tops[held] < floor:
            return None
        found = _staged(query, fact, logit + tops[held], ceilings[held], floor)
        if found is None:
            return None
        memo[key] = found
    other, capped = found
    logit += other
    return min(logit, -5.0 + MARGIN) if capped else logit


def query_ceilings(query: Prepared) -> Ceilings:
    """``facts_ceilings`` without and with the query's identifiers, and their sums: what
    ``reachable`` and ``score_bounds`` need of the query, worked out once for both."""
    plain = facts_ceilings(query, False)
    ceilings = (plain, facts_ceilings(query, True) if query.identifiers else plain)
    return ceilings, (sum(ceilings[0]), sum(ceilings[1]))


def reachable(
    query: Prepared,
    facts: list[Prepared],
    memo: FactsMemo,
    threshold: float,
    ceilings: Ceilings | None = None,
) -> list[bool]:
    """Per candidate, whether it could reach ``threshold`` with the best names there are.

    The pull of the names on the log-odds is below ``NAME_CEILING`` whatever the names
    (``name_match`` times a value below 1, less penalties), so a candidate whose facts leave
    it below the threshold even with that pull has a ``score_bounds`` below it too and is
    never scored: its names need not be compared at all. A traveller gives a birth date,
    nationality and gender, and most candidates retrieved on the name disagree with one of
    them by far more than a name can make up for. The facts compared go into ``memo``, as
    ``score_bounds`` would put them. ``ceilings`` as for ``score_bounds``.
    """
    floor, _ = _floor(threshold)
    if floor == -math.inf or not facts:
        return [True] * len(facts)
    per_function, tops = ceilings or query_ceilings(query)
    base = BIAS + MARGIN + (NAME_CEILING if query.names else 0.0)
    names_only = _names_only(query)
    capped_at = -5.0 + MARGIN
    get = memo.get
    # the birth dates, ``_staged``'s first step, for the usual one date a side (``_dob_first``)
    dates = query.birth_dates
    one_date = dates[0] if len(dates) == 1 and _DOB_FIRST else None
    out = []
    for fact in facts:  # ``_with_facts`` written out: most candidates are out at once
        key = ("schema", fact.schema) if names_only else id(fact)  # ``_memo_key``, inline
        found = get(key)
        if found is None:
            held = bool(fact.identifiers)
            best = base + tops[held]
            if best < floor:
                out.append(False)
                continue
            theirs = fact.birth_dates
            if one_date is not None and len(theirs) == 1:
                feature, value = _date_verdict(one_date, theirs[0])
                if best + (WEIGHTS[feature] * value - per_function[held][0]) < floor:
                    out.append(False)  # out on the birth dates, as ``_staged`` finds
                    continue
            found = _staged(query, fact, best, per_function[held], floor)
            if found is None:
                out.append(False)
                continue
            memo[key] = found
        other, capped = found
        logit = base + other
        out.append((min(logit, capped_at) if capped else logit) >= floor)
    return out


def _dob_first() -> bool:
    """Whether ``reachable`` may test the birth dates before ``_staged``: they are its first
    fact function, and their weights do not depend on the record's kind (``_weight``)."""
    dob = [feature for feature in WEIGHTS if feature.startswith("dob_")]
    same = all(_weight(f, True) == _weight(f, False) == WEIGHTS[f] for f in dob)
    return FACT_VERDICTS[0] is dob_verdicts and same


_DOB_FIRST = _dob_first()


def _staged(
    query: Prepared, fact: Prepared, best: float, ceilings: list[float], floor: float
) -> tuple[float, bool] | None:
    """``facts_pull``, or None as soon as ``best`` (the log-odds with the best facts) less
    what the functions compared so far fall short of their ceilings is below ``floor``."""
    org = bool(is_org_schema(fact.schema))  # the same for every function
    pull, identified = 0.0, False
    for function, ceiling in zip(FACT_VERDICTS, ceilings, strict=True):
        part = 0.0  # ``_pull_of``, inline
        for feature, value in function(query, fact):
            part += _weight(feature, org) * value
            identified = identified or feature == "identifier_match"
        pull += part
        best += part - ceiling
        if best < floor:
            return None
    return pull, not query.names and not identified


def score_bound(query: Prepared, facts: Prepared, pull: float) -> float:
    """An upper bound on the score of ``query`` against a record.

    ``facts`` is the record prepared without names; ``pull`` bounds the pull of the name
    features on the log-odds from above (``bound.name_bounds``; NaN when the record has no
    names).
    """
    return score_bounds(query, [facts], [pull], {})[0]
