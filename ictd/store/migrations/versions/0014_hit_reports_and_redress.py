"""hit reports on alerts

``hit_reports``: the structured report a partner files after acting on a hit (place, time,
route, means of transport, companions, items carried, action taken, outcome), one per alert.

Revision ID: 0014
Revises: 0010
Create Date: 2026-12-06 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ictd.store.types

revision = "0014"
down_revision = "0010"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "hit_reports",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("alert_id", ID, nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("reported_by", ID, nullable=True),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("occurred_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("route", sa.String(length=500), nullable=True),
        sa.Column("transport", sa.String(length=16), nullable=False),
        sa.Column("transport_details", sa.String(length=300), nullable=True),
        sa.Column("companions", sa.Text(), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("action_taken", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name=op.f("fk_hit_reports_agency_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alerts.id"], name=op.f("fk_hit_reports_alert_id_alerts")
        ),
        sa.ForeignKeyConstraint(
            ["reported_by"], ["users.id"], name=op.f("fk_hit_reports_reported_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hit_reports")),
        sa.UniqueConstraint("alert_id", name=op.f("uq_hit_reports_alert_id")),
    )


def downgrade() -> None:
    op.drop_table("hit_reports")
