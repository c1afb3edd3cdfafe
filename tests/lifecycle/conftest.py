"""Fixtures of the listing life-cycle tests: the API without background threads (each test
runs the jobs itself with its own clock) and the job runner over the same store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ictd.api import create_app
from ictd.jobs import JOBS, JobRunner
from ictd.settings import Settings
from tests.world import World


def settings_of(world: World) -> Settings:
    return Settings(
        database_url=world.store.url,
        environment="test",
        dispatcher_enabled=False,
        xref_follow_seconds=0,
        jobs_interval_seconds=0,
    )


@pytest.fixture
def api(world: World) -> Iterator[TestClient]:
    """The API with its screening index (built at start), no dispatcher, no job loop."""
    with TestClient(create_app(settings_of(world), world.store)) as client:
        yield client


@pytest.fixture
def jobs(world: World) -> JobRunner:
    return JobRunner(world.store, settings_of(world), JOBS)
