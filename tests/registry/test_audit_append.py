"""What the fast path of a single screening must keep, through the API on both databases:
its audit event is committed (seen by another connection) before the answer is read, and
the chain verifies; a hit threshold changed by another process (another worker, the CLI)
decides the very next screening, with no cache in between. (A key revoked elsewhere stops
working within the key cache's age limit: ``tests/registry/test_key_cache.py``.)"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ictd.api import create_app
from ictd.registry import audit
from ictd.security.actor import Actor
from ictd.settings import Settings
from ictd.store import Store
from tests.screening.test_screening import _list, _person
from tests.world import World

API = "/api/v1"
NAME = "Abu Mohammed al-Adnani"
NEAR = "Mohammed Adnan"  # scores about 0.6 against NAME


@pytest.fixture
def fast(world: World) -> Iterator[TestClient]:
    """The API as ``ictd serve`` runs it, with the key cache on, and no background work."""
    settings = Settings(
        database_url=world.store.url, environment="test", build_index_on_start=False,
        dispatcher_enabled=False, xref_follow_seconds=0, jobs_interval_seconds=0,
        key_cache_seconds=0.5,
    )  # fmt: skip
    with TestClient(create_app(settings, world.store)) as client:
        yield client


@pytest.fixture
def listed(world: World) -> int:
    sid = _person(world, "AAA", NAME)
    _list(world, "AAA", sid, "own")
    return sid


def _screen(client: TestClient, world: World, name: str) -> dict[str, Any]:
    body = {"queries": [{"id": "q", "names": [name]}]}
    answer = client.post(f"{API}/screen", json=body, headers=world.auth("AAA", "screener"))
    assert answer.status_code == 200, answer.text
    (result,) = answer.json()["results"]
    return dict(result)


def _elsewhere(store: Store) -> Store:
    """Another process's view of the database: its own engine and connections."""
    return Store(store.url)


def _screen_events(store: Store) -> list[Any]:
    with store.read() as session:
        return [e for e in session.audit.events() if e.action == "screen"]


@pytest.mark.parametrize("name", [NAME, "Ingrid Holmberg"], ids=["hit", "no-candidate"])
def test_a_screening_is_audited_and_committed_before_its_answer(
    fast: TestClient, world: World, listed: int, name: str
) -> None:
    other = _elsewhere(world.store)
    try:
        before = len(_screen_events(other))
        for n in range(3):  # the key is read from the store once, then from the cache
            result = _screen(fast, world, name)
            assert result["hit"] is (name == NAME)
            # read on another connection as soon as the answer is in: already committed
            events = _screen_events(other)
            assert len(events) == before + n + 1
            assert events[-1].agency == "AAA"
            assert events[-1].detail["hits"] == (1 if name == NAME else 0)
            assert (f"subject:{listed}" in events[-1].targets) is (name == NAME)
    finally:
        other.dispose()
    checked = audit.verify(world.store, Actor.system("test"))
    assert checked.ok and checked.checked > before


def test_a_hit_threshold_changed_elsewhere_decides_the_next_screening(
    fast: TestClient, world: World, listed: int
) -> None:
    assert _screen(fast, world, NEAR)["hit"] is True  # the calibrated 0.5
    other = _elsewhere(world.store)
    try:
        with other.begin() as session:  # only the database changes, as from another worker
            session.accounts.set_hit_threshold("AAA", 0.9)
        raised = _screen(fast, world, NEAR)
        assert raised["hit"] is False
        assert [m["subject_id"] for m in raised["matches"]] == [listed]  # still a candidate
        assert _screen(fast, world, NAME)["hit"] is True
        with other.begin() as session:
            session.accounts.set_hit_threshold("AAA", None)
        assert _screen(fast, world, NEAR)["hit"] is True
    finally:
        other.dispose()
    with world.store.read() as session:
        cuts = [e.detail["hit_threshold"] for e in session.audit.events() if e.action == "screen"]
    assert cuts[-4:] == [0.5, 0.9, 0.9, 0.5]


def test_false_matches_are_still_left_out_beside_queries_without_candidates(
    fast: TestClient, world: World, listed: int
) -> None:
    """The false-match lookup now skips queries without candidates: in a batch mixing
    both, a judged pair is still left out and counted."""
    judged = {"id": "q", "names": [NAME]}
    made = fast.post(
        f"{API}/dispositions",
        json={"query": judged, "subject_id": listed, "decision": "false-match", "reason": "no"},
        headers=world.auth("AAA", "analyst"),
    )
    assert made.status_code == 201, made.text
    body = {"queries": [judged, {"id": "r", "names": ["Ingrid Holmberg"]}]}
    answer = fast.post(f"{API}/screen", json=body, headers=world.auth("AAA", "screener"))
    assert answer.status_code == 200, answer.text
    first, second = answer.json()["results"]
    assert first["matches"] == [] and first["suppressed_false_matches"] == [listed]
    assert second["matches"] == [] and second["suppressed_false_matches"] == []
