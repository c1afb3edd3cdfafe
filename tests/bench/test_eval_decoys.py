"""``ictd eval --decoys N`` and ``--split train``: decoys padding the benchmark's indexes.

Decoys must never be the answer a query expects nor the subject a negative query names; the
same seed gives the same decoys; the report states the haystack it searched. The UN SC
fixture is read once per module and runs use a slice of it. No timings.
"""

from __future__ import annotations

from collections import Counter

import pytest
import typer
from typer.testing import CliRunner

from ictd.bench.eval_cases import Benchmark, build_benchmark
from ictd.bench.eval_corpus import build_corpus_benchmark, corpus_identities
from ictd.bench.eval_decoys import DECOY_SPLIT, _Taken, decoy_subjects, pad_with_decoys
from ictd.bench.eval_metrics import buckets
from ictd.bench.eval_negatives import ListedWords
from ictd.bench.eval_report import TRAIN_WARNING, format_markdown, to_json
from ictd.bench.eval_subjects import is_latin
from ictd.bench.evaluation import run_evaluation
from ictd.cli.evaluate import eval_command
from ictd.ingest import UN_SC_LIST, read_un_sc
from ictd.matching.script import Script, detect_script
from ictd.model import Schema, Statement, Subject


@pytest.fixture(scope="module")
def listed() -> list[tuple[str, Subject]]:
    return [(r.key, r.subject) for r in read_un_sc(UN_SC_LIST).records]


@pytest.fixture(scope="module")
def un(listed: list[tuple[str, Subject]]) -> Benchmark:
    return build_benchmark(listed, seed=7, per_category=30)


@pytest.fixture(scope="module")
def corpus() -> Benchmark:
    return build_corpus_benchmark(size=500, seed=7, per_category=30)


def _names(bench: Benchmark) -> set[str]:
    out = {n.casefold() for s in bench.subjects for n in (s.name, *s.aliases, *s.original)}
    for case in bench.cases:
        if case.truth is None:
            out |= {n.casefold() for n in case.query.names}
    return out


@pytest.mark.parametrize("which", ["un", "corpus"])
def test_decoys_are_never_an_expected_answer(which: str, un: Benchmark, corpus: Benchmark) -> None:
    bench = un if which == "un" else corpus
    avoid = corpus_identities(500, 7) if which == "corpus" else frozenset()
    padded = pad_with_decoys(bench, 600, seed=7, avoid=avoid)
    ids = {s.id for s in padded.decoys}
    assert not ids & {s.id for s in bench.subjects}
    assert not ids & {c.truth for c in padded.cases if c.truth is not None}
    assert padded.cases == bench.cases  # the queries and their answers are the same
    taken = _names(bench)
    words = ListedWords(bench.subjects)
    for s in padded.decoys:
        names = (s.name, *s.aliases, *s.weak_aliases, *s.original)
        assert not {n.casefold() for n in names} & taken, s.name
        assert not any(is_latin(n) and words.may_be_listed(n, min_words=2) for n in names)


def test_corpus_decoys_avoid_the_corpus_identities(corpus: Benchmark) -> None:
    avoid = corpus_identities(500, 7)
    assert len(avoid) > 500  # the corpus and the pool its negatives come from
    free = decoy_subjects(300, corpus, seed=7)
    kept = decoy_subjects(300, corpus, seed=7, avoid=avoid)
    assert len(kept) == 300 and [s.name for s in kept] != [s.name for s in free]


def test_decoys_are_deterministic_for_a_seed(un: Benchmark) -> None:
    first = decoy_subjects(300, un, seed=7)
    assert first == decoy_subjects(300, un, seed=7)
    assert [s.name for s in first] != [s.name for s in decoy_subjects(300, un, seed=8)]
    assert decoy_subjects(100, un, seed=7) == first[:100]  # more decoys extend, not reshuffle


def test_decoy_counts_kinds_and_scripts(un: Benchmark) -> None:
    decoys = decoy_subjects(800, un, seed=7)
    assert len(decoys) == 800 and all(s.split == DECOY_SPLIT for s in decoys)
    top = max(s.id for s in un.subjects)
    assert sorted(s.id for s in decoys) == list(range(top + 1, top + 801))
    kinds = Counter(s.schema for s in decoys)
    assert kinds["Person"] > 400 and kinds["Company"] + kinds["Organization"] > 50
    scripts = {detect_script(n) for s in decoys for n in s.original}
    wanted = {Script.ARABIC, Script.CYRILLIC, Script.HAN, Script.HANGUL, Script.GREEK}
    assert wanted <= scripts
    padded = un.padded(decoys)
    for kind, records in un.indexes.items():
        extra = sum(1 for s in decoys if kind != "original" or s.original)
        assert len(padded.indexes[kind]) == len(records) + extra, kind
    assert len(padded.indexes["full"]) == len(un.subjects) + 800
    assert pad_with_decoys(un, 0, seed=7) is un


def test_the_report_states_the_haystack(listed: list[tuple[str, Subject]]) -> None:
    subjects = listed[::8]
    plain = run_evaluation(subjects, seed=3, per_category=6, corpus_size=0)
    padded = run_evaluation(subjects, seed=3, per_category=6, corpus_size=0, decoys=250)
    before, after = plain.reports[0], padded.reports[0]
    assert after.indexed == before.indexed + 250 and len(after.decoy_ids) == 250
    assert [c.id for c in after.cases] == [c.id for c in before.cases]
    assert f"Haystack: {before.indexed:,} subjects indexed" in format_markdown(plain, "x")
    text = format_markdown(padded, "x")
    assert f"Haystack: {after.indexed:,} subjects indexed" in text and "+ 250 decoys" in text
    assert "| 0.5–0.6 |" in text and "wrong answers that are decoys" in text
    data = to_json(padded, "x")["reports"][0]
    assert data["decoys"] == 250 and data["indexed"] == after.indexed
    assert [b["low"] for b in data["buckets"]] == [0.5, 0.6, 0.7, 0.8, 0.9]
    for ranked, case in zip(after.ours, after.cases, strict=True):
        assert case.truth not in after.decoy_ids
        assert all(0.0 <= score <= 1.0 for _, score in ranked)


def test_train_split_is_reported_loudly(listed: list[tuple[str, Subject]]) -> None:
    run = run_evaluation(listed[::8], seed=3, per_category=6, corpus_size=0, split="train")
    report = run.reports[0]
    assert report.cases and all(c.split == "train" for c in report.cases)
    text = format_markdown(run, "x")
    assert TRAIN_WARNING in text and "TRAIN split" in text
    assert to_json(run, "x")["reports"][0]["diagnosis_only"] is True
    with pytest.raises(ValueError, match="split"):
        run_evaluation(listed[:20], split="dev")


def test_cli_rejects_an_unknown_split() -> None:
    app = typer.Typer()
    app.command()(eval_command)
    result = CliRunner().invoke(app, ["--split", "dev"])
    assert result.exit_code == 2
    assert "test, train" in result.output


def test_buckets_count_true_first_and_decoy_answers() -> None:
    answers = [((1, 0.95), (5, 0.55), (9, 0.3)), ((7, 0.5), (8, 0.62)), ((2, 1.0),)]
    rows = buckets(answers, [1, None, 2], decoys={5, 7})
    assert [(b.low, b.high) for b in rows] == [(0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9),
                                               (0.9, 1.0)]  # fmt: skip
    low, mid, top = rows[0], rows[1], rows[4]
    assert (low.answers, low.true, low.first, low.decoys) == (2, 0, 1, 2)
    assert low.share_true == 0.0 and low.decoy_share == 1.0
    assert (mid.answers, mid.true, mid.decoys) == (1, 0, 0)
    assert (top.answers, top.true, top.first, top.first_true) == (2, 2, 2, 2)
    assert top.first_share_true == 1.0 and top.decoy_share is None


def test_an_organisation_spelt_like_a_negative_one_is_no_decoy(un: Benchmark) -> None:
    taken = _Taken(un)
    negative = next(
        n for c in un.cases if c.truth is None and c.query.schema != "Person"
        for n in c.query.names if is_latin(n)
    )  # fmt: skip
    words = negative.split()
    respelt = " ".join([words[0] + words[0][-1], *words[1:]])  # one letter doubled
    same = _org(respelt)
    other = _org("Zyxwvut Quorble Ltd")
    assert not taken.is_apart(same) and taken.is_apart(other)


def _org(name: str) -> Subject:
    return Subject(Schema.ORGANIZATION, statements=(Statement("name", name, name.casefold()),))
