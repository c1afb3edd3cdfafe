"""every API key expires

API keys made before this revision without an expiry get one: 90 days (the default of
``ICTD_KEY_DEFAULT_DAYS``) after the upgrade, so that no key lives for ever. A downgrade
keeps those expiry dates (which keys had none cannot be told any more).

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-08 10:00:00
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

import ictd.store.types

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None

KEY_DAYS = 90


def upgrade() -> None:
    keys = sa.table("api_keys", sa.column("expires_at", ictd.store.types.UTCDateTime()))
    expires = datetime.now(UTC) + timedelta(days=KEY_DAYS)
    op.execute(keys.update().where(keys.c.expires_at.is_(None)).values(expires_at=expires))


def downgrade() -> None:
    pass  # the expiry dates stay: which keys had none cannot be told any more
