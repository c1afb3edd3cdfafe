"""Alembic environment: runs on the connection handed over by ``ictd.store.migrate``."""

from __future__ import annotations

from alembic import context

import ictd.store.tables_alerts  # registers the alert tables on metadata
import ictd.store.tables_graph  # registers the resolution tables on metadata
import ictd.store.tables_web  # noqa: F401  (web console sessions)
from ictd.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached when alembic is run by hand
    raise RuntimeError("run migrations through `ictd init` (ictd.store.migrate)")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
