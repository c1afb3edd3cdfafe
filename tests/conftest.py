"""Fixture strategy.

- ``store`` runs each store, service and API test on BOTH databases: SQLite (a fresh copy
  of a migrated template file per test) and PostgreSQL (one throw-away database per test
  session, migrated once, emptied with TRUNCATE before each test). Nothing is mocked.
- PostgreSQL comes from ``ICTD_TEST_POSTGRES_URL`` (default: the local server,
  ``postgresql+psycopg://postgres@127.0.0.1:5432/test``, used only to create and drop the
  throw-away database). When it is unreachable the PostgreSQL half is skipped, unless
  ``ICTD_TEST_POSTGRES=require`` (set by ``.ci/run``): then it fails.
- The clock is passed in (``now``) where a test depends on time.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from ictd.api import create_app
from ictd.security.actor import Actor
from ictd.settings import Settings
from ictd.store import Store
from tests.world import World, build_world

PG_ADMIN_URL = os.environ.get(
    "ICTD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
PG_REQUIRED = os.environ.get("ICTD_TEST_POSTGRES", "") == "require"
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    store = Store(f"sqlite:///{path}")
    store.init()
    store.dispose()
    return path


def _pg_admin() -> Engine:
    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    name = f"ictd_test_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin()
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as err:
        admin.dispose()
        message = f"PostgreSQL unreachable at {PG_ADMIN_URL}: {type(err).__name__}"
        if PG_REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    store = Store(url)
    store.init()
    store.dispose()
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def pg_store(pg_url: str) -> Iterator[Store]:
    store = Store(pg_url)
    yield store
    store.dispose()


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Iterator[Store]:
    """An empty, migrated store on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "ictd.db"
        shutil.copy(sqlite_template, path)
        sqlite_store = Store(f"sqlite:///{path}")
        yield sqlite_store
        sqlite_store.dispose()
        return
    pg: Store = request.getfixturevalue("pg_store")
    pg.truncate_all()
    yield pg


@pytest.fixture
def now() -> datetime:
    return datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


@pytest.fixture
def operator() -> Actor:
    return Actor.system("tests")


@pytest.fixture
def world(store: Store) -> World:
    """OPS (operator), AAA and BBB, one user and key per role in each."""
    return build_world(store)


@pytest.fixture
def client(world: World) -> Iterator[TestClient]:
    """The API over ASGI, on the ``world`` store."""
    # no background threads: a dispatcher or index build outliving its test would touch the
    # next test's data in the shared PostgreSQL database
    settings = Settings(
        database_url=world.store.url,
        environment="test",
        dispatcher_enabled=False,
        build_index_on_start=False,
        xref_follow_seconds=0,
        jobs_interval_seconds=0,
        webhook_allow_http=True,  # tests post webhooks to receivers on http://127.0.0.1
        webhook_allow_hosts="127.0.0.1/32",
    )
    app = create_app(settings, world.store)
    with TestClient(app) as test_client:
        yield test_client
