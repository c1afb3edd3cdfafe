"""`ictd eval`: matching quality on the UN SC list and a synthetic corpus (``ictd.bench``);
`ictd eval media`: PDQ matching quality of transformed image copies."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ictd.bench.eval_corpus import CORPUS_SIZE
from ictd.bench.eval_report import format_markdown, to_json
from ictd.bench.evaluation import SPLITS, run_evaluation
from ictd.cli.bench_media import bench_media_eval_command
from ictd.cli.context import guard
from ictd.ingest import UN_SC_LIST, read_un_sc

__all__ = ["eval_app", "eval_command"]


class _Bar:
    """A progress bar on stderr, opened once the total is known."""

    def __init__(self) -> None:
        self._bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            self._bar = typer.progressbar(length=total, label="evaluating", file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


def _command(
    seed: int,
    per_category: int,
    depth: int,
    compare: bool,
    fit: bool,
    un: Path | None,
    corpus: int,
    decoys: int = 0,
    split: str = "test",
) -> str:
    parts = ["ictd eval", f"--seed {seed}", f"--per-category {per_category}", f"--depth {depth}"]
    parts += [f"--corpus-size {corpus}"] if corpus != CORPUS_SIZE else []
    parts += [f"--decoys {decoys}"] if decoys else []
    parts += [f"--split {split}"] if split != "test" else []
    parts += ["--compare"] if compare else []
    parts += ["--fit"] if fit else []
    parts += [f"--un-file {un}"] if un is not None else []
    return " ".join(parts)


def _split(value: str) -> str:
    if value not in SPLITS:
        raise typer.BadParameter(f"choose one of: {', '.join(SPLITS)}")
    return value


def eval_command(
    ctx: typer.Context,
    un_file: Annotated[
        Path | None,
        typer.Option(help="The UN SC consolidated list XML (default: the copy shipped with ictd)."),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the benchmark and its train/test split.")] = 7,
    per_category: Annotated[
        int, typer.Option(min=1, help="At most this many queries per category and split.")
    ] = 200,
    depth: Annotated[
        int, typer.Option(min=10, help="Answers kept per query (logic-v2's candidates).")
    ] = 20,
    compare: Annotated[
        bool, typer.Option("--compare", help="Also run nomenklatura's logic-v2 (bench extra).")
    ] = False,
    fit: Annotated[
        bool, typer.Option("--fit", help="Fit the scorer's weights on the train half.")
    ] = False,
    corpus_size: Annotated[
        int,
        typer.Option(min=0, help="Subjects of the synthetic corpus benchmark (0: UN list only)."),
    ] = CORPUS_SIZE,
    decoys: Annotated[
        int,
        typer.Option(
            min=0,
            help="Pad every index with this many synthetic subjects no query is about "
            "(a haystack as large as a real list's).",
        ),
    ] = 0,
    split: Annotated[
        str,
        typer.Option(
            callback=_split,
            help="Half to answer: test (the result) or train (diagnosis only: fitted on it).",
        ),
    ] = "test",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON, not Markdown.")] = False,
) -> None:
    """Measure matching quality on held-out queries of the UN list and of a synthetic corpus.

    Per benchmark and category: recall@1, recall@10, and precision, recall, F1 and
    false-positive rate at the default threshold; the threshold curve and a reliability
    table. With --fit, weights and calibration fitted by cross-validation on both train
    halves. With --decoys, every index also holds that many decoy subjects. Prints Markdown
    (or JSON); deterministic for a seed.
    """
    if ctx.invoked_subcommand is not None:
        return
    command = _command(seed, per_category, depth, compare, fit, un_file, corpus_size, decoys, split)
    bar = _Bar()
    with guard():
        batch = read_un_sc(un_file or UN_SC_LIST)
        subjects = [(record.key, record.subject) for record in batch.records]
        try:
            report = run_evaluation(
                subjects,
                seed,
                per_category,
                compare,
                fit,
                depth,
                bar,
                corpus_size,
                decoys=decoys,
                split=split,
            )
        finally:
            bar.close()
    if as_json:
        typer.echo(json.dumps(to_json(report, command), indent=2))
    else:
        typer.echo(format_markdown(report, command))


eval_app = typer.Typer(
    invoke_without_command=True,
    help="Matching quality: names (the default) and media (`ictd eval media`).",
)
eval_app.callback()(eval_command)
eval_app.command("media")(bench_media_eval_command)
