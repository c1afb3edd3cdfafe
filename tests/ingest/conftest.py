"""Fixture strategy: parsers are pure, so tests read real files and compare values.

- ``un_batch`` parses the full, real UN SC consolidated list once per session (730
  individuals, 273 entities); ``un_excerpt`` is the bytes of a small real excerpt of it
  (seven entries) that error tests modify by string replacement.
- ``ftm_lines`` is a hand-written FtM sample covering each schema the reader supports.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ictd.ingest import UN_SC_LIST, SourceBatch, read_un_sc

SOURCES = Path(__file__).parent.parent / "fixtures" / "sources"
UN_FILE = UN_SC_LIST


@pytest.fixture(scope="session")
def un_batch() -> SourceBatch:
    return read_un_sc(UN_FILE)


@pytest.fixture
def un_excerpt() -> bytes:
    return (SOURCES / "un-sc-excerpt.xml").read_bytes()


@pytest.fixture
def ftm_lines() -> list[str]:
    return (SOURCES / "ftm-sample.jsonl").read_text(encoding="utf-8").splitlines()
