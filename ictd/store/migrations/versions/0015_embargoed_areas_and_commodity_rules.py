"""embargo and trade screening: areas and commodity rules with their versions

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 23:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ictd.store.types

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "areas",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("sharing", sa.String(length=16), nullable=False),
        sa.Column("shared_with", sa.Text(), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("created_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("created_by", ID, nullable=True),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name=op.f("fk_areas_agency_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_areas_created_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_areas")),
    )
    op.create_index(op.f("ix_areas_agency"), "areas", ["agency"], unique=False)
    op.create_table(
        "area_versions",
        sa.Column("area_id", ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("geometry", sa.Text(), nullable=False),
        sa.Column("recorded_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("recorded_by", ID, nullable=True),
        sa.ForeignKeyConstraint(
            ["area_id"], ["areas.id"], name=op.f("fk_area_versions_area_id_areas")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name=op.f("fk_area_versions_recorded_by_users")
        ),
        sa.PrimaryKeyConstraint("area_id", "version", name=op.f("pk_area_versions")),
    )
    op.create_table(
        "commodity_rules",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("created_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name=op.f("fk_commodity_rules_agency_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commodity_rules")),
    )
    op.create_index(op.f("ix_commodity_rules_agency"), "commodity_rules", ["agency"], unique=False)
    op.create_table(
        "commodity_rule_versions",
        sa.Column("rule_id", ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("area_id", ID, nullable=False),
        sa.Column("hs_ranges", sa.Text(), nullable=False),
        sa.Column("keywords", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("recorded_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("recorded_by", ID, nullable=True),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["commodity_rules.id"],
            name=op.f("fk_commodity_rule_versions_rule_id_commodity_rules"),
        ),
        sa.ForeignKeyConstraint(
            ["area_id"], ["areas.id"], name=op.f("fk_commodity_rule_versions_area_id_areas")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["users.id"],
            name=op.f("fk_commodity_rule_versions_recorded_by_users"),
        ),
        sa.PrimaryKeyConstraint("rule_id", "version", name=op.f("pk_commodity_rule_versions")),
    )


def downgrade() -> None:
    op.drop_table("commodity_rule_versions")
    op.drop_index(op.f("ix_commodity_rules_agency"), table_name="commodity_rules")
    op.drop_table("commodity_rules")
    op.drop_table("area_versions")
    op.drop_index(op.f("ix_areas_agency"), table_name="areas")
    op.drop_table("areas")
