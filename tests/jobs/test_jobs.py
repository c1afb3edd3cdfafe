"""Scheduled jobs: due or not, one process at a time, failures recorded, runs audited."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from ictd.exc import InvalidInput
from ictd.jobs import JOBS, Job, JobRunner
from ictd.settings import Settings
from ictd.store import Store
from tests.cli.test_cli import ictd, ok


def _settings(store: Store) -> Settings:
    return Settings(database_url=store.url, environment="test")


def _counting(calls: list[datetime]) -> Job:
    def run(store: Store, settings: Settings, now: datetime) -> dict[str, int]:
        calls.append(now)
        return {"done": 1}

    return Job("test.count", timedelta(hours=1), "counts its runs", run)


def test_a_job_runs_when_due_and_not_before(store: Store, now: datetime) -> None:
    calls: list[datetime] = []
    runner = JobRunner(store, _settings(store), [_counting(calls)])
    assert [o.status for o in runner.run_due(now)] == ["ran"]
    assert [o.status for o in runner.run_due(now + timedelta(minutes=59))] == ["not-due"]
    assert [o.status for o in runner.run_due(now + timedelta(hours=1))] == ["ran"]
    assert calls == [now, now + timedelta(hours=1)]
    (status,) = runner.status()
    assert status["runs"] == 2 and status["last_result"] == {"done": 1}
    assert status["running"] is False and status["every_seconds"] == 3600


def test_a_job_held_by_another_process_is_skipped_until_its_lease_ends(
    store: Store, now: datetime
) -> None:
    calls: list[datetime] = []
    job = _counting(calls)
    with store.begin() as session:  # a process that took the job and died
        assert session.job_runs.lease(job.name, "other:1", now, now + timedelta(minutes=30))
    runner = JobRunner(store, _settings(store), [job])
    assert [o.status for o in runner.run([], now + timedelta(minutes=29))] == ["busy"]
    assert calls == []
    assert [o.status for o in runner.run([], now + timedelta(minutes=30))] == ["ran"]
    assert len(calls) == 1


def test_a_failing_job_is_recorded_without_its_message_and_audited(
    store: Store, now: datetime
) -> None:
    def broken(store: Store, settings: Settings, now: datetime) -> dict[str, int]:
        raise ValueError("holder Jane Doe, passport X123")

    runner = JobRunner(store, _settings(store), [Job("test.broken", timedelta(1), "", broken)])
    (outcome,) = runner.run([], now)
    assert outcome.status == "failed" and outcome.error == "ValueError"
    (status,) = runner.status()
    assert status["last_error"] == "ValueError" and status["running"] is False
    with store.read() as session:
        events = session.audit.query({"action": "job.run"}, 0, 10)
    assert events and "Jane" not in json.dumps(events[-1].detail)


def test_an_unknown_job_name_is_refused_naming_the_known_ones(store: Store) -> None:
    runner = JobRunner(store, _settings(store), JOBS)
    with pytest.raises(InvalidInput) as err:
        runner.run(["no.such"])
    assert "web-sessions.forget" in err.value.errors[0].message


def test_old_console_sessions_are_forgotten_and_recent_ones_kept(
    store: Store, now: datetime
) -> None:
    from tests.world import build_world

    world = build_world(store)
    user_id = world.actors["AAA:analyst"].user_id
    assert user_id is not None
    with store.begin() as session:
        old = session.web_sessions.insert("a" * 64, user_id, "c" * 64, now - timedelta(days=40))
        ended = session.web_sessions.insert("b" * 64, user_id, "c" * 64, now - timedelta(days=5))
        session.web_sessions.end(ended.id, now - timedelta(days=5))
        session.web_sessions.insert("d" * 64, user_id, "c" * 64, now - timedelta(days=1))
    runner = JobRunner(store, _settings(store), JOBS)
    (outcome,) = runner.run(["web-sessions.forget"], now)
    assert outcome.result == {"deleted": 1}
    with store.read() as session:
        assert session.web_sessions.get("a" * 64) is None
        assert session.web_sessions.get("b" * 64) is not None
        assert session.web_sessions.get("d" * 64) is not None
    assert old.id
    (again,) = runner.run(["web-sessions.forget"], now)
    assert again.result == {"deleted": 0}


def test_the_cli_lists_and_runs_jobs_as_of_a_given_moment(store: Store) -> None:
    listed = json.loads(ok(ictd(store.url, "jobs", "list")))
    assert [j["name"] for j in listed] == [job.name for job in JOBS]
    ran = json.loads(ok(ictd(store.url, "jobs", "run", "--now", "2027-01-01T00:00:00")))
    assert {o["status"] for o in ran} == {"ran"}
    due = json.loads(ok(ictd(store.url, "jobs", "run", "--due", "--now", "2027-01-01T00:10:00")))
    assert {o["status"] for o in due} == {"not-due"}
    bad = ictd(store.url, "jobs", "run", "--now", "yesterday")
    assert bad.exit_code == 1 and "--now" in bad.stderr
    unknown = ictd(store.url, "jobs", "run", "nope")
    assert unknown.exit_code == 1 and "no job 'nope'" in unknown.stderr
