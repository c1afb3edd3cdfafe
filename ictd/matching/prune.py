"""The score bound that lets ``MatchIndex.search`` skip candidates that cannot matter.

``score_bound`` is an upper bound on what ``score_prepared`` gives a candidate: the name part is
bounded from its evidence bound (``ictd.matching.bound``) — ``name_match`` is the only name
feature that raises a score, and it grows with the evidence — and every other feature is
computed exactly by the same functions the scorer uses. A small margin on the log-odds covers
rounding, so skipping a candidate whose bound is below the cut never changes a result.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ictd.matching.bound import BlockBounds
from ictd.matching.features import FACT_FEATURES
from ictd.matching.record import Prepared, is_org_schema
from ictd.matching.scorer import _weight
from ictd.matching.segment import Segment
from ictd.matching.weights import BIAS, evidence_value

__all__ = ["MARGIN", "Candidate", "penalty_weights", "score_bound"]

MARGIN = 1e-6
"""Added to the bound's log-odds, far above any difference in rounding."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A retrieved candidate waiting to be scored, with its score bound."""

    bound: float
    subject_id: int
    segment: Segment
    row: int
    bounds: BlockBounds


def penalty_weights(org: bool) -> tuple[float, float]:
    """The weights of the query-side and record-side unmatched-part penalties."""
    return (
        _weight("name_query_parts_unmatched", org),
        _weight("name_subject_parts_unmatched", org),
    )


def score_bound(query: Prepared, facts: Prepared, evidence: float, penalty: float) -> float:
    """An upper bound on the score of ``query`` against a record.

    ``facts`` is the record prepared without names; ``evidence`` bounds the name evidence of
    the best alignment from above (negative when the record has no names), ``penalty`` its
    unmatched-part penalties from below.
    """
    org = bool(is_org_schema(facts.schema))
    logit = BIAS + MARGIN
    if query.names and evidence >= 0.0:
        logit += _weight("name_match", org) * evidence_value(evidence) - penalty
    identified = False
    for function in FACT_FEATURES:
        for feature in function(query, facts):
            logit += _weight(feature.feature, org) * feature.value
            identified = identified or feature.feature == "identifier_match"
    if not query.names and not identified:
        logit = min(logit, -5.0 + MARGIN)
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, logit))))
