"""alert_outbox.locale: the language an alert speaks, fixed at its first claim

Revision ID: 0009_outbox_locale
Revises: 0008_subscriber_locale
Create Date: 2026-12-03 19:40:00

A retried split alert writes its remaining parts in the language of the parts delivered, even
when the subscriber changed language in between. Existing rows have none: they take their
destination's language at their next claim.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0009_outbox_locale"
down_revision = "0008_subscriber_locale"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alert_outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locale", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("alert_outbox", schema=None) as batch_op:
        batch_op.drop_column("locale")
