"""Writing synthetic subjects as JSON lines and reading them back."""

from __future__ import annotations

import json
from pathlib import Path

from ictd.demo import generate, read_jsonl, write_jsonl


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.jsonl"
    assert write_jsonl(path, 300, seed=5) == 300
    back = list(read_jsonl(path))
    assert [s.to_dict() for s in back] == [s.to_dict() for s in generate(300, seed=5)]
    assert back == list(generate(300, seed=5))


def test_one_object_a_line_with_the_documented_fields(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.jsonl"
    write_jsonl(path, 60)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 60
    first = json.loads(lines[0])
    assert set(first) == {
        "key", "schema", "culture", "role", "properties", "truth", "listings", "relations",
    }  # fmt: skip
    assert all({"prop", "value", "norm"} <= set(p) for p in first["properties"])
    assert any("\u0600" <= ch <= "\u06ff" for ch in "".join(lines))  # Arabic kept unescaped
