"""freshness: which snapshot is current, how its date was obtained, source health

Revision ID: 0006_freshness
Revises: 0005_outbox_parts_sent
Create Date: 2026-12-03 15:20:00

Existing snapshots were made current by date (newest ``as_of``, then newest stored): a row
``became_current`` when no earlier-stored row of its board had a later date, which is exactly
the rule they were stored under. Rows loaded from an address were fetched, the others imported.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0006_freshness"
down_revision = "0005_outbox_parts_sent"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("snapshots", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("date_kind", sa.String(length=16), server_default="published", nullable=False)
        )
        batch_op.add_column(
            sa.Column("via", sa.String(length=16), server_default="fetch", nullable=False)
        )
        batch_op.add_column(
            sa.Column("became_current", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_index(
            "ix_snapshots_board_current", ["board_id", "became_current", "id"], unique=False
        )
    op.execute(
        "UPDATE snapshots SET became_current = NOT EXISTS ("
        " SELECT 1 FROM snapshots AS earlier WHERE earlier.board_id = snapshots.board_id"
        " AND earlier.id < snapshots.id AND earlier.as_of > snapshots.as_of)"
    )
    op.execute(
        "UPDATE snapshots SET via = 'import'"
        " WHERE origin NOT LIKE 'http://%' AND origin NOT LIKE 'https://%'"
    )
    op.create_table(
        "source_health",
        sa.Column("source_id", sa.String(length=32), nullable=False),
        sa.Column("failing_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("source_id", name=op.f("pk_source_health")),
    )


def downgrade() -> None:
    op.drop_table("source_health")
    with op.batch_alter_table("snapshots", schema=None) as batch_op:
        batch_op.drop_index("ix_snapshots_board_current")
        batch_op.drop_column("became_current")
        batch_op.drop_column("via")
        batch_op.drop_column("date_kind")
