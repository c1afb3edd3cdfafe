"""The weights of the logistic model that turns features into a calibrated score.

``score = 1 / (1 + exp(-(BIAS + Σ WEIGHTS[f] × value_f)))``. Every weight is positive; a feature
that conflicts carries a negative value. Weights were set by hand against the curated pairs in
``tests/matching`` so that a score is roughly the probability of a true match; re-fit them on the
evaluation set (``ictd eval``) when it grows.
"""

from __future__ import annotations

import math

__all__ = ["BIAS", "EVIDENCE_SCALE", "ORG_UNMATCHED_FACTOR", "WEIGHTS", "evidence_value"]

BIAS = -0.9
"""Log-odds of a match whose names cover each other fully but carry no evidence."""

EVIDENCE_SCALE = 1.2
"""How fast name evidence saturates: ``1 - exp(-evidence / EVIDENCE_SCALE)``."""

ORG_UNMATCHED_FACTOR = 1.6
"""Unmatched words weigh more in organisation names, where false matches come from."""

WEIGHTS: dict[str, float] = {
    # names
    "name_match": 3.4,
    "name_query_parts_unmatched": 4.6,
    "name_subject_parts_unmatched": 2.6,
    "name_single_part": 1.0,
    # birth date, by precision
    "dob_day_match": 2.2,
    "dob_month_match": 1.4,
    "dob_year_match": 0.8,
    "dob_range_match": 0.4,
    "dob_day_month_swapped": 0.8,
    "dob_day_mismatch": 1.6,
    "dob_year_near": 1.0,
    "dob_year_mismatch": 3.2,
    # other facts
    "nationality_match": 0.6,
    "nationality_mismatch": 1.2,
    "gender_match": 0.2,
    "gender_mismatch": 2.6,
    "identifier_match": 5.5,
    "identifier_mismatch": 1.0,
    "schema_mismatch": 6.0,
}


def evidence_value(evidence: float) -> float:
    """Name evidence (sum of matched part weights) mapped into [0, 1)."""
    return 1.0 - math.exp(-max(evidence, 0.0) / EVIDENCE_SCALE)
