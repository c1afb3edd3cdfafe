"""the audit intake: a request's transaction inserts its audit event into ``audit_intake``
without taking the chain's lock; sealers move the rows onto the hash chain (``audit_events``)
in batches under the ``audit_head`` lock

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_intake",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("ts", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=300), nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=500), nullable=True),
        sa.Column("targets", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_intake")),
    )


def downgrade() -> None:
    # events still in the intake are sealed by any sealer before a downgrade; a downgrade
    # with rows left would lose them, so it refuses
    bind = op.get_bind()
    left = bind.execute(sa.text("SELECT count(*) FROM audit_intake")).scalar()
    if left:
        raise RuntimeError(
            f"audit_intake holds {left} unsealed events: run `ictd audit verify` (which seals "
            "them) before downgrading"
        )
    op.drop_table("audit_intake")
