"""Synthetic subjects as JSON lines: one subject a line, written and read back streaming."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ictd.demo.generator import generate
from ictd.demo.listings import DEMO_AGENCIES
from ictd.demo.synthetic import SyntheticSubject

__all__ = ["read_jsonl", "write_jsonl"]


def write_jsonl(
    path: str | Path, size: int, seed: int = 7, agencies: tuple[str, ...] = DEMO_AGENCIES
) -> int:
    """Write ``generate(size, seed)`` to ``path``, one JSON object a line; return the count.

    Each object has ``key``, ``schema``, ``culture``, ``role``, ``properties`` (statements
    with ``prop``, ``value``, ``norm`` and, where set, ``qualifier`` and ``lang``), ``truth``,
    ``listings`` and ``relations``.
    """
    count = 0
    with Path(path).open("w", encoding="utf-8") as out:
        for item in generate(size, seed, agencies):
            out.write(json.dumps(item.to_dict(), ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
            count += 1
    return count


def read_jsonl(path: str | Path) -> Iterator[SyntheticSubject]:
    """Read back what ``write_jsonl`` wrote, one subject at a time."""
    with Path(path).open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield SyntheticSubject.from_dict(json.loads(line))
