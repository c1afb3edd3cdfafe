"""``ictd eval``: matching quality on labelled benchmarks — the UN SC list and a synthetic corpus.

``run_evaluation`` builds the benchmarks (``ictd.bench.eval_cases``, ``ictd.bench.eval_corpus``),
answers the queries of each held-out ``test`` half with our matcher — and, when asked, with
nomenklatura's logic-v2 on the same queries (``ictd.bench.eval_logicv2``) — and computes, per
benchmark, per-category numbers, the threshold curve and the reliability table
(``ictd.bench.eval_metrics``). With ``fit=True`` it also fits the scorer's weights and
calibration on the ``train`` halves of both, by cross-validation (``ictd.bench.eval_crossval``).
With ``decoys`` every index of each benchmark is padded with that many subjects no query is
about (``ictd.bench.eval_decoys``), so that queries compete with as many names as on a real
list; ``split="train"`` answers the training half instead (for diagnosis: the weights were
fitted on it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ictd.bench.eval_cases import OTHER_NAME, Benchmark, EvalCase, build_benchmark
from ictd.bench.eval_corpus import build_corpus_benchmark, corpus_identities
from ictd.bench.eval_crossval import fit_cross_validated, training_examples
from ictd.bench.eval_decoys import pad_with_decoys
from ictd.bench.eval_fit import Fit
from ictd.bench.eval_logicv2 import LOGIC_V2_THRESHOLD, LogicV2Runner, nomenklatura_version
from ictd.bench.eval_metrics import Bucket, Ranked, Scores, buckets, calibration, scores_of, sweep
from ictd.matching import DEFAULT_THRESHOLD, Match, MatchIndex
from ictd.model import Subject

__all__ = ["SPLITS", "EvalReport", "EvalRun", "run_evaluation"]

SWEEP = (0.2, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9)
SPLITS = ("test", "train")
Progress = Callable[[int, int], None]
"""Called with (queries just answered, total queries to answer in this run)."""


@dataclass(slots=True)
class EvalReport:
    """Everything ``ictd eval`` reports; ``logic_v2`` parts are empty without ``--compare``.

    ``indexed`` is the haystack: subjects in the index that holds every subject (``full``),
    of which ``decoy_ids`` are decoys. ``split`` is the half the cases come from.
    """

    seed: int
    threshold: float
    cases: list[EvalCase]
    ours: list[Ranked]
    logic_v2: list[Ranked] = field(default_factory=list)
    nomenklatura: str | None = None
    depth: int = 20
    corpus: str = "un"
    split: str = "test"
    indexed: int = 0
    decoy_ids: frozenset[int] = frozenset()

    def groups(self) -> list[tuple[str, list[int]]]:
        """(row label, case positions) per category, then the summary rows.

        ``overall`` leaves out the aliases that are another name altogether
        (``OTHER_NAME``), which no name matcher can find; the last row keeps them.
        """
        by_category: dict[str, list[int]] = {}
        for i, case in enumerate(self.cases):
            by_category.setdefault(case.category, []).append(i)
        other = set(by_category.get(OTHER_NAME, []))
        pos = [i for i, c in enumerate(self.cases) if c.truth is not None and i not in other]
        neg = [i for i, c in enumerate(self.cases) if c.truth is None]
        facts = {i for i in pos if self.cases[i].with_facts}
        rows = sorted(by_category.items(), key=lambda kv: (kv[0].startswith("neg"), kv[0]))
        return [
            *rows,
            ("name variants: with DOB/nationality", sorted(facts)),
            ("name variants: names only", [i for i in pos if i not in facts]),
            ("all name variants", pos),
            ("all negatives", neg),
            ("overall", sorted(pos + neg)),
            ("overall incl. other-name aliases", list(range(len(self.cases)))),
        ]

    def scores(self, rows: Sequence[int], logic_v2: bool = False) -> Scores:
        """The numbers of the cases at ``rows`` for our matcher (or logic-v2)."""
        answers = self.logic_v2 if logic_v2 else self.ours
        threshold = LOGIC_V2_THRESHOLD if logic_v2 else self.threshold
        truths = [self.cases[i].truth for i in rows]
        return scores_of([answers[i] for i in rows], truths, threshold)

    def curve(self, logic_v2: bool = False, negatives: bool = False) -> list[tuple[float, Scores]]:
        """The ``overall`` (or ``all negatives``) numbers at each threshold of ``SWEEP``."""
        answers = self.logic_v2 if logic_v2 else self.ours
        rows = [
            i
            for i, c in enumerate(self.cases)
            if c.category != OTHER_NAME and (c.truth is None or not negatives)
        ]
        return sweep([answers[i] for i in rows], [self.cases[i].truth for i in rows], SWEEP)

    def reliability(self, logic_v2: bool = False) -> list[tuple[Any, ...]]:
        """The calibration table of the ``overall`` queries (first ten answers of each)."""
        answers = self.logic_v2 if logic_v2 else self.ours
        rows = [i for i, c in enumerate(self.cases) if c.category != OTHER_NAME]
        return calibration([answers[i] for i in rows], [self.cases[i].truth for i in rows])

    def buckets(self) -> list[Bucket]:
        """Our answers at or above the threshold by score bucket, over the ``overall`` queries."""
        rows = [i for i, c in enumerate(self.cases) if c.category != OTHER_NAME]
        truths = [self.cases[i].truth for i in rows]
        return buckets([self.ours[i] for i in rows], truths, self.decoy_ids, self.threshold)


@dataclass(slots=True)
class EvalRun:
    """The reports of every benchmark (the UN list first) and the fit, when asked."""

    reports: list[EvalReport]
    fit: Fit | None = None


def _indexes(bench: Benchmark) -> dict[str, MatchIndex]:
    return {kind: MatchIndex.build(records) for kind, records in bench.indexes.items()}


def _answer(
    cases: Sequence[EvalCase],
    indexes: dict[str, MatchIndex],
    depth: int,
    progress: Callable[[int], None],
) -> list[list[Match]]:
    out = []
    for case in cases:
        out.append(indexes[case.index].search(case.query, limit=depth))
        progress(1)
    return out


def _ranked(matches: list[Match]) -> Ranked:
    return tuple((m.subject_id, m.score) for m in matches)


def _logic_v2(
    bench: Benchmark,
    cases: Sequence[EvalCase],
    ours: Sequence[Ranked],
    progress: Callable[[int], None],
) -> list[Ranked]:
    runners = {kind: LogicV2Runner(records) for kind, records in bench.indexes.items()}
    out = []
    for case, ranked in zip(cases, ours, strict=True):
        candidates = [sid for sid, _ in ranked]
        if case.truth is not None:
            candidates.append(case.truth)
        out.append(runners[case.index].rank(case.query, candidates))
        progress(1)
    return out


def _report(
    corpus: str,
    bench: Benchmark,
    indexes: dict[str, MatchIndex],
    seed: int,
    depth: int,
    compare: bool,
    tick: Callable[[int], None],
    split: str = "test",
) -> EvalReport:
    cases = [c for c in bench.cases if c.split == split]
    ours = [_ranked(m) for m in _answer(cases, indexes, depth, tick)]
    report = EvalReport(seed, DEFAULT_THRESHOLD, cases, ours, depth=depth, corpus=corpus)
    report.split = split
    report.indexed = len(bench.indexes["full"])
    report.decoy_ids = frozenset(s.id for s in bench.decoys)
    if compare:
        report.logic_v2 = _logic_v2(bench, cases, ours, tick)
        report.nomenklatura = nomenklatura_version()
    return report


def run_evaluation(
    subjects: list[tuple[str, Subject]],
    seed: int = 7,
    per_category: int = 200,
    compare: bool = False,
    fit: bool = False,
    depth: int = 20,
    progress: Progress | None = None,
    corpus_size: int = 0,
    decoys: int = 0,
    split: str = "test",
) -> EvalRun:
    """Evaluate our matcher (and logic-v2 with ``compare``) on the held-out halves.

    ``subjects`` are the listed (source key, subject) pairs of the UN list; with
    ``corpus_size`` the synthetic corpus of that many subjects is a second benchmark
    (``ictd.bench.eval_corpus``). ``depth`` answers per query are kept (and are logic-v2's
    candidates, with the true subject). With ``fit`` the weights and the calibration map are
    fitted, by cross-validation, on the ``train`` halves of every benchmark together
    (``ictd.bench.eval_crossval``); the ``test`` halves are only answered. ``progress`` is
    called with the number of queries just answered and the total to answer. ``decoys``
    subjects (``ictd.bench.eval_decoys``, seeded by ``seed``) pad every index of each
    benchmark; ``split`` is the half answered (``test``; ``train`` for diagnosis only).
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    if compare:
        nomenklatura_version()  # fails clearly before any work when it is not installed
    un = build_benchmark(subjects, seed=seed, per_category=per_category)
    benches = [("un", pad_with_decoys(un, decoys, seed))]
    if corpus_size:
        synthetic = build_corpus_benchmark(corpus_size, seed=seed, per_category=per_category)
        avoid = corpus_identities(corpus_size, seed) if decoys else frozenset()
        benches.append(("synthetic", pad_with_decoys(synthetic, decoys, seed, avoid)))
    total = 0
    for _, bench in benches:
        answered = sum(c.split == split for c in bench.cases)
        train = sum(c.split == "train" for c in bench.cases)
        total += answered * (2 if compare else 1) + train * fit

    def tick(done: int) -> None:
        if progress is not None:
            progress(done, total)

    indexes = {name: _indexes(bench) for name, bench in benches}
    fitted = None
    if fit:
        examples = {
            name: training_examples(bench, indexes[name], depth, tick) for name, bench in benches
        }
        fitted = fit_cross_validated(examples)
    reports = [
        _report(name, bench, indexes[name], seed, depth, compare, tick, split)
        for name, bench in benches
    ]
    return EvalRun(reports, fitted)
