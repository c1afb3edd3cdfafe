"""The synthetic evaluation corpus: deterministic, every culture, no two subjects of one name."""

from __future__ import annotations

from collections import Counter

from ictd.demo import generate
from ictd.demo.corpus import generate_corpus
from ictd.demo.cultures import CORPUS_WEIGHTS, PERSON_WEIGHTS


def test_corpus_is_deterministic_and_keyed_in_order() -> None:
    first = [(s.key, s.subject.values("name"), s.identity) for s in generate_corpus(300, seed=3)]
    again = [(s.key, s.subject.values("name"), s.identity) for s in generate_corpus(300, seed=3)]
    assert first == again
    assert [k for k, _, _ in first] == [f"cor-{n}" for n in range(300)]


def test_corpus_has_every_culture_and_no_two_subjects_of_one_name() -> None:
    corpus = list(generate_corpus(1500, seed=7))
    identities = Counter(s.identity for s in corpus)
    assert identities.most_common(1)[0][1] == 1
    cultures = {s.culture for s in corpus}
    assert set(CORPUS_WEIGHTS) <= cultures
    assert any(c.startswith("org-") for c in cultures)
    scripts = {
        s.subject.first("originalScriptName") or "" for s in corpus if s.culture == "japanese"
    }
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in name) for name in scripts)


def test_new_cultures_leave_the_demo_mix_unchanged() -> None:
    assert "korean" not in PERSON_WEIGHTS and "thai" not in PERSON_WEIGHTS
    assert [s.key for s in generate(3)] == ["syn-0", "syn-1", "syn-2"]
