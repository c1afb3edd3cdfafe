"""passenger manifests: accepted interchanges, their PNR bookings and travellers

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 23:59:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ictd.store.types

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "manifests",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("sender", sa.String(length=80), nullable=False),
        sa.Column("reference", sa.String(length=35), nullable=False),
        sa.Column("recipient", sa.String(length=80), nullable=False),
        sa.Column("message_types", sa.String(length=40), nullable=False),
        sa.Column("syntax", sa.String(length=8), nullable=False),
        sa.Column("prepared_at", sa.String(length=19), nullable=False),
        sa.Column("received_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("received_by", ID, nullable=True),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("test", sa.Boolean(), nullable=False),
        sa.Column("travellers", sa.Integer(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("messages", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name=op.f("fk_manifests_agency_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["received_by"], ["users.id"], name=op.f("fk_manifests_received_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_manifests")),
        sa.UniqueConstraint(
            "agency", "sender", "reference", name=op.f("uq_manifests_agency_sender_reference")
        ),
    )
    op.create_index("ix_manifests_agency_id", "manifests", ["agency", "id"], unique=False)
    op.create_table(
        "pnr_bookings",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("manifest_id", ID, nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("message_reference", sa.String(length=35), nullable=False),
        sa.Column("record_locator", sa.String(length=35), nullable=False),
        sa.Column("booked_at", sa.String(length=19), nullable=True),
        sa.Column("travel_agency", sa.String(length=100), nullable=True),
        sa.Column("payment", sa.String(length=40), nullable=True),
        sa.Column("segments", sa.Text(), nullable=False),
        sa.Column("positions", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name=op.f("fk_pnr_bookings_agency_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["manifest_id"], ["manifests.id"], name=op.f("fk_pnr_bookings_manifest_id_manifests")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pnr_bookings")),
    )
    op.create_index(
        op.f("ix_pnr_bookings_manifest_id"), "pnr_bookings", ["manifest_id"], unique=False
    )
    op.create_index(
        "ix_pnr_bookings_agency_record_locator",
        "pnr_bookings",
        ["agency", "record_locator"],
        unique=False,
    )
    op.create_table(
        "manifest_travellers",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("manifest_id", ID, nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("message_reference", sa.String(length=35), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("movement_id", ID, nullable=False),
        sa.Column("hit", sa.Boolean(), nullable=False),
        sa.Column("booking_id", ID, nullable=True),
        sa.Column("record_locator", sa.String(length=35), nullable=True),
        sa.Column("seat", sa.String(length=35), nullable=True),
        sa.Column("baggage", sa.Text(), nullable=False),
        sa.Column("passenger", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name=op.f("fk_manifest_travellers_agency_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["pnr_bookings.id"],
            name=op.f("fk_manifest_travellers_booking_id_pnr_bookings"),
        ),
        sa.ForeignKeyConstraint(
            ["manifest_id"],
            ["manifests.id"],
            name=op.f("fk_manifest_travellers_manifest_id_manifests"),
        ),
        sa.ForeignKeyConstraint(
            ["movement_id"],
            ["movements.id"],
            name=op.f("fk_manifest_travellers_movement_id_movements"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_manifest_travellers")),
        sa.UniqueConstraint(
            "manifest_id",
            "message_reference",
            "position",
            name=op.f("uq_manifest_travellers_manifest_id_message_reference_position"),
        ),
    )
    op.create_index(
        op.f("ix_manifest_travellers_movement_id"),
        "manifest_travellers",
        ["movement_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_manifest_travellers_booking_id"),
        "manifest_travellers",
        ["booking_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_table("manifest_travellers")
    op.drop_table("pnr_bookings")
    op.drop_table("manifests")
