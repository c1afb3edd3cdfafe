"""The hop of single requests to a worker thread (``ictd.api.worker``), on both databases:
a screening, a movement report and a key check not held run their store work in the
request pool's threads (not anyio's), with the caller's context variables; an error in the
work is raised to the request as before (the error answers themselves:
``tests/api/test_lean_route.py``)."""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from ictd.alerts.runtime import AlertRuntime
from ictd.api.worker import run_in_worker
from ictd.registry.accounts import KeyCache
from tests.alerts.support import movement
from tests.world import World, app_with_key_cache

API = "/api/v1"
ASKED: contextvars.ContextVar[str] = contextvars.ContextVar("asked", default="none")


@pytest.fixture
def api(world: World) -> Iterator[TestClient]:
    app: FastAPI = app_with_key_cache(world)
    with TestClient(app) as client:
        yield client


def test_single_requests_run_their_work_in_the_request_pool(
    api: TestClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []
    for cls, name in ((AlertRuntime, "screen"), (AlertRuntime, "report_movements"),
                      (KeyCache, "authenticate")):  # fmt: skip
        original = getattr(cls, name)

        def seen(*args: object, _original: object = original, **kwargs: object) -> object:
            threads.append(threading.current_thread().name)
            return _original(*args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(cls, name, seen)
    headers = world.auth("BBB", "screener")
    screened = api.post(
        f"{API}/screen", json={"queries": [{"id": "q", "names": ["A B"]}]}, headers=headers
    )
    assert screened.status_code == 200, screened.text
    reported = api.post(f"{API}/movements", json={"movements": [movement("w-1")]}, headers=headers)
    assert reported.status_code == 200, reported.text
    # the key was read once (not held before the first request), then held
    assert len(threads) == 3
    assert all(name.startswith("ictd-request") for name in threads), threads


def test_the_hop_carries_context_and_errors() -> None:
    def work(n: int) -> str:
        if n < 0:
            raise ValueError("negative")
        return f"{ASKED.get()} {n} {threading.current_thread().name.split('_')[0]}"

    async def main() -> tuple[str, str]:
        ASKED.set("case 12")
        answer = await run_in_worker(work, 3)
        with pytest.raises(ValueError, match="negative"):
            await run_in_worker(work, -1)
        return answer, ASKED.get()

    answer, after = asyncio.run(main())
    assert answer == "case 12 3 ictd-request"
    assert after == "case 12"
