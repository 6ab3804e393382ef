"""subscriptions, guild settings and the alert outbox

Revision ID: 0002_subscriptions
Revises: 0001_leaderboards
Create Date: 2026-11-29 00:45:05.832888
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0002_subscriptions"
down_revision = "0001_leaderboards"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('alert_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('destination', sa.String(length=40), nullable=False),
    sa.Column('source_id', sa.String(length=32), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.String(length=500), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_outbox'))
    )
    with op.batch_alter_table('alert_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_outbox_destination'), ['destination'], unique=False)
        batch_op.create_index('ix_alert_outbox_status_due', ['status', 'due_at'], unique=False)

    op.create_table('guild_settings',
    sa.Column('guild_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('alert_channel_id', sa.BigInteger(), nullable=True),
    sa.Column('moderator_role_id', sa.BigInteger(), nullable=True),
    sa.Column('default_board', sa.String(length=128), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('guild_id', name=op.f('pk_guild_settings'))
    )
    op.create_table('subscriptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.BigInteger(), nullable=False),
    sa.Column('guild_id', sa.BigInteger(), nullable=True),
    sa.Column('destination', sa.String(length=40), nullable=False),
    sa.Column('board_id', sa.String(length=128), nullable=True),
    sa.Column('model_slug', sa.String(length=200), nullable=True),
    sa.Column('model_name', sa.String(length=300), nullable=True),
    sa.Column('top_n', sa.Integer(), nullable=False),
    sa.Column('min_move', sa.Integer(), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('disabled_reason', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_subscriptions_board_id_boards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subscriptions'))
    )
    with op.batch_alter_table('subscriptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subscriptions_board_id'), ['board_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_subscriptions_destination'), ['destination'], unique=False)
        batch_op.create_index(batch_op.f('ix_subscriptions_guild_id'), ['guild_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_subscriptions_owner_id'), ['owner_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('subscriptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subscriptions_owner_id'))
        batch_op.drop_index(batch_op.f('ix_subscriptions_guild_id'))
        batch_op.drop_index(batch_op.f('ix_subscriptions_destination'))
        batch_op.drop_index(batch_op.f('ix_subscriptions_board_id'))

    op.drop_table('subscriptions')
    op.drop_table('guild_settings')
    with op.batch_alter_table('alert_outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_alert_outbox_status_due')
        batch_op.drop_index(batch_op.f('ix_alert_outbox_destination'))

    op.drop_table('alert_outbox')
