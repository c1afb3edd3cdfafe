"""Fixtures of the alert tests: the API without its background dispatcher, so each test
runs the dispatcher itself with an injected clock (``Dispatcher.run_once(now)``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ictd.api import create_app
from tests.alerts.support import settings_for
from tests.world import World


@pytest.fixture
def quiet(world: World) -> Iterator[TestClient]:
    app = create_app(settings_for(world.store, dispatcher_enabled=False), world.store)
    with TestClient(app) as client:
        yield client
