"""media signals: hashes and URLs of terrorist content, and partners' feedback on them

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ictd.store.types

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "media_signals",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("quality", sa.Integer(), nullable=True),
        sa.Column("labels", sa.Text(), nullable=False),
        sa.Column("taxonomy", sa.String(length=16), nullable=False),
        sa.Column("subject_id", ID, nullable=True),
        sa.Column("platform", sa.String(length=100), nullable=True),
        sa.Column("first_seen", ictd.store.types.UTCDateTime(), nullable=True),
        sa.Column("last_seen", ictd.store.types.UTCDateTime(), nullable=True),
        sa.Column("sharing", sa.String(length=16), nullable=False),
        sa.Column("shared_with", sa.Text(), nullable=False),
        sa.Column("handling", sa.String(length=2), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("reviewed_at", ictd.store.types.UTCDateTime(), nullable=True),
        sa.Column("created_by", ID, nullable=True),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name=op.f("fk_media_signals_agency_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_media_signals_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"], ["subjects.id"], name=op.f("fk_media_signals_subject_id_subjects")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_media_signals")),
        sa.UniqueConstraint(
            "agency", "kind", "digest", name=op.f("uq_media_signals_agency_kind_digest")
        ),
    )
    op.create_index("ix_media_signals_kind_digest", "media_signals", ["kind", "digest"])
    op.create_index(op.f("ix_media_signals_subject_id"), "media_signals", ["subject_id"])
    op.create_table(
        "media_feedback",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("signal_id", ID, nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=True),
        sa.Column("takedown", sa.String(length=16), nullable=True),
        sa.Column("takedown_at", ictd.store.types.UTCDateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("updated_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name=op.f("fk_media_feedback_agency_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["signal_id"],
            ["media_signals.id"],
            name=op.f("fk_media_feedback_signal_id_media_signals"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_media_feedback")),
        sa.UniqueConstraint("signal_id", "agency", name=op.f("uq_media_feedback_signal_id_agency")),
    )


def downgrade() -> None:
    op.drop_table("media_feedback")
    op.drop_index(op.f("ix_media_signals_subject_id"), table_name="media_signals")
    op.drop_index("ix_media_signals_kind_digest", table_name="media_signals")
    op.drop_table("media_signals")
