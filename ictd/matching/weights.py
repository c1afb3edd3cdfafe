"""The weights of the logistic model that turns features into a calibrated score.

``score = probability(BIAS + Σ WEIGHTS[f] × value_f)``. Every weight is positive or zero; a
feature that conflicts carries a negative value. ``BIAS`` and the weights of the name,
birth-date conflict and nationality features were fitted by logistic regression on the
training halves of both benchmarks of ``ictd eval`` — the UN list and the synthetic
multilingual corpus — by cross-validation (``ictd eval --fit``, see
``ictd.bench.eval_crossval``) and checked on the held-out halves, so that a score reads as the
probability of a true match on names the fit never saw. Identifier, gender and schema weights
and the birth-date agreements are set by hand (``eval_fit.FIXED``). Re-fit when the
features or the benchmarks change, and paste the printed block here.

``probability`` maps the log-odds through ``CALIBRATION``: knots fitted on the out-of-fold
log-odds of the training halves' first ten answers per query (log-odds that the weights
producing them never saw), one per score decile, made increasing by isotonic regression. The
map is increasing, so it never changes an order, only what a score reads as.
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

# Fitted by `ictd eval --seed 7 --per-category 200 --depth 20 --fit` on 89337 training pairs
# (6392 true) of the train halves of the UN list and the synthetic corpus, log-loss 0.0361;
# cross-validated (5 folds) log-loss: UN 0.0422, synthetic 0.0304. Set by hand
# (``ictd.bench.eval_fit.FIXED``): identifier, gender and schema weights, and the birth-date
# agreements — on a list of thousands a shared full birth date is all but decisive, on
# millions it is not.
BIAS = -1.06
"""Log-odds of a match whose names cover each other fully but carry no evidence."""

EVIDENCE_SCALE = 1.2
"""How fast name evidence saturates: ``1 - exp(-evidence / EVIDENCE_SCALE)``."""

ORG_UNMATCHED_FACTOR = 1.6
"""Unmatched words weigh more in organisation names, where false matches come from."""

WEIGHTS: dict[str, float] = {
    # names
    "name_match": 3.97,
    "name_query_parts_unmatched": 7.91,
    "name_subject_parts_unmatched": 5.21,
    "name_single_part": 0.05,
    "name_first_part_unmatched": 1.9,
    "name_last_part_unmatched": 1.02,
    # birth date, by precision
    "dob_day_match": 2.4,
    "dob_month_match": 1.4,
    "dob_year_match": 1.2,
    "dob_range_match": 0.16,
    "dob_day_month_swapped": 0.8,
    "dob_day_mismatch": 1.91,
    "dob_year_near": 4.17,
    "dob_year_mismatch": 6.46,
    # other facts
    "nationality_match": 2.22,
    "nationality_mismatch": 2.82,
    "gender_match": 0.2,
    "gender_mismatch": 2.6,
    "identifier_match": 5.5,
    "identifier_mismatch": 1.0,
    "schema_mismatch": 6.0,
}


def evidence_value(evidence: float) -> float:
    """Name evidence (sum of matched part weights) mapped into [0, 1)."""
    return 1.0 - math.exp(-max(evidence, 0.0) / EVIDENCE_SCALE)


# Fitted by `ictd eval --seed 7 --per-category 200 --depth 20 --fit` for the weights above, on
# their out-of-fold log-odds (``ictd.bench.eval_crossval``).
CALIBRATION: tuple[tuple[float, float], ...] = (
    (-11.479, -6.208),
    (-1.584, -2.639),
    (-0.636, -1.208),
    (-0.202, -0.917),
    (0.229, -0.199),
    (0.655, 0.849),
    (1.151, 1.45),
    (1.876, 2.596),
    (4.558, 4.791),
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
