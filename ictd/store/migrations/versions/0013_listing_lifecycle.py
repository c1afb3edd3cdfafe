"""listing life cycle: last review day, recorded extensions, review warnings sent, flags

Every listing gets ``last_reviewed`` (the day its review date was last set). An owner's
extension of a review date is kept with who, when, why and the dates
(``listing_extensions``); each review warning sent to an owner is kept once per listing,
review date and stage (``listing_review_warnings``) so that it goes only once. A partner's
"no action on our territory" flag on a listing is ``listing_flags`` (withdrawn ones kept).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 00:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ictd.store.types

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("listings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_reviewed", sa.Date(), nullable=True))
    op.create_table(
        "listing_extensions",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("listing_id", ID, nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("user_id", ID, nullable=True),
        sa.Column("at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("previous_date", sa.Date(), nullable=True),
        sa.Column("new_date", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["listing_id"], ["listings.id"], name=op.f("fk_listing_extensions_listing_id_listings")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_listing_extensions_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_listing_extensions")),
    )
    op.create_index(
        op.f("ix_listing_extensions_listing_id"), "listing_extensions", ["listing_id"], unique=False
    )
    op.create_table(
        "listing_review_warnings",
        sa.Column("listing_id", ID, nullable=False),
        sa.Column("review_date", sa.Date(), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("sent_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["listing_id"],
            ["listings.id"],
            name=op.f("fk_listing_review_warnings_listing_id_listings"),
        ),
        sa.PrimaryKeyConstraint(
            "listing_id", "review_date", "stage", name=op.f("pk_listing_review_warnings")
        ),
    )

    op.create_table(
        "listing_flags",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("listing_id", ID, nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("created_by", ID, nullable=True),
        sa.Column("withdrawn_at", ictd.store.types.UTCDateTime(), nullable=True),
        sa.Column("withdrawn_by", ID, nullable=True),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name=op.f("fk_listing_flags_agency_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_listing_flags_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["listing_id"], ["listings.id"], name=op.f("fk_listing_flags_listing_id_listings")
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by"], ["users.id"], name=op.f("fk_listing_flags_withdrawn_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_listing_flags")),
    )
    op.create_index(
        op.f("ix_listing_flags_listing_id"), "listing_flags", ["listing_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_listing_flags_listing_id"), table_name="listing_flags")
    op.drop_table("listing_flags")
    op.drop_table("listing_review_warnings")
    op.drop_index(op.f("ix_listing_extensions_listing_id"), table_name="listing_extensions")
    op.drop_table("listing_extensions")
    with op.batch_alter_table("listings", schema=None) as batch_op:
        batch_op.drop_column("last_reviewed")
