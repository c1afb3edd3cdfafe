"""The weights of the logistic model that turns features into a calibrated score.

``score = probability(BIAS + Σ WEIGHTS[f] × value_f)``. Every weight is positive; a feature
that conflicts carries a negative value. ``BIAS`` and the weights of name and birth-date and
nationality features were fitted by logistic regression on the training half of the UN list
benchmark (``ictd eval --fit``, see ``ictd.bench.eval_fit``) and checked on the held-out half, so
that a score reads as the probability of a true match. Identifier, gender and schema weights are
set by hand: the UN list rarely holds those facts, and a schema conflict is a hard rule.
Re-fit when the features or the benchmark change, and paste the printed block here.

The logistic model alone reads too low between 0.6 and 0.9 and too high between 0.2 and
0.5 on the benchmark's answers (0.65 meant about 0.9): hand caps, fixed weights and the many
easy negatives the fit sees. ``probability`` therefore maps the log-odds through
``CALIBRATION``: knots fitted on the training half's first ten answers per query, one per
score decile, made increasing by isotonic regression (``ictd eval --fit`` prints them for
the weights in force; paste new weights first, then fit again). The map is increasing, so it
never changes an order, only what a score reads as.
"""

from __future__ import annotations

import itertools
import math

__all__ = [
    "BIAS",
    "CALIBRATION",
    "EVIDENCE_SCALE",
    "ORG_UNMATCHED_FACTOR",
    "WEIGHTS",
    "evidence_value",
    "logit_of",
    "probability",
]

# Fitted by `ictd eval --seed 7 --per-category 200 --depth 20 --fit` on 34706 training pairs
# (2323 true), log-loss 0.0419. Set by hand (``ictd.bench.eval_fit.FIXED``):
# identifier, gender and schema weights. Capped by hand: ``dob_day_match`` (fitted 5.99) — on
# a list of 1,000 subjects a shared full birth date is all but decisive, on millions it is not.
BIAS = -1.57
"""Log-odds of a match whose names cover each other fully but carry no evidence."""

EVIDENCE_SCALE = 1.2
"""How fast name evidence saturates: ``1 - exp(-evidence / EVIDENCE_SCALE)``."""

ORG_UNMATCHED_FACTOR = 1.6
"""Unmatched words weigh more in organisation names, where false matches come from."""

WEIGHTS: dict[str, float] = {
    # names
    "name_match": 5.12,
    "name_query_parts_unmatched": 5.35,
    "name_subject_parts_unmatched": 3.97,
    "name_single_part": 0.1,  # fitted 0.0; kept positive (a penalty never vanishes)
    "name_first_part_unmatched": 2.32,
    # birth date, by precision
    "dob_day_match": 2.4,
    "dob_month_match": 1.4,
    "dob_year_match": 1.2,
    "dob_range_match": 0.58,
    "dob_day_month_swapped": 0.8,
    "dob_day_mismatch": 1.72,
    "dob_year_near": 4.09,
    "dob_year_mismatch": 6.2,
    # other facts
    "nationality_match": 1.07,
    "nationality_mismatch": 3.41,
    "gender_match": 0.2,
    "gender_mismatch": 2.6,
    "identifier_match": 5.5,
    "identifier_mismatch": 1.0,
    "schema_mismatch": 6.0,
}


def evidence_value(evidence: float) -> float:
    """Name evidence (sum of matched part weights) mapped into [0, 1)."""
    return 1.0 - math.exp(-max(evidence, 0.0) / EVIDENCE_SCALE)


# Fitted by `ictd eval --seed 7 --per-category 200 --depth 20 --fit` for the weights above.
CALIBRATION: tuple[tuple[float, float], ...] = (
    (-10.026, -5.687),
    (-1.816, -2.725),
    (-1.129, -1.797),
    (-0.637, -1.048),
    (-0.202, -0.304),
    (0.171, 0.108),
    (0.624, 0.851),
    (1.127, 1.929),
    (1.819, 2.55),
    (3.915, 4.656),
)
"""Knots (model log-odds, calibrated log-odds), increasing in both; see ``probability``."""


def _through(x: float, knots: tuple[tuple[float, float], ...]) -> float:
    """Piecewise linear through ``knots`` (increasing in both), slope 1 beyond the ends."""
    if not knots:
        return x
    if x <= knots[0][0]:
        return knots[0][1] + (x - knots[0][0])
    for (x0, y0), (x1, y1) in itertools.pairwise(knots):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return knots[-1][1] + (x - knots[-1][0])


def probability(logit: float) -> float:
    """The calibrated probability of a match for the model's log-odds ``logit``.

    Piecewise linear through the ``CALIBRATION`` knots in log-odds, with slope 1 beyond the
    first and last knot: increasing everywhere, so it never changes an order.
    """
    z = _through(logit, CALIBRATION)
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


def logit_of(score: float) -> float:
    """The model's log-odds behind a calibrated ``score`` (the inverse of ``probability``)."""
    p = min(max(score, 1e-15), 1.0 - 1e-15)
    return _through(math.log(p / (1.0 - p)), tuple((y, x) for x, y in CALIBRATION))
