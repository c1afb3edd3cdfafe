"""compliance review before sharing: each request to share a listing beyond its owner and
the operator's decision (neutrality statement, reasons, the automated checks shown)

Listings gain two statuses (``submitted``, ``refused``) in the existing ``status`` column.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 03:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ictd.store.types

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "compliance_reviews",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("listing_id", ID, nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("sharing", sa.String(length=16), nullable=False),
        sa.Column("shared_with", sa.Text(), nullable=False),
        sa.Column("prior_status", sa.String(length=16), nullable=False),
        sa.Column("prior_sharing", sa.String(length=16), nullable=False),
        sa.Column("prior_shared_with", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("submitted_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("submitted_by", ID, nullable=True),
        sa.Column("due_at", ictd.store.types.UTCDateTime(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_at", ictd.store.types.UTCDateTime(), nullable=True),
        sa.Column("decided_by", ID, nullable=True),
        sa.Column("neutrality", sa.Text(), nullable=True),
        sa.Column("reasons", sa.Text(), nullable=True),
        sa.Column("checks", sa.Text(), nullable=False),
        sa.Column("escalated_at", ictd.store.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["listing_id"], ["listings.id"], name=op.f("fk_compliance_reviews_listing_id_listings")
        ),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name=op.f("fk_compliance_reviews_agency_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by"], ["users.id"], name=op.f("fk_compliance_reviews_submitted_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["users.id"], name=op.f("fk_compliance_reviews_decided_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_compliance_reviews")),
    )
    op.create_index(
        op.f("ix_compliance_reviews_listing_id"), "compliance_reviews", ["listing_id"], unique=False
    )
    op.create_index(
        "ix_compliance_reviews_status_id", "compliance_reviews", ["status", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_compliance_reviews_status_id", table_name="compliance_reviews")
    op.drop_index(op.f("ix_compliance_reviews_listing_id"), table_name="compliance_reviews")
    op.drop_table("compliance_reviews")
