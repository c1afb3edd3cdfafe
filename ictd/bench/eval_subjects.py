"""The listed subjects of ``ictd eval``: the facts the benchmark uses, and the train/test split.

Shared by the case builder (``ictd.bench.eval_cases``) and the negatives
(``ictd.bench.eval_negatives``), so that neither imports the other.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ictd.matching import IndexRecord
from ictd.matching.script import Script, detect_script
from ictd.model import Subject

__all__ = ["ListedSubject", "is_latin", "listed_subjects"]


@dataclass(frozen=True, slots=True)
class ListedSubject:
    """The facts of one listed subject that the benchmark uses."""

    id: int
    key: str
    schema: str
    name: str
    aliases: tuple[str, ...]
    weak_aliases: tuple[str, ...]
    original: tuple[str, ...]
    birth_dates: tuple[str, ...]
    nationalities: tuple[str, ...]
    gender: str | None
    split: str

    def record(self, names: tuple[str, ...]) -> IndexRecord:
        """This subject as an index record holding ``names``."""
        return IndexRecord(
            self.id, self.schema, names, self.birth_dates, self.nationalities, self.gender
        )


def is_latin(name: str) -> bool:
    """True when ``name`` is written in Latin script."""
    return detect_script(name) is Script.LATIN


def listed_subjects(subjects: list[tuple[str, Subject]], seed: int) -> tuple[ListedSubject, ...]:
    """The listed subjects (key, subject) with ids 1…n and a seeded train/test split."""
    keys = sorted(key for key, _ in subjects)
    random.Random(seed).shuffle(keys)  # noqa: S311 (a seeded split, not a secret)
    train = set(keys[: len(keys) // 2])
    out = []
    for number, (key, subject) in enumerate(sorted(subjects, key=lambda ks: ks[0]), start=1):
        names = subject.values("name")
        if not names:
            continue
        out.append(
            ListedSubject(
                id=number,
                key=key,
                schema=subject.schema.value,
                name=names[0],
                aliases=tuple(a for a in subject.values("alias") if is_latin(a)),
                weak_aliases=tuple(a for a in subject.values("weakAlias") if is_latin(a)),
                original=tuple(n for n in subject.values("originalScriptName") if not is_latin(n)),
                birth_dates=tuple(subject.values("birthDate")),
                nationalities=tuple(v.upper() for v in subject.values("nationality")),
                gender=subject.first("gender"),
                split="train" if key in train else "test",
            )
        )
    return tuple(out)
