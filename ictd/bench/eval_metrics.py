"""Quality numbers of ``ictd eval`` from ranked answers: recall@k, precision, recall, F1,
false-positive rate at a threshold, and the reliability of scores (calibration).

Definitions, per query (a *hit* here is any answer scoring at or above the threshold):

- **recall@k**: share of positive queries whose true subject is among the first k answers;
- **recall**: share of positive queries whose true subject scores at or above the threshold;
- **precision**: share of (query, subject) answers at or above the threshold that are right;
- **FPR**: share of queries with at least one *wrong* subject at or above the threshold (for a
  negative query every answer is wrong, so this is the usual false-positive rate; for a
  positive query it counts false alerts beside or instead of the true subject);
- **F1**: harmonic mean of precision and recall.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Ranked", "Scores", "calibration", "scores_of", "sweep"]

Ranked = tuple[tuple[int, float], ...]
"""Answers to one query: (subject id, score), best first."""


@dataclass(frozen=True, slots=True)
class Scores:
    """The quality numbers of one group of queries; ``None`` where a number is undefined."""

    queries: int
    positives: int
    recall_at_1: float | None
    recall_at_10: float | None
    precision: float | None
    recall: float | None
    f1: float | None
    fpr: float

    def to_dict(self) -> dict[str, float | int | None]:
        return {
            "queries": self.queries,
            "positives": self.positives,
            "recall_at_1": _round(self.recall_at_1),
            "recall_at_10": _round(self.recall_at_10),
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
            "fpr": _round(self.fpr),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _rank(answers: Ranked, truth: int) -> int | None:
    for i, (sid, _) in enumerate(answers):
        if sid == truth:
            return i
    return None


def scores_of(answers: Sequence[Ranked], truths: Sequence[int | None], threshold: float) -> Scores:
    """The quality numbers of queries with ``answers`` and ``truths`` at ``threshold``."""
    positives = [i for i, t in enumerate(truths) if t is not None]
    at1 = at10 = found = right = wrong = false_alerts = 0
    for ranked, truth in zip(answers, truths, strict=True):
        rank = None if truth is None else _rank(ranked, truth)
        at1 += rank == 0
        at10 += rank is not None and rank < 10
        hits = [sid for sid, score in ranked if score >= threshold]
        found += truth is not None and truth in hits
        right += sum(1 for sid in hits if sid == truth)
        bad = sum(1 for sid in hits if sid != truth)
        wrong += bad
        false_alerts += bad > 0
    n_pos = len(positives)
    recall = found / n_pos if n_pos else None
    precision = right / (right + wrong) if (right + wrong) else (1.0 if n_pos else None)
    f1 = None
    if recall is not None and precision is not None:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(
        queries=len(truths),
        positives=n_pos,
        recall_at_1=at1 / n_pos if n_pos else None,
        recall_at_10=at10 / n_pos if n_pos else None,
        precision=precision if n_pos else None,
        recall=recall,
        f1=f1,
        fpr=false_alerts / len(truths) if truths else 0.0,
    )


def sweep(
    answers: Sequence[Ranked], truths: Sequence[int | None], thresholds: Sequence[float]
) -> list[tuple[float, Scores]]:
    """``scores_of`` at each threshold: the curve a default threshold is chosen from."""
    return [(t, scores_of(answers, truths, t)) for t in thresholds]


def calibration(
    answers: Sequence[Ranked], truths: Sequence[int | None], depth: int = 10, buckets: int = 10
) -> list[tuple[float, float, int, float | None, float | None]]:
    """Reliability by score decile over the first ``depth`` answers of every query.

    Rows of (low, high, pairs, mean score, share of true matches); a calibrated scorer has the
    share close to the mean score in every bucket.
    """
    counts = [0] * buckets
    sums = [0.0] * buckets
    trues = [0] * buckets
    for ranked, truth in zip(answers, truths, strict=True):
        for sid, score in ranked[:depth]:
            b = min(buckets - 1, int(score * buckets))
            counts[b] += 1
            sums[b] += score
            trues[b] += sid == truth
    return [
        (
            b / buckets,
            (b + 1) / buckets,
            counts[b],
            sums[b] / counts[b] if counts[b] else None,
            trues[b] / counts[b] if counts[b] else None,
        )
        for b in range(buckets)
    ]
