"""subscriber_locale: the language a subscriber and a server use, for their alerts

Revision ID: 0008_subscriber_locale
Revises: 0007_board_title_zh
Create Date: 2026-12-03 18:50:00

``subscriptions.locale``: the owner's locale when subscribing; ``guild_settings.locale``: the
server's preferred locale as last reported. Existing rows have none (alerts in English) until
their users subscribe again or the server is configured.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0008_subscriber_locale"
down_revision = "0007_board_title_zh"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locale", sa.String(length=16), nullable=True))
    with op.batch_alter_table("guild_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locale", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("guild_settings", schema=None) as batch_op:
        batch_op.drop_column("locale")
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_column("locale")
