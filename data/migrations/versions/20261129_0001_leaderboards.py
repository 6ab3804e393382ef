"""leaderboards: boards, models, snapshots, entries, source checks

Revision ID: 0001_leaderboards
Revises: (none)
Create Date: 2026-11-29 00:26:40.333201
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0001_leaderboards"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('boards',
    sa.Column('id', sa.String(length=128), nullable=False),
    sa.Column('source_id', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('score_label', sa.String(length=100), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('higher_is_better', sa.Boolean(), nullable=False),
    sa.Column('category', sa.String(length=100), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_boards'))
    )
    with op.batch_alter_table('boards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_boards_source_id'), ['source_id'], unique=False)

    op.create_table('models',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_models')),
    sa.UniqueConstraint('slug', name=op.f('uq_models_slug'))
    )
    op.create_table('source_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.String(length=32), nullable=False),
    sa.Column('origin', sa.String(length=500), nullable=False),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('etag', sa.String(length=300), nullable=True),
    sa.Column('last_modified', sa.String(length=100), nullable=True),
    sa.Column('via', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source_checks'))
    )
    with op.batch_alter_table('source_checks', schema=None) as batch_op:
        batch_op.create_index('ix_source_checks_source_checked', ['source_id', 'checked_at'], unique=False)

    op.create_table('snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.String(length=128), nullable=False),
    sa.Column('source_id', sa.String(length=32), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('origin', sa.String(length=500), nullable=False),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('edition', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_snapshots_board_id_boards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_snapshots'))
    )
    with op.batch_alter_table('snapshots', schema=None) as batch_op:
        batch_op.create_index('ix_snapshots_board_as_of', ['board_id', 'as_of'], unique=False)

    op.create_table('entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('ci_lower', sa.Float(), nullable=True),
    sa.Column('ci_upper', sa.Float(), nullable=True),
    sa.Column('votes', sa.Integer(), nullable=True),
    sa.Column('organization', sa.String(length=200), nullable=True),
    sa.Column('license', sa.String(length=200), nullable=True),
    sa.Column('rank_note', sa.String(length=200), nullable=True),
    sa.Column('metrics', sa.JSON(), nullable=False),
    sa.Column('model_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['model_id'], ['models.id'], name=op.f('fk_entries_model_id_models')),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshots.id'], name=op.f('fk_entries_snapshot_id_snapshots'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entries'))
    )
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entries_model_id'), ['model_id'], unique=False)
        batch_op.create_index('ix_entries_snapshot_key', ['snapshot_id', 'key'], unique=False)
        batch_op.create_index('ix_entries_snapshot_position', ['snapshot_id', 'position'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.drop_index('ix_entries_snapshot_position')
        batch_op.drop_index('ix_entries_snapshot_key')
        batch_op.drop_index(batch_op.f('ix_entries_model_id'))

    op.drop_table('entries')
    with op.batch_alter_table('snapshots', schema=None) as batch_op:
        batch_op.drop_index('ix_snapshots_board_as_of')

    op.drop_table('snapshots')
    with op.batch_alter_table('source_checks', schema=None) as batch_op:
        batch_op.drop_index('ix_source_checks_source_checked')

    op.drop_table('source_checks')
    op.drop_table('models')
    with op.batch_alter_table('boards', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_boards_source_id'))

    op.drop_table('boards')
