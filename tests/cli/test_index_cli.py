"""`ictd index build|load|status` on both databases, and a server starting from a snapshot."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from ictd.demo.load import load_synthetic
from ictd.edge.server import Server
from ictd.matching import Query
from ictd.registry import subjects
from ictd.registry.subjects import StatementInput
from ictd.security.actor import Actor
from ictd.settings import Settings
from tests.cli.test_cli import ictd
from tests.world import World


@pytest.fixture
def loaded(world: World) -> World:
    load_synthetic(world.store, Actor.system("tests"), 120, 3, ("AAA", "BBB"))
    return world


def test_build_status_load(loaded: World, tmp_path: Path) -> None:
    url, path = loaded.store.url, tmp_path / "idx.snap"
    built = ictd(url, "index", "build", "--out", str(path), "--workers", "1")
    assert built.exit_code == 0, built.output
    assert "snapshot of 120 subjects" in built.stdout
    assert path.stat().st_size > 0
    status = ictd(url, "index", "status", str(path))
    assert status.exit_code == 0, status.output
    assert "subjects:  120" in status.stdout
    assert "fit to use; set ICTD_INDEX_SNAPSHOT" in status.stdout
    analyst = loaded.actor("AAA", "analyst")
    subjects.create_subject(loaded.store, analyst, "Person", [StatementInput("name", "Ilse Tanq")])
    loaded_run = ictd(url, "index", "load", str(path))
    assert loaded_run.exit_code == 0, loaded_run.output
    assert "120 subjects mapped" in loaded_run.stdout
    assert "(+1 subjects)" in loaded_run.stdout
    with loaded.store.read() as session:
        (event,) = [e for e in session.audit.events() if e.action == "index.snapshot"]
    assert event.detail["subjects"] == 120


def test_bad_snapshot_is_one_clean_message(loaded: World, tmp_path: Path) -> None:
    url = loaded.store.url
    missing = ictd(url, "index", "status", str(tmp_path / "none.snap"))
    assert missing.exit_code == 1
    assert "no index snapshot" in missing.stderr and "Traceback" not in missing.output
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    wrong = ictd(url, "index", "load", str(other))
    assert wrong.exit_code == 1
    assert "is not an index snapshot" in wrong.stderr


def test_server_starts_from_a_fresh_snapshot(
    loaded: World, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "idx.snap"
    assert ictd(loaded.store.url, "index", "build", "--out", str(path)).exit_code == 0
    analyst = loaded.actor("AAA", "analyst")
    new = subjects.create_subject(
        loaded.store, analyst, "Person", [StatementInput("name", "Ottoline Varga")]
    ).subject.id
    settings = Settings(database_url=loaded.store.url, index_snapshot=str(path))
    server = Server(settings, loaded.store)
    with caplog.at_level(logging.INFO, logger="ictd.edge.server"):
        server._build_index()
    assert "120 subjects from a snapshot" in caplog.text
    (match,) = server.live.index.search(Query("q", names=("Ottoline Varga",)), limit=1)
    assert match.subject_id == new
    # a snapshot of another store is not used: the server builds from its own
    moved = Settings(database_url=loaded.store.url, index_snapshot=str(tmp_path / "none.snap"))
    other = Server(moved, loaded.store)
    other._build_index()
    assert len(other.live.index) == 121
