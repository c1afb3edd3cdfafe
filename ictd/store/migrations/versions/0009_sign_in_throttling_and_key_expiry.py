"""sign-in throttling; every API key expires

A ``sign_in_attempts`` row per throttle key (``account:<sha256 of the e-mail>``,
``address:<ip>``) counts failed sign-ins and says until when the key is blocked.

API keys made before this revision without an expiry get one: 90 days (the default of
``ICTD_KEY_DEFAULT_DAYS``) after the upgrade, so that no key lives for ever. A downgrade
keeps those expiry dates (which keys had none cannot be told any more).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08 10:00:00
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

import ictd.store.types

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

KEY_DAYS = 90


def upgrade() -> None:
    op.create_table(
        "sign_in_attempts",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("first_failure_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("last_failure_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("blocked_until", ictd.store.types.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sign_in_attempts")),
    )
    with op.batch_alter_table("sign_in_attempts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sign_in_attempts_last_failure_at"), ["last_failure_at"], unique=False
        )
    keys = sa.table("api_keys", sa.column("expires_at", ictd.store.types.UTCDateTime()))
    expires = datetime.now(UTC) + timedelta(days=KEY_DAYS)
    op.execute(keys.update().where(keys.c.expires_at.is_(None)).values(expires_at=expires))


def downgrade() -> None:
    with op.batch_alter_table("sign_in_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sign_in_attempts_last_failure_at"))
    op.drop_table("sign_in_attempts")
