"""Fixtures for the synthetic-data tests.

The generator is pure and deterministic, so one sample of a few thousand subjects is made
once per session (``sample``) and shared by the read-only tests; tests that need their own
output (determinism, files, streaming) call ``generate`` themselves.
"""

from __future__ import annotations

import pytest

from ictd.demo import SyntheticSubject, generate

SAMPLE_SIZE = 3000


@pytest.fixture(scope="session")
def sample() -> list[SyntheticSubject]:
    return list(generate(SAMPLE_SIZE, seed=11))
