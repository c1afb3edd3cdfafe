"""Fixtures of the manifest tests: the API without background threads, a listed subject,
and airline messages from ``tests/fixtures/border`` (written after the WCO/IATA/ICAO API
and PNRGOV guidelines' structure)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ictd.api import create_app
from ictd.screening import LiveIndex
from tests.alerts.support import listed, settings_for
from tests.border.conftest import read_fixture
from tests.world import World

ZAWAHIRI = {
    "schema": "Person",
    "statements": [
        {"prop": "name", "value": "Ayman al-Zawahiri"},
        {"prop": "originalScriptName", "value": "أيمن الظواهري", "lang": "ara"},
        {"prop": "birthDate", "value": "1951-06-19"},
        {"prop": "nationality", "value": "EG"},
    ],
}


@pytest.fixture
def api(world: World) -> Iterator[TestClient]:
    settings = settings_for(world.store, dispatcher_enabled=False, build_index_on_start=False)
    with TestClient(create_app(settings, world.store)) as client:
        yield client


@pytest.fixture
def live(world: World) -> LiveIndex:
    return LiveIndex(world.store)


def list_zawahiri(api: TestClient, world: World, agency: str = "AAA", **kw: Any) -> tuple[int, int]:
    """Ayman al-Zawahiri, listed by ``agency`` (shared with all partners)."""
    return listed(api, world, agency, person=ZAWAHIRI, **kw)


@pytest.fixture
def paxlst() -> str:
    return read_fixture("paxlst_passengers.edi")


@pytest.fixture
def pnrgov() -> str:
    return read_fixture("pnrgov_bookings.edi")
