"""The backup and restore procedure of docs/deployment.md, on both databases: a backup
taken while the store is in use, restored into a new database, passes ``ictd audit
verify`` with every event; a restored copy that was altered does not."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text, update
from sqlalchemy.engine import make_url

from ictd.screening import LiveIndex, QueryInput, screen
from ictd.store import Store
from ictd.store.tables import audit_events
from tests.cli.test_cli import ictd, ok, refused
from tests.conftest import PG_ADMIN_URL
from tests.world import World


def _use(world: World) -> int:
    """Some audited work; the number of audit events there are then."""
    screener = world.actor("BBB", "screener")
    screen(world.store, LiveIndex(world.store), screener, [QueryInput(id="q", names=["A B"])])
    with world.store.read() as session:
        return session.audit.head()[0]


def _sqlite_backup(store: Store, tmp: Path) -> str:
    """``sqlite3 ictd.db ".backup backup.db"`` (the online backup API: consistent while
    the server runs), then the copy is what gets restored."""
    source = make_url(store.url).database or ""
    backup = tmp / "backup.db"
    if shutil.which("sqlite3"):
        subprocess.run(["sqlite3", source, f".backup '{backup}'"], check=True)
    else:
        with sqlite3.connect(source) as src, sqlite3.connect(backup) as dst:
            src.backup(dst)
    restored = tmp / "restored.db"
    shutil.copy(backup, restored)
    return f"sqlite:///{restored}"


@pytest.fixture
def pg_restore_target() -> Iterator[str]:
    name = f"ictd_restore_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _libpq(url: str) -> str:
    """The URL as pg_dump and pg_restore take it (no SQLAlchemy driver name)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _pg_backup(store: Store, tmp: Path, target: str) -> str:
    """``pg_dump --format=custom`` of the live database, ``pg_restore`` into an empty one."""
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump / pg_restore are not installed")
    dump = tmp / "ictd.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", _libpq(store.url)],
        check=True,
    )
    subprocess.run(
        ["pg_restore", "--no-owner", f"--dbname={_libpq(target)}", str(dump)],
        check=True,
    )
    return target


@pytest.fixture
def restored(world: World, tmp_path: Path, request: pytest.FixtureRequest) -> tuple[str, int]:
    """The URL of a restored copy of ``world``'s store, and its number of audit events."""
    events = _use(world)
    if world.store.dialect == "sqlite":
        return _sqlite_backup(world.store, tmp_path), events
    target = request.getfixturevalue("pg_restore_target")
    return _pg_backup(world.store, tmp_path, target), events


def test_a_restored_backup_passes_the_audit_verification(restored: tuple[str, int]) -> None:
    url, events = restored
    out = ok(ictd(url, "audit", "verify"))
    assert out == f"audit trail intact: {events} events, head {events}\n"
    copy = Store(url)
    try:
        with copy.read() as session:
            assert session.accounts.get_agency("AAA") is not None
    finally:
        copy.dispose()


def test_an_altered_restored_copy_fails_the_verification(restored: tuple[str, int]) -> None:
    url, _ = restored
    copy = Store(url)
    try:
        with copy.engine.begin() as conn:
            conn.execute(
                update(audit_events).where(audit_events.c.seq == 2).values(action="key.create2")
            )
    finally:
        copy.dispose()
    refused(ictd(url, "audit", "verify"), "BROKEN", "event 2")
