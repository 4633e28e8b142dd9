"""mailbox reads

How the last reads of the mailbox went, for the health: the last good read, the last error and when,
and the next try while it fails.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import tracker.store.tables

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mailbox_reads",
        sa.Column("folder", sa.String(length=200), nullable=False),
        sa.Column("last_read_at", tracker.store.tables.UtcDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("last_error_at", tracker.store.tables.UtcDateTime(), nullable=True),
        sa.Column("next_try_at", tracker.store.tables.UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("folder", name=op.f("pk_mailbox_reads")),
    )


def downgrade() -> None:
    op.drop_table("mailbox_reads")
