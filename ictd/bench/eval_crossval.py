"""Fitting the weights and the calibration map by cross-validation over every benchmark.

The training examples are the first answers to the ``train`` queries of each benchmark (the
UN list and the synthetic corpus), each labelled by whether it is the query's true subject.
The queries are dealt into ``FOLDS`` folds (by a hash of their id, so the deal does not
depend on the order); for each fold the weights are fitted on the other folds
(``eval_fit.fit_weights``) and the held-out fold's log-odds are predicted with them. These
out-of-fold log-odds give

- the cross-validated log-loss per benchmark, an honest measure of the weights;
- the calibration map (``eval_fit.fit_calibration_logits``), fitted on log-odds that the
  weights producing them never saw, so that it does not inherit the fit's optimism;
- beside them, the log-loss of the weights in force (``ictd.matching.weights``) on the same
  examples, to tell whether a re-fit is worth pasting.

The weights in force are then fitted once on every training example. Each benchmark weighs
the same in every fit and in the calibration. The ``test`` halves are never used.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from ictd.bench.eval_cases import OTHER_NAME, Benchmark
from ictd.bench.eval_fit import Fit, feature_row, fit_calibration_logits, fit_weights
from ictd.matching import Match, MatchIndex
from ictd.matching import weights as in_force

__all__ = ["FOLDS", "Example", "fit_cross_validated", "training_examples"]

FOLDS = 5
DEPTH_KEPT = 10
"""Answers per query that count (the true subject is kept also when it ranks lower)."""


@dataclass(frozen=True, slots=True)
class Example:
    """One (query, answer) pair of a training query."""

    match: Match
    org: bool
    truth: bool
    rank: int
    query: str


def training_examples(
    bench: Benchmark,
    indexes: Mapping[str, MatchIndex],
    depth: int,
    progress: Callable[[int], None],
) -> list[Example]:
    """The examples of the ``train`` queries of ``bench`` (not the other-name aliases)."""
    train = [c for c in bench.cases if c.split == "train" and c.category != OTHER_NAME]
    orgs = {s.id for s in (*bench.subjects, *bench.decoys) if s.schema != "Person"}
    out = []
    for case in train:
        matches = indexes[case.index].search(case.query, limit=depth)
        progress(1)
        for rank, match in enumerate(matches):
            truth = match.subject_id == case.truth
            if rank < DEPTH_KEPT or truth:
                out.append(Example(match, match.subject_id in orgs, truth, rank, case.id))
    return out


def _fold(query: str) -> int:
    return zlib.crc32(query.encode()) % FOLDS


def _logit(fit: Fit, example: Example) -> float:
    row = feature_row(example.match, example.org)
    return fit.bias + sum(fit.weights.get(f, 0.0) * v for f, v in row.items())


def _log_loss(logits: Sequence[float], labels: Sequence[bool]) -> float:
    total = 0.0
    for z, y in zip(logits, labels, strict=True):
        p = 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))
        total -= math.log(max(1e-12, p if y else 1.0 - p))
    return total / max(1, len(logits))


def _triples(example: Example) -> tuple[Match, bool, bool]:
    return (example.match, example.org, example.truth)


def fit_cross_validated(examples: Mapping[str, list[Example]]) -> Fit:
    """Weights fitted on every example; calibration and log-loss from out-of-fold log-odds.

    ``examples`` maps each benchmark's name to its training examples. Every benchmark
    weighs the same in the fit and in the calibration, however many examples it has: the
    map must read right on each, not on the larger one.
    """
    everything = [(name, e) for name, items in examples.items() for e in items]
    share = {name: 1.0 / max(1, len(items)) for name, items in examples.items()}
    weight = [share[name] for name, _ in everything]
    out_of_fold: list[float] = [0.0] * len(everything)
    for fold in range(FOLDS):
        rows = [i for i, (_, e) in enumerate(everything) if _fold(e.query) != fold]
        fitted = fit_weights(
            (_triples(everything[i][1]) for i in rows), sample_weights=[weight[i] for i in rows]
        )
        for i, (_, e) in enumerate(everything):
            if _fold(e.query) == fold:
                out_of_fold[i] = _logit(fitted, e)
    losses = {}
    for name in examples:
        rows = [i for i, (n, _) in enumerate(everything) if n == name]
        losses[name] = _log_loss(
            [out_of_fold[i] for i in rows], [everything[i][1].truth for i in rows]
        )
    first = [i for i, (_, e) in enumerate(everything) if e.rank < DEPTH_KEPT]
    calibration = fit_calibration_logits(
        [out_of_fold[i] for i in first],
        [everything[i][1].truth for i in first],
        [weight[i] for i in first],
    )
    final = fit_weights((_triples(e) for _, e in everything), sample_weights=weight)
    current = replace(final, bias=in_force.BIAS, weights=dict(in_force.WEIGHTS))
    now = {
        name: _log_loss([_logit(current, e) for e in items], [e.truth for e in items])
        for name, items in examples.items()
    }
    return replace(final, calibration=calibration, cv_log_loss=losses, in_force_log_loss=now)
