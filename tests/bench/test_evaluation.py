"""``ictd eval``: the benchmark builder, the metrics and a small evaluation run.

The UN SC fixture is read once per module; runs use a small slice of it. No timings.
"""

from __future__ import annotations

import json
import math
import random
import sys
from collections import Counter

import pytest
import typer
from typer.testing import CliRunner

from ictd.bench.eval_cases import Benchmark, build_benchmark
from ictd.bench.eval_fit import fit_calibration, fit_weights
from ictd.bench.eval_metrics import calibration, scores_of
from ictd.bench.eval_report import format_markdown, to_json
from ictd.bench.eval_variants import initials, missing_middle, name_order, particles
from ictd.bench.evaluation import EvalReport, run_evaluation
from ictd.cli.evaluate import eval_command
from ictd.exc import IctdError
from ictd.ingest import UN_SC_LIST, read_un_sc
from ictd.matching import Feature, Match, weights
from ictd.matching.script import Script, detect_script
from ictd.matching.weights import logit_of, probability
from ictd.model import Subject

UN_FILE = UN_SC_LIST
POSITIVE = {
    "alias",
    "original-to-latin",
    "latin-to-original",
    "order",
    "missing-middle",
    "initials",
    "typos",
    "transliteration",
    "particles",
    "honorific",
    "legal-form",
    "org-typos",
}
NEGATIVE = {"neg-common", "neg-one-part", "neg-recombined", "neg-org", "neg-conflict"}


@pytest.fixture(scope="module")
def listed() -> list[tuple[str, Subject]]:
    return [(r.key, r.subject) for r in read_un_sc(UN_FILE).records]


@pytest.fixture(scope="module")
def bench(listed: list[tuple[str, Subject]]) -> Benchmark:
    return build_benchmark(listed, seed=7, per_category=40)


def test_builder_is_deterministic(listed: list[tuple[str, Subject]], bench: Benchmark) -> None:
    again = build_benchmark(listed, seed=7, per_category=40)
    assert [(c.id, c.query, c.truth, c.split) for c in again.cases] == [
        (c.id, c.query, c.truth, c.split) for c in bench.cases
    ]
    other = build_benchmark(listed, seed=8, per_category=40)
    assert [c.query for c in other.cases] != [c.query for c in bench.cases]


def test_every_category_is_populated_in_both_halves(bench: Benchmark) -> None:
    counts = Counter((c.category, c.split) for c in bench.cases)
    for category in POSITIVE | NEGATIVE:
        assert counts[(category, "train")] > 0, category
        assert counts[(category, "test")] > 0, category
    assert max(counts.values()) <= 40


def test_labels_point_into_the_case_index(bench: Benchmark) -> None:
    held = {kind: {r.subject_id for r in records} for kind, records in bench.indexes.items()}
    split = {s.id: s.split for s in bench.subjects}
    for case in bench.cases:
        if case.category.startswith("neg"):
            assert case.truth is None and case.index == "full"
        else:
            assert case.truth in held[case.index]
            assert case.split == split[case.truth]  # a subject's queries stay in its half


def test_indexes_hold_the_names_each_direction_needs(bench: Benchmark) -> None:
    assert all(len(r.names) == 1 for r in bench.indexes["primary"])
    latin = [n for r in bench.indexes["latin"] for n in r.names]
    assert all(detect_script(n) is Script.LATIN for n in latin)
    original = [n for r in bench.indexes["original"] for n in r.names]
    assert original and not any(detect_script(n) is Script.LATIN for n in original)
    for case in bench.cases:
        if case.category == "original-to-latin":
            assert detect_script(case.query.names[0]) is not Script.LATIN


def test_split_is_about_half_of_the_subjects(bench: Benchmark) -> None:
    train = sum(s.split == "train" for s in bench.subjects)
    assert abs(train - len(bench.subjects) / 2) <= 1


def test_variants_rewrite_names_as_lists_do() -> None:
    import random

    rng = random.Random(1)
    assert name_order("Ayman al-Zawahiri", rng) in ("AL-ZAWAHIRI, Ayman", "al-Zawahiri Ayman")
    assert missing_middle("Ayman Muhammad al-Zawahiri", rng) == "Ayman al-Zawahiri"
    assert initials("Ayman Zawahiri", rng) == "A. Zawahiri"
    assert particles("Osama", rng) is None


def test_metrics_on_a_hand_made_example() -> None:
    answers = [((1, 0.9), (2, 0.6)), ((3, 0.2),), ((4, 0.7),)]
    truths = [1, 3, None]
    s = scores_of(answers, truths, 0.5)
    assert (s.recall_at_1, s.recall_at_10, s.recall) == (1.0, 1.0, 0.5)
    assert s.precision == pytest.approx(1 / 3)  # 1 right answer, 2 wrong ones at ≥ 0.5
    assert s.fpr == pytest.approx(2 / 3)  # two of three queries raise a wrong alert
    rows = calibration(answers, truths)
    assert sum(n for _, _, n, _, _ in rows) == 4


def test_fit_keeps_weights_non_negative() -> None:
    good = Match(1, 0.9, (Feature("name_match", 0.9, ""), Feature("dob_day_match", 1.0, "")))
    bad = Match(2, 0.4, (Feature("name_match", 0.3, ""), Feature("dob_year_mismatch", -1.0, "")))
    fit = fit_weights([(good, False, True), (bad, False, False)] * 40, steps=300)
    assert all(w >= 0 for w in fit.weights.values())
    assert fit.weights["name_match"] > 0


def test_calibration_fit_follows_the_truth_rate() -> None:
    # scores as the matcher gives them; the truth follows sigmoid(2 × log-odds - 0.5)
    rng = random.Random(5)
    scores, labels = [], []
    for _ in range(40_000):
        logit = rng.uniform(-4.0, 4.0)
        scores.append(probability(logit))
        labels.append(rng.random() < 1.0 / (1.0 + math.exp(-(2.0 * logit - 0.5))))
    knots = fit_calibration(scores, labels)
    assert len(knots) >= 6
    xs, ys = [x for x, _ in knots], [y for _, y in knots]
    assert xs == sorted(xs) and ys == sorted(ys) and len(set(ys)) == len(ys)
    for x, y in knots:
        if -1.5 <= x <= 1.5:
            assert y == pytest.approx(2.0 * x - 0.5, abs=0.4)


def test_calibration_fit_pools_bins_whose_truth_rate_falls() -> None:
    scores = [0.15] * 100 + [0.25] * 100 + [0.95] * 100
    labels = [i < 30 for i in range(100)] + [i < 10 for i in range(100)] + [True] * 100
    knots = fit_calibration(scores, labels)
    assert len(knots) == 2  # the first two bins pooled: 40 true of 200
    assert knots[0][1] == pytest.approx(math.log(0.2 / 0.8), abs=1e-3)
    assert knots[1][1] == pytest.approx(math.log(0.998 / 0.002), abs=1e-3)


def test_calibration_map_keeps_the_order(monkeypatch: pytest.MonkeyPatch) -> None:
    knots = ((-3.0, -4.0), (0.0, 0.5), (2.0, 4.0))
    monkeypatch.setattr(weights, "CALIBRATION", knots)
    logits = [-50.0, -5.0, -3.0, -0.3, 0.0, 0.2, 2.0, 3.0, 50.0]
    values = [probability(x) for x in logits]
    assert values == sorted(values) and len(set(values[1:-1])) == len(values) - 2
    assert probability(0.0) == pytest.approx(1 / (1 + math.exp(-0.5)))
    assert probability(1.0) == pytest.approx(1 / (1 + math.exp(-2.25)))
    for x in (-5.0, -3.0, -0.3, 0.2, 3.0):
        assert logit_of(probability(x)) == pytest.approx(x, abs=1e-9)


def test_a_small_run_gives_numbers_in_range(listed: list[tuple[str, Subject]]) -> None:
    run = run_evaluation(listed[::8], seed=3, per_category=6, corpus_size=300)
    assert [r.corpus for r in run.reports] == ["un", "synthetic"]
    for report in run.reports:
        _check_report(report)
    text = format_markdown(run, "ictd eval")
    assert "| overall |" in text and "Reliability" in text and "synthetic corpus" in text
    assert json.dumps(to_json(run, "ictd eval"))


def _check_report(report: EvalReport) -> None:
    assert report.cases and all(c.split == "test" for c in report.cases)
    for _, rows in report.groups():
        for value in report.scores(rows).to_dict().values():
            assert value is None or 0 <= value <= max(1, len(report.cases))
    overall = report.scores(range(len(report.cases)))
    for value in (overall.recall_at_1, overall.precision, overall.recall, overall.f1):
        assert value is not None and 0.0 <= value <= 1.0


def test_compare_without_nomenklatura_fails_clearly(
    listed: list[tuple[str, Subject]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "nomenklatura", None)  # as if it were not installed
    monkeypatch.setitem(sys.modules, "nomenklatura.matching", None)
    with pytest.raises(IctdError, match="nomenklatura"):
        run_evaluation(listed[:50], compare=True)
    app = typer.Typer()
    app.command()(eval_command)
    result = CliRunner().invoke(app, ["--compare", "--un-file", str(UN_FILE)])
    assert result.exit_code == 1
    assert "nomenklatura" in result.output
