"""travellers of manifests keep their booking across messages: ``booking_key`` (the carrier
and the record locator), indexed with the agency, so that co-travellers on a booking are
found in the travellers stored from earlier messages

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("manifest_travellers") as batch_op:
        batch_op.add_column(sa.Column("booking_key", sa.String(length=48), nullable=True))
    op.create_index(
        "ix_manifest_travellers_agency_booking_key",
        "manifest_travellers",
        ["agency", "booking_key"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_manifest_travellers_agency_booking_key", table_name="manifest_travellers")
    with op.batch_alter_table("manifest_travellers") as batch_op:
        batch_op.drop_column("booking_key")
