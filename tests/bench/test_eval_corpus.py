"""The synthetic-corpus benchmark, MRZ fields, the new perturbations and the cross-validated fit."""

from __future__ import annotations

import math
import random
from collections import Counter
from pathlib import Path

import pytest

from ictd.bench import eval_orgforms
from ictd.bench.eval_corpus import build_corpus_benchmark
from ictd.bench.eval_crossval import Example, fit_cross_validated
from ictd.bench.eval_mrz import MRZ_NAME_LENGTH, mrz_name, mrz_of_name
from ictd.bench.eval_orgforms import org_form_names
from ictd.bench.eval_orgwords import distinctive_words
from ictd.bench.eval_perturb import (
    first_letter,
    initials_reordered,
    particles_dropped,
    several,
    two_typos,
    two_typos_one_word,
)
from ictd.demo import org_names
from ictd.matching import Feature, Match, weights


def test_corpus_benchmark_has_its_categories_in_both_halves() -> None:
    bench = build_corpus_benchmark(size=600, seed=5, per_category=30)
    counts = Counter((c.category, c.split) for c in bench.cases)
    for category in ("mrz", "two-typos", "several", "short-original-to-latin", "neg-nonlatin",
                     "neg-org-forms", "original-to-latin", "latin-to-original"):  # fmt: skip
        assert counts[(category, "train")] > 0 and counts[(category, "test")] > 0, category
    split = {s.id: s.split for s in bench.subjects}
    assert all(c.split == split[c.truth] for c in bench.cases if c.truth is not None)


def test_mrz_fields_follow_doc_9303() -> None:
    assert mrz_name("al-Zawahiri", "Ayman") == "AL<ZAWAHIRI<<AYMAN"
    assert mrz_of_name("Jürgen Müller") == "MUELLER<<JUERGEN"
    assert mrz_of_name("Фаррух Назаров") == "NAZAROV<<FARRUKH"
    assert mrz_of_name("ناصر الشهري") == "ALXSHHRY<<NAXSSR"
    long = mrz_of_name("Abu Nasir Mahmoud bin Murad Abdulrahman Darwish Mohammed")
    assert long is not None and len(long) == MRZ_NAME_LENGTH


def test_two_typos_and_several_changes() -> None:
    rng = random.Random(4)
    name = "Abdulrahman Mahmoud al-Zawahiri"
    changed = two_typos(name, rng)
    assert changed is not None and changed != name and abs(len(changed) - len(name)) <= 2
    assert two_typos("Ali Reza", rng) is None  # too short for two slips
    moved = several(name, rng)
    assert moved is not None and len(moved.split()) == 2
    assert several("Ali Reza", rng) is None


def test_typos_in_one_word_first_letters_particles_and_initials() -> None:
    rng = random.Random(3)
    changed = two_typos_one_word("Hasan Yildirim", rng)
    assert changed is not None and changed.startswith("Hasan Y") and changed != "Hasan Yildirim"
    assert two_typos_one_word("Ali Reza Khan", rng) is None  # no word of seven letters
    for seed in range(20):
        moved = first_letter("Hamid Karzai", random.Random(seed))
        assert moved is not None and moved != "Hamid Karzai"
        changed_words = [
            (new, old)
            for new, old in zip(moved.split(), ("Hamid", "Karzai"), strict=True)
            if new != old
        ]
        assert len(changed_words) == 1
        new, old = changed_words[0]
        assert new[1:] == old[1:] or new == old[1:].capitalize()  # replaced or dropped
    assert particles_dropped("Abu Bakr bin Ali al-Tamimi", rng) == "Bakr Ali Tamimi"
    assert particles_dropped("Hasan Yildirim", rng) is None
    forms = {initials_reordered("Abu Bakr bin Ali al-Tamimi", random.Random(s)) for s in range(9)}
    assert forms <= {
        "AL-TAMIMI, B. A.", "AL-TAMIMI, B A", "al-Tamimi B. A.", "al-Tamimi B A",
        "B. A. al-Tamimi", "B A al-Tamimi",
    }  # fmt: skip
    assert len(forms) > 1


def test_org_form_names_are_many_scripts() -> None:
    names = list(org_form_names(200, seed=1))
    assert any("有限公司" in n for n in names) and any("ООО" in n or "АО" in n for n in names)
    assert any(n.isascii() for n in names)


def test_cross_validated_fit_gives_a_rising_calibration() -> None:
    rng = random.Random(2)
    examples = {}
    for corpus in ("a", "b"):
        items = []
        for q in range(400):
            truth = rng.random() < 0.4
            value = rng.uniform(0.5, 1.0) if truth else rng.uniform(0.0, 0.6)
            match = Match(q, 0.5, (Feature("name_match", value, ""),))
            items.append(Example(match, False, truth, 0, f"{corpus}{q}"))
        examples[corpus] = items
    fit = fit_cross_validated(examples)
    assert fit.cv_log_loss is not None and set(fit.cv_log_loss) == {"a", "b"}
    assert fit.calibration is not None
    ys = [y for _, y in fit.calibration]
    assert ys == sorted(ys)
    assert fit.weights["name_match"] > 0
    # the weights in force scored on the same examples, to compare with the re-fit
    assert fit.in_force_log_loss is not None
    for corpus, items in examples.items():
        loss = 0.0
        for e in items:
            z = weights.BIAS + weights.WEIGHTS["name_match"] * e.match.explanation[0].value
            p = 1.0 / (1.0 + math.exp(-z))
            loss -= math.log(p if e.truth else 1.0 - p)
        assert fit.in_force_log_loss[corpus] == pytest.approx(loss / len(items))


def test_org_form_negatives_use_no_word_of_the_generator() -> None:
    # a negative whose distinctive word is a listed company's (شرکت بازرگانی آفتاب) is no negative
    tables = Path(org_names.__file__).read_text(encoding="utf-8")
    pools = (
        *eval_orgforms._CYRILLIC,
        *eval_orgforms._ARABIC,
        *eval_orgforms._PERSIAN,
        *eval_orgforms._THAI,
        *eval_orgforms._GREEK,
        *eval_orgforms._HEBREW,
        *eval_orgforms._LATIN,
    )
    for word in pools:
        assert word not in tables and word.removeprefix("ال") not in tables, word


def test_organisation_words_set_legal_forms_generic_words_and_the_article_aside() -> None:
    assert distinctive_words("Kama Group Ltd") == distinctive_words("Kama Grupp JSC") == {"kama"}
    assert distinctive_words("Orel Logistik OOO") == distinctive_words("Orel Logistics LLC")
    assert distinctive_words("Tigris Investments FZE") == {"tigris"}
    assert "nasr" in distinctive_words("Alnasr General Trading LLC")
    assert distinctive_words("Al-Nasr Charitable Society") == {"nasr"}
    assert "bluewave" in distinctive_words("Blue Wave Shipping S.A.")
    assert distinctive_words("Shenzhen Jinxing Technology Co., Ltd.") == {
        "shenzhen",
        "jinxing",
        "shenzhenjinxing",
    }


def test_negative_organisations_share_no_distinctive_word_with_a_listed_one() -> None:
    for seed in (5, 6):
        bench = build_corpus_benchmark(size=600, seed=seed, per_category=1000)
        listed: set[str] = set()
        for s in bench.subjects:
            if s.schema != "Person":
                for name in (s.name, *s.aliases, *s.weak_aliases):
                    listed |= distinctive_words(name)
        negatives = [c.query.names[0] for c in bench.cases if c.category == "neg-org"]
        assert len(negatives) > 50
        assert [n for n in negatives if distinctive_words(n) & listed] == []
