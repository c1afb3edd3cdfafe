"""border checks: lost and stolen travel documents, delegations, risk rules; agency country

``agencies.country`` is the state an agency serves: it records that state's documents in
``document_reports``; ``document_delegations`` lets the operator allow an agency to record
another state's documents. ``risk_rules`` with ``risk_rule_versions`` hold agencies'
targeting rules, every version kept.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ictd.store.types

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("country", sa.String(length=3), nullable=True))
    op.create_table(
        "document_reports",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("doc_type", sa.String(length=1), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("number_key", sa.String(length=64), nullable=False),
        sa.Column("issuing_state", sa.String(length=3), nullable=True),
        sa.Column("expiry", sa.Date(), nullable=True),
        sa.Column("issued", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("subject_id", ID, nullable=True),
        sa.Column("sharing", sa.String(length=8), nullable=False),
        sa.Column("shared_with", sa.String(length=400), nullable=False),
        sa.Column("contact_ref", sa.String(length=32), nullable=False),
        sa.Column("withdrawn", sa.Date(), nullable=True),
        sa.Column("created_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("created_by", ID, nullable=True),
        sa.Column("updated_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name=op.f("fk_document_reports_agency_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_document_reports_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"], ["subjects.id"], name=op.f("fk_document_reports_subject_id_subjects")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_reports")),
        sa.UniqueConstraint("contact_ref", name=op.f("uq_document_reports_contact_ref")),
    )
    with op.batch_alter_table("document_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_reports_agency"), ["agency"], unique=False)
        batch_op.create_index(
            "ix_document_reports_number_key_doc_type", ["number_key", "doc_type"], unique=False
        )
    op.create_table(
        "document_delegations",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("issuing_state", sa.String(length=3), nullable=False),
        sa.Column("granted_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("granted_by", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name=op.f("fk_document_delegations_agency_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_delegations")),
        sa.UniqueConstraint(
            "agency", "issuing_state", name=op.f("uq_document_delegations_agency_issuing_state")
        ),
    )
    op.create_table(
        "risk_rules",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("latest_version", sa.Integer(), nullable=False),
        sa.Column("active_version", sa.Integer(), nullable=True),
        sa.Column("created_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name=op.f("fk_risk_rules_agency_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_rules")),
    )
    with op.batch_alter_table("risk_rules", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_risk_rules_agency"), ["agency"], unique=False)
    op.create_table(
        "risk_rule_versions",
        sa.Column("rule_id", ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("created_at", ictd.store.types.UTCDateTime(), nullable=False),
        sa.Column("created_by", ID, nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_risk_rule_versions_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"], ["risk_rules.id"], name=op.f("fk_risk_rule_versions_rule_id_risk_rules")
        ),
        sa.PrimaryKeyConstraint("rule_id", "version", name=op.f("pk_risk_rule_versions")),
    )


def downgrade() -> None:
    op.drop_table("risk_rule_versions")
    with op.batch_alter_table("risk_rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risk_rules_agency"))
    op.drop_table("risk_rules")
    op.drop_table("document_delegations")
    with op.batch_alter_table("document_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_document_reports_number_key_doc_type")
        batch_op.drop_index(batch_op.f("ix_document_reports_agency"))
    op.drop_table("document_reports")
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.drop_column("country")
