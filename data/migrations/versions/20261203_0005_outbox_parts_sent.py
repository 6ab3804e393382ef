"""alert_outbox.parts_sent: the delivered messages of a split alert

Revision ID: 0005_outbox_parts_sent
Revises: 0004_entry_models
Create Date: 2026-12-03 15:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0005_outbox_parts_sent"
down_revision = "0004_entry_models"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alert_outbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("parts_sent", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("alert_outbox", schema=None) as batch_op:
        batch_op.drop_column("parts_sent")
