"""source check file ids (LMArena dataset change detection) and key renames

Revision ID: 0003_dataset_state
Revises: 0002_subscriptions
Create Date: 2026-12-03 15:16:06.394247
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0003_dataset_state'
down_revision = '0002_subscriptions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('key_renames',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.String(length=32), nullable=False),
    sa.Column('old_key', sa.String(length=300), nullable=False),
    sa.Column('old_name', sa.String(length=300), nullable=False),
    sa.Column('new_key', sa.String(length=300), nullable=False),
    sa.Column('board_id', sa.String(length=128), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('detected_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_key_renames')),
    sa.UniqueConstraint('source_id', 'new_key', name=op.f('uq_key_renames_source_id'))
    )
    with op.batch_alter_table('source_checks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('file_ids', sa.JSON(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('source_checks', schema=None) as batch_op:
        batch_op.drop_column('file_ids')

    op.drop_table('key_renames')
