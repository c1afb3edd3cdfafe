"""The public surface of ``ictd.matching`` is what the screening service is written against."""

from __future__ import annotations

import ictd.matching

CONTRACT = {
    "IndexRecord",
    "Query",
    "QueryIdentifier",
    "Match",
    "Feature",
    "MatchIndex",
    "record_from_subject",
    "DEFAULT_THRESHOLD",
    "score_pair",
}


def test_contract_is_exported() -> None:
    assert set(ictd.matching.__all__) >= CONTRACT
    for name in ictd.matching.__all__:
        assert getattr(ictd.matching, name) is not None


def test_default_threshold_is_a_probability() -> None:
    assert 0.0 < ictd.matching.DEFAULT_THRESHOLD < 1.0


def test_every_weighted_feature_is_documented_in_weights() -> None:
    for feature, weight in ictd.matching.WEIGHTS.items():
        assert weight > 0, feature
