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

from collections.abc import Collection, Sequence
from dataclasses import dataclass

__all__ = ["Bucket", "Ranked", "Scores", "buckets", "calibration", "scores_of", "sweep"]

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


@dataclass(frozen=True, slots=True)
class Bucket:
    """The answers scoring in [low, high) (the last bucket includes 1.0).

    ``answers`` counts every answer in the bucket (each is a hit at a threshold at or under
    ``low``), ``first`` only the first answer of each query; ``decoys`` counts the wrong
    answers that are decoys (subjects no query is about).
    """

    low: float
    high: float
    answers: int
    true: int
    first: int
    first_true: int
    decoys: int

    @property
    def share_true(self) -> float | None:
        return self.true / self.answers if self.answers else None

    @property
    def first_share_true(self) -> float | None:
        return self.first_true / self.first if self.first else None

    @property
    def decoy_share(self) -> float | None:
        wrong = self.answers - self.true
        return self.decoys / wrong if wrong else None

    def to_dict(self) -> dict[str, float | int | None]:
        return {
            "low": self.low,
            "high": self.high,
            "answers": self.answers,
            "share_true": _round(self.share_true),
            "first_answers": self.first,
            "first_share_true": _round(self.first_share_true),
            "wrong_from_decoys": _round(self.decoy_share),
        }


def buckets(
    answers: Sequence[Ranked],
    truths: Sequence[int | None],
    decoys: Collection[int] = (),
    low: float = 0.5,
    width: float = 0.1,
) -> list[Bucket]:
    """Every answer scoring ``low`` or more, by score bucket of ``width``.

    Whether a score of ``low`` still means "more likely right than wrong" once the haystack
    is large: the share of true answers per bucket, over all answers (every one would be a
    hit) and over the first answer of each query (the one a screener reads first).
    """
    edges = [round(low + k * width, 6) for k in range(round((1.0 - low) / width) + 1)]
    n = len(edges) - 1
    counts = [[0] * 5 for _ in range(n)]  # answers, true, first, first true, decoys
    for ranked, truth in zip(answers, truths, strict=True):
        for rank, (sid, score) in enumerate(ranked):
            if score < low:
                continue
            row = counts[min(n - 1, int((score - low) / width + 1e-9))]
            right = sid == truth
            row[0] += 1
            row[1] += right
            row[2] += rank == 0
            row[3] += rank == 0 and right
            row[4] += not right and sid in decoys
    return [Bucket(edges[b], edges[b + 1], *counts[b]) for b in range(n)]
