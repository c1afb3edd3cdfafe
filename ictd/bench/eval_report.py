"""Rendering an ``EvalReport``: Markdown tables for ``docs/benchmarks.md`` and a JSON document."""

from __future__ import annotations

from typing import Any

from ictd.bench.eval_fit import format_weights
from ictd.bench.eval_logicv2 import LOGIC_V2_THRESHOLD
from ictd.bench.eval_metrics import Scores
from ictd.bench.evaluation import EvalReport, EvalRun

__all__ = ["format_markdown", "to_json"]

_COLUMNS = ("recall_at_1", "recall_at_10", "precision", "recall", "f1", "fpr")
_HEAD = ("R@1", "R@10", "P", "R", "F1", "FPR")


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _row(label: str, ours: Scores, theirs: Scores | None) -> str:
    cells = [label, str(ours.queries)]
    for column in _COLUMNS:
        mine = getattr(ours, column)
        if theirs is None:
            cells.append(_cell(mine))
        else:
            cells.append(f"{_cell(mine)} / {_cell(getattr(theirs, column))}")
    return "| " + " | ".join(cells) + " |"


def _quality_table(report: EvalReport) -> list[str]:
    compare = bool(report.logic_v2)
    head = [f"{h} (ours / logic-v2)" if compare else h for h in _HEAD]
    lines = [
        "| category | queries | " + " | ".join(head) + " |",
        "|---|---:|" + "---:|" * len(head),
    ]
    for label, rows in report.groups():
        theirs = report.scores(rows, logic_v2=True) if compare else None
        lines.append(_row(label, report.scores(rows), theirs))
    return lines


def _curve_table(report: EvalReport) -> list[str]:
    lines = [
        "| threshold | P | R | F1 | FPR (all queries) | FPR (negative queries) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    negatives = report.curve(negatives=True)
    for (threshold, s), (_, n) in zip(report.curve(), negatives, strict=True):
        cells = (_cell(s.precision), _cell(s.recall), _cell(s.f1), _cell(s.fpr), _cell(n.fpr))
        lines.append(f"| {threshold:.2f} | " + " | ".join(cells) + " |")
    return lines


def _calibration_table(report: EvalReport, logic_v2: bool) -> list[str]:
    lines = ["| score | pairs | mean score | share true |", "|---|---:|---:|---:|"]
    for low, high, count, mean, share in report.reliability(logic_v2):
        lines.append(f"| {low:.1f}–{high:.1f} | {count} | {_cell(mean)} | {_cell(share)} |")
    return lines


def _bucket_table(report: EvalReport) -> list[str]:
    lines = [
        "| score | answers | share true | first answers | share true (first) "
        "| wrong answers that are decoys |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for b in report.buckets():
        cells = (
            f"{b.low:.1f}–{b.high:.1f}",
            str(b.answers),
            _cell(b.share_true),
            str(b.first),
            _cell(b.first_share_true),
            _cell(b.decoy_share) if report.decoy_ids else "—",
        )
        lines.append("| " + " | ".join(cells) + " |")
    return lines


_TITLES = {"un": "UN SC list", "synthetic": "synthetic corpus (ictd.demo.corpus)"}
TRAIN_WARNING = (
    "**TRAIN SPLIT — for diagnosis only.** These queries come from the half the weights and "
    "the calibration were fitted on; the numbers are optimistic and are not the benchmark's "
    "result (that is the test split, the default)."
)


def _haystack(report: EvalReport) -> str:
    decoys = len(report.decoy_ids)
    listed = report.indexed - decoys
    return (
        f"Haystack: {report.indexed:,} subjects indexed ({listed:,} listed"
        + (f" + {decoys:,} decoys" if decoys else ", no decoys")
        + ")."
    )


def _report_markdown(report: EvalReport) -> list[str]:
    title = _TITLES.get(report.corpus, report.corpus)
    train = report.split == "train"
    if train:
        title += " — TRAIN split"
    out = [
        f"### {title}",
        "",
        *([TRAIN_WARNING, ""] if train else []),
        _haystack(report),
        "",
        (
            f"Training (train) queries: {len(report.cases)}"
            if train
            else f"Held-out (test) queries: {len(report.cases)}"
        )
        + f"; our threshold {report.threshold}"
        + (
            f"; logic-v2 (nomenklatura {report.nomenklatura}) threshold {LOGIC_V2_THRESHOLD}, "
            f"ranking our first {report.depth} answers plus the true subject"
            if report.logic_v2
            else ""
        )
        + ".",
        "",
        *_quality_table(report),
        "",
        f"Our `overall` numbers by threshold ({title}):",
        "",
        *_curve_table(report),
        "",
        f"Reliability of `overall` ({title}; first ten answers of every query, by score decile):",
        "",
        *_calibration_table(report, logic_v2=False),
        "",
        f"Our answers at or above {report.threshold} by score ({title}; every answer of the "
        f"`overall` queries, and the first answer of each):",
        "",
        *_bucket_table(report),
    ]
    if report.logic_v2:
        out += ["", "logic-v2 calibration:", "", *_calibration_table(report, logic_v2=True)]
    return out


def format_markdown(run: EvalRun, command: str) -> str:
    """The whole run as Markdown, opening with the command that produced it."""
    out = [f"Command: `{command}`"]
    for report in run.reports:
        out += ["", *_report_markdown(report)]
    if run.fit is not None:
        out += ["", "Weights fitted on the train halves (cross-validated):", "", "```python"]
        out += [format_weights(run.fit, command), "```"]
    return "\n".join(out) + "\n"


def _report_json(report: EvalReport) -> dict[str, Any]:
    compare = bool(report.logic_v2)
    groups = []
    for label, rows in report.groups():
        entry: dict[str, Any] = {"group": label, "ours": report.scores(rows).to_dict()}
        if compare:
            entry["logic_v2"] = report.scores(rows, logic_v2=True).to_dict()
        groups.append(entry)
    calibration = [
        {"low": low, "high": high, "pairs": n, "mean_score": mean, "share_true": share}
        for low, high, n, mean, share in report.reliability()
    ]
    return {
        "corpus": report.corpus,
        "split": report.split,
        "diagnosis_only": report.split == "train",
        "indexed": report.indexed,
        "decoys": len(report.decoy_ids),
        "seed": report.seed,
        "threshold": report.threshold,
        "logic_v2_threshold": LOGIC_V2_THRESHOLD if compare else None,
        "nomenklatura": report.nomenklatura,
        "groups": groups,
        "curve": [{"threshold": t, **s.to_dict()} for t, s in report.curve()],
        "curve_negatives": [
            {"threshold": t, **s.to_dict()} for t, s in report.curve(negatives=True)
        ],
        "calibration": calibration,
        "buckets": [b.to_dict() for b in report.buckets()],
    }


def to_json(run: EvalRun, command: str) -> dict[str, Any]:
    """The run as plain data (for ``--json``)."""
    fit = run.fit
    return {
        "command": command,
        "reports": [_report_json(r) for r in run.reports],
        "fit": None
        if fit is None
        else {
            "bias": fit.bias,
            "weights": fit.weights,
            "calibration": fit.calibration,
            "cv_log_loss": fit.cv_log_loss,
            "in_force_log_loss": fit.in_force_log_loss,
        },
    }
