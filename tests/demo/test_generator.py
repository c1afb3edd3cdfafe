"""The generator: determinism, keys, streaming shape."""

from __future__ import annotations

import os
import subprocess
import sys
from itertools import islice

import pytest

from ictd.demo import BLOCK_SIZE, SyntheticSubject, generate
from ictd.model import Schema


def _dicts(size: int, seed: int) -> list[dict[str, object]]:
    return [item.to_dict() for item in generate(size, seed)]


def test_same_seed_and_size_give_identical_output() -> None:
    assert _dicts(400, 3) == _dicts(400, 3)


def test_another_seed_gives_other_subjects() -> None:
    first, second = _dicts(100, 3), _dicts(100, 4)
    assert [d["properties"] for d in first] != [d["properties"] for d in second]


def test_a_larger_set_starts_with_the_smaller_one_except_its_last_block() -> None:
    small = _dicts(5 * BLOCK_SIZE, 9)
    large = _dicts(20 * BLOCK_SIZE + 7, 9)
    assert large[: len(small)] == small


def test_keys_are_consecutive_and_unique(sample: list[SyntheticSubject]) -> None:
    assert [s.key for s in sample] == [f"syn-{n}" for n in range(len(sample))]


@pytest.mark.parametrize("size", [0, 1, 7, BLOCK_SIZE, BLOCK_SIZE + 3])
def test_exactly_size_subjects(size: int) -> None:
    assert sum(1 for _ in generate(size)) == size


def test_negative_size_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        list(generate(-1))


def test_no_agency_is_refused() -> None:
    with pytest.raises(ValueError, match="agency"):
        list(generate(1, agencies=()))


def test_generate_is_lazy() -> None:
    stream = generate(10**12)
    assert [s.key for s in islice(stream, 3)] == ["syn-0", "syn-1", "syn-2"]


def test_mix_of_kinds(sample: list[SyntheticSubject]) -> None:
    schemas = {s.schema for s in sample}
    assert schemas == {Schema.PERSON, Schema.ORGANIZATION, Schema.COMPANY}
    persons = sum(1 for s in sample if s.schema is Schema.PERSON)
    assert 0.7 < persons / len(sample) < 0.95
    cultures = {s.culture for s in sample if s.schema is Schema.PERSON}
    assert {"arabic-gulf", "persian", "afghan", "russian", "chinese", "somali"} <= cultures


def test_schema_field_matches_the_subject(sample: list[SyntheticSubject]) -> None:
    assert all(s.schema is s.subject.schema for s in sample)


_DIGEST = """
import hashlib, json
from ictd.demo import generate
digest = hashlib.sha256()
for item in generate(300, seed=5):
    digest.update(json.dumps(item.to_dict(), ensure_ascii=False, sort_keys=True).encode())
print(digest.hexdigest())
"""


def test_output_does_not_depend_on_the_process_hash_seed() -> None:
    digests = {
        subprocess.run(
            [sys.executable, "-c", _DIGEST],
            env={**os.environ, "PYTHONHASHSEED": str(hash_seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for hash_seed in (1, 2)
    }
    assert len(digests) == 1
