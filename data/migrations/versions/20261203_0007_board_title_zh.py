"""board_title_zh: a board's Simplified Chinese title

Revision ID: 0007_board_title_zh
Revises: 0006_freshness
Create Date: 2026-12-03 18:40:00

Existing boards get theirs when their next snapshot is stored (ingestion upserts a board's
descriptive fields with each new snapshot); until then readers of Chinese see ``title``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0007_board_title_zh"
down_revision = "0006_freshness"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("boards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title_zh", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("boards", schema=None) as batch_op:
        batch_op.drop_column("title_zh")
