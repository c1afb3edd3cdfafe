"""Names are written in the script of their culture; truth spellings are held out."""

from __future__ import annotations

import unicodedata

from ictd.demo import SyntheticSubject
from ictd.demo.cultures import CULTURES
from ictd.model import Schema
from ictd.model.value import normalize_text

_SCRIPT_RANGES = {
    "Arab": ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    "Cyrl": ((0x0400, 0x04FF),),
    "Hani": ((0x4E00, 0x9FFF),),
}
_ORG_SCRIPTS = {"org-arabic": "Arab", "org-persian": "Arab", "org-russian": "Cyrl",
                "org-chinese": "Hani"}  # fmt: skip


def is_in_script(text: str, script: str) -> bool:
    """Every letter of ``text`` is in ``script`` (spaces, punctuation, ZWNJ are neutral)."""
    letters = [ch for ch in text if ch.isalpha()]
    if script == "Latn":
        return all(unicodedata.name(ch).startswith("LATIN") for ch in letters)
    ranges = _SCRIPT_RANGES[script]
    return bool(letters) and all(any(lo <= ord(ch) <= hi for lo, hi in ranges) for ch in letters)


def _script(item: SyntheticSubject) -> str:
    if item.schema is Schema.PERSON:
        return CULTURES[item.culture].script
    return _ORG_SCRIPTS.get(item.culture, "Latn")


def test_original_script_names_are_in_the_culture_script(sample: list[SyntheticSubject]) -> None:
    checked = 0
    for item in sample:
        for stmt in item.subject.statements:
            if stmt.prop == "originalScriptName":
                assert _script(item) != "Latn", item.key
                assert is_in_script(stmt.value, _script(item)), (item.key, stmt.value)
                checked += 1
    assert checked > len(sample) / 3


def test_primary_names_and_aliases_are_latin(sample: list[SyntheticSubject]) -> None:
    for item in sample:
        for prop in ("name", "alias", "weakAlias"):
            for value in item.subject.values(prop):
                assert is_in_script(value, "Latn"), (item.key, prop, value)


def test_persian_names_use_persian_letters(sample: list[SyntheticSubject]) -> None:
    for item in sample:
        if item.culture in {"persian", "afghan", "pakistani"}:
            for value in item.subject.values("originalScriptName"):
                assert not set(value) & {"\u064a", "\u0643"}, value  # Arabic yeh and kaf


def test_non_latin_subjects_have_a_native_name_stated_or_in_truth(
    sample: list[SyntheticSubject],
) -> None:
    for item in sample:
        script = _script(item)
        if script == "Latn":
            continue
        natives = item.subject.values("originalScriptName") + [
            t for t in item.truth if not is_in_script(t, "Latn")
        ]
        assert len(natives) == 1 and is_in_script(natives[0], script), item.key


def test_truth_is_not_stated_on_the_subject(sample: list[SyntheticSubject]) -> None:
    with_truth = 0
    for item in sample:
        stated = {normalize_text(name) for name in item.subject.names}
        assert not {normalize_text(t) for t in item.truth} & stated, item.key
        assert len(set(item.truth)) == len(item.truth)
        with_truth += bool(item.truth)
    assert with_truth > 0.9 * len(sample)
