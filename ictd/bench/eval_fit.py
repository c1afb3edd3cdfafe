"""Fitting the scorer's weights: a logistic regression on the training half of the benchmark.

Each (query, answer) pair among a training query's first answers is one example, labelled by
whether the answer is the query's true subject; its features are the ``Feature`` values of the
match explanation (unmatched-part penalties scaled for organisations, as the scorer does). The
fit is plain batch gradient descent (Adam) on the log-loss with a little L2, keeping every
weight ≥ 0 (a conflict is a negative value, never a negative weight) and finer birth-date
agreement weighing more than coarser (``ORDERED``). Features seen in fewer
than ``MIN_SUPPORT`` examples, and those in ``FIXED``, keep their hand-set weight.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ictd.matching import WEIGHTS, Match
from ictd.matching.weights import ORG_UNMATCHED_FACTOR, logit_of

__all__ = [
    "Fit",
    "feature_row",
    "fit_calibration",
    "fit_calibration_logits",
    "fit_weights",
    "format_weights",
]

MIN_SUPPORT = 30
FIXED = frozenset(
    {
        "dob_day_match",
        "dob_month_match",
        "dob_year_match",
        "schema_mismatch",
        "identifier_match",
        "identifier_mismatch",
        "gender_match",
        "gender_mismatch",
    }
)
"""Set by hand, never fitted: a hard rule (schema), facts the UN list rarely holds, and the
birth-date agreements — on benchmarks of a few thousand subjects a shared birth date is all
but decisive (fitted: 3 to 8), on an index of millions many people share one."""
ORDERED = ("dob_year_match", "dob_month_match", "dob_day_match")
"""Finer birth-date agreement weighs more: each weight at least ``ORDER_GAP`` above the last."""
ORDER_GAP = 0.2
MIN_WEIGHT = 0.05
"""Every fitted weight is at least this: a feature the scorer reports always counts a little."""
_ORG_SCALED = frozenset({"name_query_parts_unmatched", "name_subject_parts_unmatched"})


@dataclass(frozen=True, slots=True)
class Fit:
    """Fitted bias and weights, the examples used and the training log-loss."""

    bias: float
    weights: dict[str, float]
    examples: int
    positives: int
    log_loss: float
    calibration: tuple[tuple[float, float], ...] | None = None  # knots for the weights in force
    cv_log_loss: dict[str, float] | None = None  # per benchmark, out-of-fold
    in_force_log_loss: dict[str, float] | None = None  # per benchmark, the weights in force


def feature_row(match: Match, org: bool) -> dict[str, float]:
    """The feature values of ``match`` as the fit sees them (organisations' penalties scaled)."""
    row: dict[str, float] = {}
    for f in match.explanation:
        scale = ORG_UNMATCHED_FACTOR if org and f.feature in _ORG_SCALED else 1.0
        row[f.feature] = row.get(f.feature, 0.0) + f.value * scale
    return row


def _design(
    examples: Sequence[tuple[Match, bool, bool]], names: list[str]
) -> tuple[np.ndarray, np.ndarray]:
    x = np.zeros((len(examples), len(names)))
    y = np.zeros(len(examples))
    column = {name: i for i, name in enumerate(names)}
    for r, (match, org, label) in enumerate(examples):
        for feature, value in feature_row(match, org).items():
            x[r, column[feature]] = value
        y[r] = float(label)
    return x, y


def _order(w: np.ndarray, free: np.ndarray, chain: list[int]) -> None:
    """Project ``w`` so that weights along ``chain`` rise by ``ORDER_GAP``, moving free ones."""
    for low, high in itertools.pairwise(chain):
        if w[high] < w[low] + ORDER_GAP:
            if free[high]:
                w[high] = w[low] + ORDER_GAP
            elif free[low]:
                w[low] = max(MIN_WEIGHT, w[high] - ORDER_GAP)


def fit_weights(
    examples: Iterable[tuple[Match, bool, bool]],
    start: Mapping[str, float] | None = None,
    steps: int = 3000,
    l2: float = 1e-5,
    sample_weights: Sequence[float] | None = None,
) -> Fit:
    """Fit on ``examples`` of (match, answer is an organisation, answer is the truth).

    ``sample_weights`` weigh the examples in the log-loss (all 1 when not given).
    """
    data = list(examples)
    names = sorted(WEIGHTS)
    x, y = _design(data, names)
    sw = np.ones(len(data)) if sample_weights is None else np.asarray(sample_weights, float)
    sw = sw * (len(data) / max(float(sw.sum()), 1e-12))
    init = dict(WEIGHTS if start is None else start)
    support = (x != 0).sum(axis=0)
    free = (support >= MIN_SUPPORT) & np.array([n not in FIXED for n in names])
    w = np.array([init[n] for n in names], dtype=np.float64)
    fixed_logit = x[:, ~free] @ w[~free]
    params = np.concatenate([[-1.0], w[free]])
    xf = np.hstack([np.ones((len(data), 1)), x[:, free]])
    m = np.zeros_like(params)
    v = np.zeros_like(params)
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, steps + 1):
        p = 1.0 / (1.0 + np.exp(-np.clip(xf @ params + fixed_logit, -40, 40)))
        grad = xf.T @ (sw * (p - y)) / len(y)
        grad[1:] += l2 * params[1:]
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad**2
        params -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
        params[1:] = np.maximum(params[1:], MIN_WEIGHT)
        w[free] = params[1:]
        _order(w, free, [names.index(n) for n in ORDERED])
        params[1:] = w[free]
    p = 1.0 / (1.0 + np.exp(-np.clip(xf @ params + fixed_logit, -40, 40)))
    eps = 1e-12
    loss = float(-np.mean(sw * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))))
    return Fit(
        bias=float(params[0]),
        weights={n: round(float(w[i]), 2) for i, n in enumerate(names)},
        examples=len(data),
        positives=int(y.sum()),
        log_loss=loss if math.isfinite(loss) else float("nan"),
    )


CALIBRATION_BINS = 10
"""Score bins of equal width whose truth rates the calibration map follows."""


def fit_calibration(
    scores: Sequence[float], labels: Sequence[bool]
) -> tuple[tuple[float, float], ...]:
    """Knots of the calibration map for the weights in force, from answers with known truth.

    ``scores`` are scores as the matcher gives them now; the log-odds behind them are
    recovered (``weights.logit_of``) and grouped in ``CALIBRATION_BINS`` bins of score. Each
    bin gives one knot: (mean log-odds in the bin, log-odds of the share of true answers),
    made increasing by pooling adjacent violators (isotonic regression over the bins) and
    clipped to shares in [0.002, 0.998]. ``weights.probability`` interpolates between them.
    """
    return _knots(scores, [logit_of(s) for s in scores], labels)


def fit_calibration_logits(
    logits: Sequence[float], labels: Sequence[bool], weights: Sequence[float] | None = None
) -> tuple[tuple[float, float], ...]:
    """Knots of the calibration map from the model's log-odds (before any map), binned by
    their probability, each answer counted with its weight; as ``fit_calibration`` otherwise."""
    scores = [1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z)))) for z in logits]
    return _knots(scores, logits, labels, weights)


def _knots(
    scores: Sequence[float],
    logits: Sequence[float],
    labels: Sequence[bool],
    weights: Sequence[float] | None = None,
) -> tuple[tuple[float, float], ...]:
    bins: list[list[float]] = [[0.0, 0.0, 0.0] for _ in range(CALIBRATION_BINS)]
    counted = [1.0] * len(scores) if weights is None else weights
    for score, logit, label, weight in zip(scores, logits, labels, counted, strict=True):
        k = min(CALIBRATION_BINS - 1, int(score * CALIBRATION_BINS))
        bins[k][0] += weight
        bins[k][1] += weight * logit
        bins[k][2] += weight * float(label)
    # pool adjacent bins whose share of true answers does not rise (isotonic regression)
    pooled: list[list[float]] = []
    for count, logit_sum, true in (b for b in bins if b[0] > 0):
        pooled.append([count, logit_sum, true])
        while len(pooled) > 1 and pooled[-2][2] / pooled[-2][0] >= pooled[-1][2] / pooled[-1][0]:
            last = pooled.pop()
            pooled[-1] = [pooled[-1][k] + last[k] for k in range(3)]
    knots: list[tuple[float, float]] = []
    for count, logit_sum, true in pooled:
        share = min(0.998, max(0.002, true / count))
        y = round(math.log(share / (1 - share)), 3)
        if knots:  # strictly increasing, also where clipping made two shares equal
            y = max(y, round(knots[-1][1] + 0.01, 3))
        knots.append((round(logit_sum / count, 3), y))
    return tuple(knots)


def _losses(losses: dict[str, float]) -> str:
    return ", ".join(f"{name} {loss:.4f}" for name, loss in losses.items())


def format_weights(fit: Fit, command: str) -> str:
    """The fitted bias and weights as Python source for ``ictd.matching.weights``."""
    lines = [
        f"# Fitted by `{command}` on {fit.examples} training pairs",
        f"# ({fit.positives} true), log-loss {fit.log_loss:.4f}.",
        *([f"# Cross-validated log-loss: {_losses(fit.cv_log_loss)}."] if fit.cv_log_loss else []),
        *(
            [f"# Log-loss of the weights in force: {_losses(fit.in_force_log_loss)}."]
            if fit.in_force_log_loss
            else []
        ),
        f"BIAS = {fit.bias:.2f}",
        "WEIGHTS = {",
        *(f'    "{name}": {value},' for name, value in fit.weights.items()),
        "}",
    ]
    if fit.calibration is not None:
        lines += [
            "# Calibration (for the weights above when fitted by cross-validation, else for",
            "# the weights in force):",
            "CALIBRATION = (",
            *(f"    ({x}, {y})," for x, y in fit.calibration),
            ")",
        ]
    return "\n".join(lines)
