"""alerts of any kind (not only movement hits) and notices (events without an alert)

An alert gets a ``kind`` (``movement`` for the hits of movements on listings, the only kind
before), a JSON ``detail`` (its explanation) and an optional ``dedupe_key`` that makes an
alert raised by background work idempotent per agency. Movement, listing, subject, score,
category and handling become optional (a probing alert has no movement; a risk-rule alert
no listing). An alert event may have no alert: a notice to an agency (a withheld screening
hit on its record, a listing due for review), streamed and sent to webhooks like the rest.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(32), nullable=False, server_default="movement")
        )
        batch_op.add_column(sa.Column("detail", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("dedupe_key", sa.String(200), nullable=True))
        for name in ("movement_id", "listing_id", "subject_id"):
            batch_op.alter_column(name, existing_type=ID, nullable=True)
        batch_op.alter_column("score", existing_type=sa.Float(), nullable=True)
        batch_op.alter_column("category", existing_type=sa.String(64), nullable=True)
        batch_op.alter_column("handling", existing_type=sa.String(2), nullable=True)
        batch_op.create_unique_constraint("uq_alerts_agency_dedupe_key", ["agency", "dedupe_key"])
        batch_op.create_index("ix_alerts_kind", ["kind"], unique=False)
    with op.batch_alter_table("alert_events", schema=None) as batch_op:
        batch_op.alter_column("alert_id", existing_type=ID, nullable=True)


def downgrade() -> None:
    op.execute(
        "DELETE FROM deliveries WHERE event_seq IN "
        "(SELECT seq FROM alert_events WHERE alert_id IS NULL)"
    )
    op.execute("DELETE FROM alert_events WHERE alert_id IS NULL")
    op.execute(
        "DELETE FROM deliveries WHERE event_seq IN (SELECT e.seq FROM alert_events e "
        "JOIN alerts a ON a.id = e.alert_id WHERE a.kind <> 'movement')"
    )
    op.execute(
        "DELETE FROM alert_events WHERE alert_id IN "
        "(SELECT id FROM alerts WHERE kind <> 'movement')"
    )
    op.execute("DELETE FROM alerts WHERE kind <> 'movement'")
    with op.batch_alter_table("alert_events", schema=None) as batch_op:
        batch_op.alter_column("alert_id", existing_type=ID, nullable=False)
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index("ix_alerts_kind")
        batch_op.drop_constraint("uq_alerts_agency_dedupe_key", type_="unique")
        batch_op.alter_column("handling", existing_type=sa.String(2), nullable=False)
        batch_op.alter_column("category", existing_type=sa.String(64), nullable=False)
        batch_op.alter_column("score", existing_type=sa.Float(), nullable=False)
        for name in ("movement_id", "listing_id", "subject_id"):
            batch_op.alter_column(name, existing_type=ID, nullable=False)
        batch_op.drop_column("dedupe_key")
        batch_op.drop_column("detail")
        batch_op.drop_column("kind")
