"""Liveness, readiness and Prometheus metrics, on both databases."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from ictd.api import create_app
from ictd.settings import Settings
from tests.api.test_screening_api import _listed_subject
from tests.world import World


def _samples(text: str) -> dict[str, float]:
    """``name{labels}`` -> value of every sample."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
            found[f"{sample.name}{{{labels}}}"] = sample.value
    return found


def _metrics(client: TestClient, world: World) -> dict[str, float]:
    answer = client.get("/metrics", headers=world.auth("OPS", "agency-admin"))
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain")
    return _samples(answer.text)


def test_live_needs_nothing(client: TestClient) -> None:
    answer = client.get("/health/live")
    assert answer.status_code == 200 and answer.json() == {"status": "live"}


def test_ready_only_once_the_index_is_built(client: TestClient, world: World) -> None:
    answer = client.get("/health/ready")  # the fixture builds no index on start
    assert answer.status_code == 503
    assert answer.json() == {"ready": False, "database": True, "index": False}
    server = client.app.state.server  # type: ignore[attr-defined]
    server.live.build()
    answer = client.get("/health/ready")
    assert answer.status_code == 200 and answer.json()["ready"] is True


def test_ready_catches_the_index_up_with_the_change_feed(client: TestClient, world: World) -> None:
    server = client.app.state.server  # type: ignore[attr-defined]
    server.live.build()
    before = server.live.position
    _listed_subject(client, world)  # a change committed after the build
    assert client.get("/health/ready").status_code == 200
    assert server.live.position > before  # the readiness check applied it


@pytest.mark.parametrize(("agency", "role"), [("AAA", "agency-admin"), ("BBB", "analyst")])
def test_metrics_need_an_operator_key(
    client: TestClient, world: World, agency: str, role: str
) -> None:
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers=world.auth(agency, role)).status_code == 403


def test_metrics_count_screenings_hits_and_requests_by_route(
    client: TestClient, world: World
) -> None:
    _listed_subject(client, world)
    before = _metrics(client, world)
    body = {"queries": [{"id": "a", "names": ["Hamza bin Laden"]}, {"id": "b", "names": ["X Y"]}]}
    answer = client.post("/api/v1/screen", json=body, headers=world.auth("BBB", "screener"))
    assert answer.status_code == 200
    after = _metrics(client, world)

    def grew(name: str) -> float:
        return after[name] - before.get(name, 0)

    assert grew("ictd_screening_queries_total{}") == 2
    assert grew("ictd_screening_hits_total{}") == 1
    key = "ictd_http_request_duration_seconds_count{method=POST,route=/api/v1/screen,status=200}"
    assert grew(key) == 1
    # a path with an id is counted under its template, not under each id
    client.get("/api/v1/subjects/424242", headers=world.auth("AAA", "analyst"))
    routes = {k for k in _metrics(client, world) if "/api/v1/subjects/" in k}
    assert any("route=/api/v1/subjects/{subject_id}," in k for k in routes)
    assert not any("424242" in k for k in routes)


def test_metrics_count_movements_and_their_hits(client: TestClient, world: World) -> None:
    _listed_subject(client, world)
    before = _metrics(client, world)
    when = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    movements = [
        {
            "idempotency_key": f"m{i}",
            "kind": "border-entry",
            "time": when,
            "traveller": {"names": [name]},
        }
        for i, name in enumerate(["Hamza bin Laden", "Jean Dupont"])
    ]
    auth = world.auth("BBB", "screener")
    answer = client.post("/api/v1/movements", json={"movements": movements}, headers=auth)
    assert answer.status_code == 200, answer.text
    after = _metrics(client, world)
    assert after["ictd_movements_total{}"] - before.get("ictd_movements_total{}", 0) == 2
    assert after["ictd_movement_hits_total{}"] - before.get("ictd_movement_hits_total{}", 0) == 1


def test_metrics_show_the_outbox_and_the_index(client: TestClient, world: World) -> None:
    server = client.app.state.server  # type: ignore[attr-defined]
    found = _metrics(client, world)
    assert found["ictd_index_loaded{}"] == 0
    assert found["ictd_outbox_pending{}"] == 0 and found["ictd_outbox_dead{}"] == 0
    assert found["ictd_alert_delivery_lag_seconds{}"] == 0
    _listed_subject(client, world)
    server.live.build()
    found = _metrics(client, world)
    assert found["ictd_index_loaded{}"] == 1 and found["ictd_index_subjects{}"] == 1
    assert found["ictd_index_age_seconds{}"] >= 0


def test_outbox_gauges_count_pending_and_dead_deliveries(client: TestClient, world: World) -> None:
    hook = {"url": "http://127.0.0.1:9/hook", "events": ["alert.created"]}
    admin = world.auth("AAA", "agency-admin")
    assert client.post("/api/v1/webhooks", json=hook, headers=admin).is_success
    _listed_subject(client, world)
    when = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    movement = {"idempotency_key": "o1", "kind": "border-entry", "time": when,
                "traveller": {"names": ["Hamza bin Laden"]}}  # fmt: skip
    auth = world.auth("BBB", "screener")
    assert client.post("/api/v1/movements", json={"movements": [movement]}, headers=auth).is_success
    found = _metrics(client, world)
    assert found["ictd_outbox_pending{}"] >= 1  # the dispatcher does not run in this fixture
    assert found["ictd_alert_delivery_lag_seconds{}"] >= 0
    with world.store.begin() as session:
        pending = session.webhooks.due(datetime.now(UTC) + timedelta(days=1), 100)
        for delivery in pending:
            session.webhooks.update_delivery(delivery.id or 0, status="dead")
    found = _metrics(client, world)
    assert found["ictd_outbox_pending{}"] == 0 and found["ictd_outbox_dead{}"] == len(pending)


@pytest.fixture
def public_client(world: World) -> Iterator[TestClient]:
    settings = Settings(
        database_url=world.store.url, environment="test", dispatcher_enabled=False,
        build_index_on_start=False, xref_follow_seconds=0, jobs_interval_seconds=0,
        metrics_public=True,
    )  # fmt: skip
    with TestClient(create_app(settings, world.store)) as client:
        yield client


def test_public_metrics_need_no_key(public_client: TestClient) -> None:
    answer = public_client.get("/metrics")
    assert answer.status_code == 200 and "ictd_outbox_pending" in answer.text


def test_a_subject_listed_through_one_worker_is_a_hit_through_another(
    client: TestClient, public_client: TestClient, world: World
) -> None:
    """Two applications on one database, each with its own index and key cache, as two
    workers of ``ictd serve --workers 2`` are."""
    other = public_client.app.state.server  # type: ignore[attr-defined]
    other.live.build()  # the second worker is ready before the listing is made
    assert public_client.get("/health/ready").status_code == 200
    body = {"queries": [{"id": "a", "names": ["Hamza bin Laden"]}]}
    auth = world.auth("BBB", "screener")
    before = public_client.post("/api/v1/screen", json=body, headers=auth).json()
    assert before["results"][0]["hit"] is False
    _listed_subject(client, world)  # through the first worker
    after = public_client.post("/api/v1/screen", json=body, headers=auth).json()
    assert after["results"][0]["hit"] is True
