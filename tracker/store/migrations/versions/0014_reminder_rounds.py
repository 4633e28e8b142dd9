"""reminder rounds

A unit granted more time gets the ladder again from its own day: each outbox reminder records the round
it was made in (`outbox.extension`: 0 for the milestone's deadline, n after the unit's n-th extension),
so that a step of the new round is a new email and a reminder of an old round is no longer wanted.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("extension", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("extension")
