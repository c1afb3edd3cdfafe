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


_TITLES = {"un": "UN SC list", "synthetic": "synthetic corpus (ictd.demo.corpus)"}


def _report_markdown(report: EvalReport) -> list[str]:
    title = _TITLES.get(report.corpus, report.corpus)
    out = [
        f"### {title}",
        "",
        f"Held-out (test) queries: {len(report.cases)}; our threshold {report.threshold}"
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
        },
    }
