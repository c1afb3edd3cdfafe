"""hit reports on alerts, redress requests

``hit_reports``: the structured report a partner files after acting on a hit (place, time,
route, means of transport, companions, items carried, action taken, outcome), one per alert.
``redress_requests`` of individuals on subjects, the requester's identity evidence kept
apart (``redress_evidence``), and ``redress_referrals`` of each request to every agency
holding data on the subject, with deadlines, answers, decisions and disclosure.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ictd.store.types

revision = "0014"
down_revision = "0013"
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

    op.create_table(
        "redress_requests",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("reference", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("subject_id", ID, nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("created_by", ID, nullable=True),
        sa.Column("decided_at", ictd.store.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_redress_requests_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"], ["subjects.id"], name=op.f("fk_redress_requests_subject_id_subjects")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_redress_requests")),
        sa.UniqueConstraint("reference", name=op.f("uq_redress_requests_reference")),
    )
    op.create_index(
        op.f("ix_redress_requests_subject_id"), "redress_requests", ["subject_id"], unique=False
    )
    op.create_table(
        "redress_evidence",
        sa.Column("request_id", ID, nullable=False),
        sa.Column("requester", sa.String(length=300), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("contact", sa.String(length=300), nullable=True),
        sa.Column("recorded_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["redress_requests.id"],
            name=op.f("fk_redress_evidence_request_id_redress_requests"),
        ),
        sa.PrimaryKeyConstraint("request_id", name=op.f("pk_redress_evidence")),
    )
    op.create_table(
        "redress_referrals",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("request_id", ID, nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("forwarded_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("answer_due", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("decision_due", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_at", ictd.store.types.UTCDateTime(), nullable=True),
        sa.Column("decision", sa.String(length=16), nullable=True),
        sa.Column("reasons", sa.Text(), nullable=True),
        sa.Column("decided_at", ictd.store.types.UTCDateTime(), nullable=True),
        sa.Column("decided_by", ID, nullable=True),
        sa.Column("disclose", sa.String(length=16), nullable=False),
        sa.Column("disclosure_note", sa.Text(), nullable=True),
        sa.Column("h3_consent", sa.Boolean(), nullable=False),
        sa.Column("answer_escalated_at", ictd.store.types.UTCDateTime(), nullable=True),
        sa.Column("decision_escalated_at", ictd.store.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name=op.f("fk_redress_referrals_agency_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["users.id"], name=op.f("fk_redress_referrals_decided_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["redress_requests.id"],
            name=op.f("fk_redress_referrals_request_id_redress_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_redress_referrals")),
        sa.UniqueConstraint(
            "request_id", "agency", name=op.f("uq_redress_referrals_request_id_agency")
        ),
    )
    op.create_index(
        "ix_redress_referrals_agency_decided_at",
        "redress_referrals",
        ["agency", "decided_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_redress_referrals_agency_decided_at", table_name="redress_referrals")
    op.drop_table("redress_referrals")
    op.drop_table("redress_evidence")
    op.drop_index(op.f("ix_redress_requests_subject_id"), table_name="redress_requests")
    op.drop_table("redress_requests")
    op.drop_table("hit_reports")
