"""withheld hits, listing contact references, agency hit thresholds

Screening keeps a row per hit withheld from a partner (``withheld_hits``: who screened,
when, which subject of which owner, a digest per query attribute) to recognise probing.
Every listing gets ``contact_ref``, a random reference partners outside its sharing scope
quote to the owner instead of internal ids; existing listings get one here. An agency may
set its own ``hit_threshold`` (empty: the calibrated default).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-12 10:00:00
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

import ictd.store.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
BATCH = 5000


def _fill_contact_refs() -> None:
    """A fresh random reference for every listing (the format of ``new_contact_ref``)."""
    conn = op.get_bind()
    listings = sa.table("listings", sa.column("id", ID), sa.column("contact_ref", sa.String))
    ids = [int(r[0]) for r in conn.execute(sa.select(listings.c.id).order_by(listings.c.id))]
    query = (
        sa.update(listings)
        .where(listings.c.id == sa.bindparam("listing_id"))
        .values(contact_ref=sa.bindparam("ref"))
    )
    for start in range(0, len(ids), BATCH):
        rows = [
            {"listing_id": i, "ref": f"LREF-{secrets.token_hex(10).upper()}"}
            for i in ids[start : start + BATCH]
        ]
        conn.execute(query, rows)


def upgrade() -> None:
    op.create_table(
        "withheld_hits",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("subject_id", ID, nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=300), nullable=False),
        sa.Column("at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("attributes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name=op.f("fk_withheld_hits_agency_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["owner"], ["agencies.code"], name=op.f("fk_withheld_hits_owner_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"], ["subjects.id"], name=op.f("fk_withheld_hits_subject_id_subjects")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_withheld_hits")),
    )
    op.create_index(
        "ix_withheld_hits_agency_subject_id_at",
        "withheld_hits",
        ["agency", "subject_id", "at"],
        unique=False,
    )
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hit_threshold", sa.Float(), nullable=True))
    with op.batch_alter_table("listings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contact_ref", sa.String(length=32), nullable=True))
    _fill_contact_refs()
    with op.batch_alter_table("listings", schema=None) as batch_op:
        batch_op.alter_column("contact_ref", existing_type=sa.String(length=32), nullable=False)
        batch_op.create_unique_constraint(op.f("uq_listings_contact_ref"), ["contact_ref"])


def downgrade() -> None:
    with op.batch_alter_table("listings", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("uq_listings_contact_ref"), type_="unique")
        batch_op.drop_column("contact_ref")
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.drop_column("hit_threshold")
    op.drop_index("ix_withheld_hits_agency_subject_id_at", table_name="withheld_hits")
    op.drop_table("withheld_hits")
