"""``ictd bench load``: a short real run (two ``ictd serve`` processes) on SQLite and on
PostgreSQL whose counts add up and whose accepted movements are all stored once; the mix,
the plan and the reconciliation on their own. Nothing here depends on how fast anything is:
route counts come from the seed, never from time."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from ictd.bench.load import LoadOptions, bench_load
from ictd.bench.load_plan import ROUTES, Mix, build_plan, parse_mix
from ictd.bench.load_report import format_load_report
from ictd.bench.reconcile import Answer, reconcile
from ictd.exc import InvalidInput
from tests.cli.test_cli import ictd, refused


def _routes(total: int, mix: Mix, seed: int) -> Counter[str]:
    """The route of each planned request depends on the seed and the count only."""
    return Counter(c.route for c in build_plan(total, mix, seed, [["Anna Moreau"]], [1]))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_short_run_answers_everything_and_loses_no_movement(
    backend: str, request: pytest.FixtureRequest
) -> None:
    # the session's PostgreSQL database names the server; the run creates its own there
    server = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    options = LoadOptions(rate=30, duration=3, workers=2, listed=30, clients=8, seed=5)
    result = bench_load(options, server)

    assert result.backend == ("PostgreSQL" if backend == "postgresql" else "SQLite")
    planned = _routes(options.requests, options.mix, options.seed)
    assert {r.route: r.count for r in result.routes} == dict(planned)
    assert sum(r.count for r in result.routes) == options.requests == 90
    for row in result.routes:
        assert row.ok == row.count, row  # no 4xx, no 5xx, no transport error
        assert row.server_errors == row.transport_errors == row.client_errors == 0
        assert 0 < row.p50_ms <= row.p90_ms <= row.p99_ms <= row.max_ms
    assert result.errors == 0
    assert len(result.server_cpu) == 2 and result.generator_cpu >= 0

    rec = result.reconciliation
    warm_movements = _routes(12 * 2, options.mix, options.seed + 1)["movement"]
    assert rec.sent == planned["movement"] + warm_movements
    assert rec.accepted == rec.found_once == rec.sent
    assert (rec.lost, rec.duplicated, rec.mismatched, rec.unknown) == (0, 0, 0, 0)
    assert rec.stored_unanswered == 0 and rec.is_clean
    report = format_load_report(result, "ictd bench load")
    assert report.startswith("`ictd bench load`")
    assert "lost 0, duplicated 0" in report


def test_the_plan_honours_the_mix_within_what_chance_allows() -> None:
    total, mix = 2000, Mix()
    counts = _routes(total, mix, 1)
    assert sum(counts.values()) == total
    for route, share in mix.route_shares().items():
        spread = 4 * math.sqrt(total * share * (1 - share))  # four standard deviations
        assert abs(counts[route] - share * total) <= spread, (route, counts)
    assert set(_routes(500, parse_mix("0/100/0"), 3)) == {"movement"}


def test_the_same_seed_sends_the_same_requests_with_unique_movement_keys() -> None:
    listed, ids = [["Usama Bin Ladin"], ["Ayman al-Zawahiri"]], [3, 4]
    first = build_plan(300, Mix(), 9, listed, ids)
    second = build_plan(300, Mix(), 9, listed, ids)
    strip = [(c.route, c.path, c.key, c.params) for c in first]
    assert strip == [(c.route, c.path, c.key, c.params) for c in second]
    assert [c.body for c in first if c.route == "screen"] == [
        c.body for c in second if c.route == "screen"
    ]
    keys = [c.key for c in first if c.route == "movement"]
    assert len(keys) == len(set(keys)) > 0
    assert {c.route for c in first} == set(ROUTES)
    assert {c.role for c in first if c.route == "alerts"} == {"AAA:duty-officer"}


def test_a_mix_is_three_shares() -> None:
    assert parse_mix("70/20/10") == Mix(0.7, 0.2, 0.1)
    assert parse_mix("7/2/1") == Mix(0.7, 0.2, 0.1)
    assert str(Mix()) == "70/20/10"
    for bad in ("70/30", "a/b/c", "-1/50/51", "0/0/0"):
        with pytest.raises(InvalidInput):
            parse_mix(bad)


def test_reconciliation_names_each_kind_of_disagreement() -> None:
    sent = {
        "a": Answer(1, "no-hit"),  # stored once, as answered
        "b": Answer(2, "hit"),  # lost
        "c": Answer(3, "no-hit"),  # stored twice
        "d": Answer(4, "hit"),  # stored with another result
        "e": None,  # no answer, but stored
        "f": None,  # no answer, not stored
    }
    stored = [("a", 1, "no-hit"), ("c", 3, "no-hit"), ("c", 9, "no-hit"),
              ("d", 4, "no-hit"), ("e", 5, "hit"), ("z", 6, "no-hit")]  # fmt: skip
    rec = reconcile(sent, stored)
    assert (rec.sent, rec.accepted, rec.found_once) == (6, 4, 2)
    assert (rec.lost, rec.duplicated, rec.mismatched) == (1, 1, 1)
    assert (rec.stored_unanswered, rec.unknown) == (1, 1)
    assert not rec.is_clean
    assert reconcile({"a": Answer(1, "hit")}, [("a", 1, "hit")]).is_clean


def test_bad_options_are_refused_before_anything_runs() -> None:
    refused(ictd("sqlite:///unused.db", "bench", "load", "--mix", "1/2"), "--mix")
    run = ictd("sqlite:///unused.db", "bench", "load", "--database-url", "sqlite:///x.db")
    refused(run, "--database-url")
