"""The `border.retention` job on both databases, with a controlled clock: passenger data of
old movements is masked beyond what an alert needs, very old movements are deleted (their
alerts stay, unlinked), both audited; a second run does nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from ictd.jobs import JOBS, JobRunner
from ictd.settings import Settings
from tests.alerts.support import listed, movement, report
from tests.world import World

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _at(key: str, days_ago: int, names: list[str] | None = None) -> dict[str, object]:
    when = (NOW - timedelta(days=days_ago)).isoformat()
    return movement(key, names=names or ["Jean Dupont"], time=when, vehicle="AB-123-CD")


def test_retention_masks_then_deletes(client: TestClient, world: World) -> None:
    listed(client, world, "AAA")
    replies = report(
        client,
        world,
        _at("fresh", 10),
        _at("old", 200),
        _at("old-hit", 200, ["Hamza bin Laden"]),
        _at("ancient", 2000),
        _at("ancient-hit", 2000, ["Hamza bin Laden"]),
    )
    assert [r["result"] for r in replies] == ["no-hit", "no-hit", "hit", "no-hit", "hit"]
    ids = {r["idempotency_key"]: r["movement_id"] for r in replies}
    settings = Settings(database_url=world.store.url, environment="test")
    runner = JobRunner(world.store, settings, JOBS)
    (outcome,) = runner.run(["border.retention"], NOW)
    assert outcome.status == "ran", outcome
    assert outcome.result == {"masked": 1, "masked_alerted": 1, "deleted": 2, "alerts_unlinked": 1}
    with world.store.read() as session:
        kept = session.movements.get_many(list(ids.values()))
        alerts = session.alerts.page("AAA", None, None, 0, 10)
        actions = [e.action for e in session.audit.events()]
    assert set(kept) == {ids["fresh"], ids["old"], ids["old-hit"]}
    fresh, old, hit = kept[ids["fresh"]], kept[ids["old"]], kept[ids["old-hit"]]
    assert fresh.names == ("Jean Dupont",) and fresh.vehicle == "AB-123-CD"
    assert old.names == () and old.document_number is None and old.birth_date is None
    assert old.vehicle is None and old.flight == "AF123" and old.reply["result"] == "no-hit"
    assert hit.names == ("Hamza bin Laden",) and hit.document_number == "K1234567"
    assert hit.vehicle is None and hit.nationalities == () and hit.gender is None
    assert "movement.mask" in actions and "movement.delete" in actions
    assert len(alerts) == 2
    assert sorted(a.movement_id or 0 for a in alerts) == [0, ids["old-hit"]]
    (again,) = runner.run(["border.retention"], NOW + timedelta(days=1))
    assert again.result == {"masked": 0, "masked_alerted": 0, "deleted": 0, "alerts_unlinked": 0}
