"""Fixture strategy: the matching engine is pure, so tests build ``IndexRecord`` and ``Query``
values in memory — no store, no files, no mocks. Hypothesis runs without deadlines: tests are
never timed (speed is measured by ``ictd bench``)."""

from __future__ import annotations

from hypothesis import settings

settings.register_profile("matching", deadline=None, max_examples=150)
settings.load_profile("matching")
