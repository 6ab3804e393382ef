"""rows that name their models: entries.models and entry_models

Revision ID: 0004_entry_models
Revises: 0003_dataset_state
Create Date: 2026-12-03 15:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0004_entry_models"
down_revision = "0003_dataset_state"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('models', sa.JSON(none_as_null=True), nullable=True))

    op.create_table('entry_models',
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('model_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['entries.id'], name=op.f('fk_entry_models_entry_id_entries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['model_id'], ['models.id'], name=op.f('fk_entry_models_model_id_models')),
    sa.PrimaryKeyConstraint('entry_id', 'model_id', name=op.f('pk_entry_models'))
    )
    with op.batch_alter_table('entry_models', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entry_models_model_id'), ['model_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('entry_models', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entry_models_model_id'))

    op.drop_table('entry_models')
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.drop_column('models')
