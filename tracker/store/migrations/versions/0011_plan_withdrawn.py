"""plan withdrawn

A plan whose file left the config directory is withdrawn by `tracker load`: kept, with its history, and
no longer reminded. `withdrawn_at` is when; NULL for a plan in force.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 04:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import tracker.store.tables

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("withdrawn_at", tracker.store.tables.UtcDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_column("withdrawn_at")
