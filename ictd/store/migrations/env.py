"""Alembic environment: runs on the connection handed over by ``ictd.store.migrate``."""

from __future__ import annotations

from alembic import context

from ictd.store.tables import metadata  # the package registers every table

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
