"""Migrations on both databases: upgrade from empty, downgrade to base, upgrade again.

Each test gets its own empty database: a temp file for SQLite, a throw-away database on the
PostgreSQL server of ``tests.conftest`` (created and dropped here, never the shared one).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, insert, inspect, text
from sqlalchemy.engine import make_url

from ictd.exc import StoreError
from ictd.model import Agency
from ictd.security.actor import Actor
from ictd.security.audit import verify_chain
from ictd.store import Store, migrate
from ictd.store.tables import agencies, api_keys, metadata, users
from tests.conftest import BACKENDS, PG_ADMIN_URL

TABLES = {t.name for t in metadata.sorted_tables}


@pytest.fixture(params=BACKENDS)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a database with no tables at all."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    request.getfixturevalue("pg_url")  # skips (or fails, when required) without PostgreSQL
    name = f"ictd_migr_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def fresh(empty_url: str) -> Iterator[Store]:
    store = Store(empty_url)
    yield store
    store.dispose()


def user_tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def schema_differences(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


def write_and_read(store: Store) -> None:
    now = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
    with store.begin() as session:
        session.accounts.insert_agency(Agency(code="AAA", name="Agency AAA", created_at=now))
        session.audit.record(Actor.system("migration test"), "agency.create", ["agency:AAA"])
    with store.begin() as session:
        agency = session.accounts.get_agency("AAA")
        assert agency is not None
        assert agency.created_at == now
        assert verify_chain(session.audit.events(), session.audit.head()) == (1, None)


def revisions() -> list[str]:
    """Every revision, oldest first."""
    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.MIGRATIONS))
    walked = [r.revision for r in ScriptDirectory.from_config(cfg).walk_revisions()]
    return list(reversed(walked))


def test_head_revision_is_the_single_newest_revision() -> None:
    history = revisions()
    assert history
    assert migrate.head_revision() == history[-1]
    assert history[0] == "0001"


def test_every_revision_upgrades_and_downgrades_one_step_at_a_time(fresh: Store) -> None:
    history = revisions()
    for revision in history:
        migrate.upgrade(fresh.engine, revision)
        assert migrate.current_revision(fresh.engine) == revision
    assert schema_differences(fresh.engine) == []
    for previous in [*reversed(history[:-1]), None]:
        migrate.downgrade(fresh.engine, previous or "base")
        assert migrate.current_revision(fresh.engine) == previous
    assert user_tables(fresh.engine) == set()


def test_an_empty_database_is_not_ready(fresh: Store) -> None:
    assert user_tables(fresh.engine) == set()
    assert migrate.current_revision(fresh.engine) is None
    assert fresh.is_ready() is False


def test_upgrade_from_empty_matches_the_metadata(fresh: Store) -> None:
    fresh.init()
    assert migrate.current_revision(fresh.engine) == migrate.head_revision()
    assert fresh.is_ready()
    fresh.check_ready()
    assert user_tables(fresh.engine) == TABLES
    assert schema_differences(fresh.engine) == []
    write_and_read(fresh)


def test_upgrade_is_idempotent(fresh: Store) -> None:
    fresh.init()
    fresh.init()
    assert migrate.current_revision(fresh.engine) == migrate.head_revision()
    assert schema_differences(fresh.engine) == []


def test_downgrade_to_base_and_upgrade_again(fresh: Store) -> None:
    fresh.init()
    write_and_read(fresh)
    migrate.downgrade(fresh.engine)
    assert user_tables(fresh.engine) == set()
    assert migrate.current_revision(fresh.engine) is None
    assert fresh.is_ready() is False
    if fresh.dialect == "postgresql":  # nothing of the schema is left behind
        with fresh.engine.connect() as conn:
            leftovers = conn.execute(
                text(
                    "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    " WHERE n.nspname = 'public' AND relname <> 'alembic_version'"
                    " AND relname NOT LIKE 'alembic_version%'"
                )
            ).all()
        assert leftovers == []
    migrate.upgrade(fresh.engine)
    assert migrate.current_revision(fresh.engine) == migrate.head_revision()
    assert user_tables(fresh.engine) == TABLES
    assert schema_differences(fresh.engine) == []
    write_and_read(fresh)  # the old rows are gone: the same agency code can be written again


def test_a_store_on_an_empty_database_refuses_to_pretend(fresh: Store) -> None:
    with pytest.raises(StoreError, match="not initialised"):
        fresh.check_ready()


def test_listings_written_before_0008_get_distinct_contact_references(fresh: Store) -> None:
    """Listings get their reference from the migration; rows that point at them (alerts)
    survive the table's rebuild on SQLite."""
    migrate.upgrade(fresh.engine, "0007")
    stamp = datetime(2026, 11, 28, 9, 30, tzinfo=UTC).isoformat()
    with fresh.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO agencies (code, name, is_operator, created_at)"
                " VALUES ('AAA', 'A', false, :t)"
            ),
            {"t": stamp},
        )
        conn.execute(
            text(
                "INSERT INTO subjects (schema, agency, created_at, updated_at)"
                " VALUES ('Person', 'AAA', :t, :t)"
            ),
            {"t": stamp},
        )
        for _ in range(3):
            conn.execute(
                text(
                    "INSERT INTO listings (subject_id, agency, category, actions, reliability,"
                    " accuracy, sharing, shared_with, handling, status, created_at, updated_at)"
                    " SELECT id, 'AAA', 'terrorist', 'arrest', 'X', 4, 'own', '', 'H1', 'active',"
                    " :t, :t FROM subjects"
                ),
                {"t": stamp},
            )
        conn.execute(
            text(
                "INSERT INTO alerts (reference, kind, listing_id, subject_id, agency, reporter,"
                " actions, origin, status, created_at, updated_at, due_at)"
                " SELECT 'ALR-1', 'probing', MIN(id), MIN(subject_id), 'AAA', 'AAA', '',"
                " 'screening', 'new', :t, :t, :t FROM listings"
            ),
            {"t": stamp},
        )
    migrate.upgrade(fresh.engine)
    with fresh.begin() as session:
        found = session.listings.of_subjects([1])
    refs = [x.contact_ref or "" for x in found]
    assert len(found) == 3 and len(set(refs)) == 3
    assert all(re.fullmatch(r"LREF-[0-9A-F]{20}", r) for r in refs)
    with fresh.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM alerts")).scalar() == 1
    migrate.downgrade(fresh.engine, "0007")
    with fresh.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM listings")).scalar() == 3


def test_keys_without_an_expiry_get_one_on_upgrade(fresh: Store) -> None:
    migrate.upgrade(fresh.engine, "0007")
    made = datetime(2026, 1, 5, tzinfo=UTC)
    with fresh.engine.begin() as conn:
        conn.execute(insert(agencies).values(code="AAA", name="Agency AAA", created_at=made))
        conn.execute(
            insert(users).values(
                id=1, email="a@aaa.example", agency="AAA", roles="analyst", created_at=made
            )
        )
        for number, expires in ((1, None), (2, made + timedelta(days=3))):
            conn.execute(
                insert(api_keys).values(
                    id=number,
                    prefix=f"p{number}",
                    secret_hash="0" * 64,
                    user_id=1,
                    created_at=made,
                    expires_at=expires,
                )
            )
    before = datetime.now(UTC)
    migrate.upgrade(fresh.engine)
    with fresh.read() as session:
        old, dated = session.accounts.get_key(1), session.accounts.get_key(2)
    assert old is not None and old.expires_at is not None
    assert before + timedelta(days=89) < old.expires_at < before + timedelta(days=91)
    assert dated is not None and dated.expires_at == made + timedelta(days=3)
