"""entity resolution: xref proposals, judgements, resolved clusters

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ictd.store.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _id() -> sa.types.TypeEngine[int]:
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "xref_proposals",
        sa.Column("id", _id(), autoincrement=True, nullable=False),
        sa.Column("subject_a", _id(), nullable=False),
        sa.Column("subject_b", _id(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("created_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["subject_a"], ["subjects.id"], name=op.f("fk_xref_proposals_subject_a_subjects")
        ),
        sa.ForeignKeyConstraint(
            ["subject_b"], ["subjects.id"], name=op.f("fk_xref_proposals_subject_b_subjects")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_xref_proposals")),
        sa.UniqueConstraint(
            "subject_a", "subject_b", name=op.f("uq_xref_proposals_subject_a_subject_b")
        ),
    )
    with op.batch_alter_table("xref_proposals", schema=None) as batch_op:
        batch_op.create_index("ix_xref_proposals_score_id", ["score", "id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_xref_proposals_subject_b"), ["subject_b"], unique=False
        )
    op.create_table(
        "judgements",
        sa.Column("id", _id(), autoincrement=True, nullable=False),
        sa.Column("subject_a", _id(), nullable=False),
        sa.Column("subject_b", _id(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=True),
        sa.Column("created_by", _id(), nullable=True),
        sa.Column("created_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("revoked_at", ictd.store.types.UTCDateTime(), nullable=True),
        sa.Column("revoked_by", _id(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name=op.f("fk_judgements_agency_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_judgements_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["revoked_by"], ["users.id"], name=op.f("fk_judgements_revoked_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["subject_a"], ["subjects.id"], name=op.f("fk_judgements_subject_a_subjects")
        ),
        sa.ForeignKeyConstraint(
            ["subject_b"], ["subjects.id"], name=op.f("fk_judgements_subject_b_subjects")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_judgements")),
    )
    with op.batch_alter_table("judgements", schema=None) as batch_op:
        batch_op.create_index(
            "ix_judgements_subject_a_subject_b", ["subject_a", "subject_b"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_judgements_subject_b"), ["subject_b"], unique=False)
    op.create_table(
        "subject_clusters",
        sa.Column("subject_id", _id(), autoincrement=False, nullable=False),
        sa.Column("cluster_id", _id(), nullable=False),
        sa.ForeignKeyConstraint(
            ["subject_id"], ["subjects.id"], name=op.f("fk_subject_clusters_subject_id_subjects")
        ),
        sa.PrimaryKeyConstraint("subject_id", name=op.f("pk_subject_clusters")),
    )
    with op.batch_alter_table("subject_clusters", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_subject_clusters_cluster_id"), ["cluster_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("subject_clusters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_subject_clusters_cluster_id"))
    op.drop_table("subject_clusters")
    with op.batch_alter_table("judgements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_judgements_subject_b"))
        batch_op.drop_index("ix_judgements_subject_a_subject_b")
    op.drop_table("judgements")
    with op.batch_alter_table("xref_proposals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_xref_proposals_subject_b"))
        batch_op.drop_index("ix_xref_proposals_score_id")
    op.drop_table("xref_proposals")
