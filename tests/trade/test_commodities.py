"""HS codes, ranges and keywords."""

from __future__ import annotations

import pytest

from ictd.model.trade import CommodityRule
from ictd.trade import hs_problem, normalize_hs, parse_hs_range, rule_matches


def test_codes_are_normalised_and_checked() -> None:
    assert normalize_hs("2915.24") == "291524"
    assert normalize_hs("2939 41 00") == "29394100"
    assert hs_problem("2709") is None
    assert "no chapter 77" in (hs_problem("7701") or "")
    assert "no chapter 99" in (hs_problem("9999") or "")
    assert "2, 4, 6" in (hs_problem("270") or "")
    assert "digits" in (hs_problem("27A9") or "")


def test_ranges() -> None:
    assert parse_hs_range("2709-2710") == (("2709", "2710"), None)
    assert parse_hs_range("2939.41-2939.42") == (("293941", "293942"), None)
    assert parse_hs_range("7108") == (("7108", "7108"), None)
    assert "same number of digits" in (parse_hs_range("2709-271000")[1] or "")
    assert "ends before" in (parse_hs_range("2710-2709")[1] or "")


@pytest.mark.parametrize(
    ("codes", "description", "ranges", "keywords"),
    [
        (["27090000"], "", ["2709-2710"], []),
        (["2710"], "", ["2709-2710"], []),
        (["27"], "", ["2709-2710"], []),  # a coarse declaration may hold the goods
        (["2711"], "", [], []),
        (["291524"], "", ["291524"], []),
        (["2915"], "", ["291524"], []),
        (["291529"], "", [], []),
        ([], "Crude OIL, light", [], ["crude oil"]),
        ([], "crude oils", [], []),  # whole words only
        ([], "Ancient coins (antiquities)", [], ["antiquities"]),
    ],
)
def test_rules_match_codes_and_keywords(
    codes: list[str], description: str, ranges: list[str], keywords: list[str]
) -> None:
    rule = CommodityRule(
        agency="AAA",
        name="r",
        area_id=1,
        hs_ranges=(("2709", "2710"), ("291524", "291524")),
        keywords=("crude oil", "antiquities"),
    )
    assert rule_matches(rule, codes, description) == (ranges, keywords)
