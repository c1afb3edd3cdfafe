"""FastAPI's own OpenTelemetry hooks stay off: ICTD's request metrics are its Prometheus
ones (``tests/api/test_operations.py``), and a request does not look for OpenTelemetry
providers that are never configured."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.world import World

opentelemetry = pytest.importorskip("opentelemetry")
from opentelemetry import metrics, trace  # noqa: E402 - after the skip above


def _counting(calls: list[str], name: str, original: Callable[[], Any]) -> Callable[[], Any]:
    def counted() -> Any:
        calls.append(name)
        return original()

    return counted


def test_a_request_asks_for_no_telemetry_provider(
    client: TestClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    for module, name in ((trace, "get_tracer_provider"), (metrics, "get_meter_provider")):
        monkeypatch.setattr(module, name, _counting(calls, name, getattr(module, name)))
    query = {"queries": [{"id": "q", "names": ["Nobody Listed Here"]}]}
    for _ in range(3):
        answer = client.post("/api/v1/screen", json=query, headers=world.auth("AAA", "screener"))
        assert answer.status_code == 200
    assert client.get("/health/live").status_code == 200
    assert calls == []
