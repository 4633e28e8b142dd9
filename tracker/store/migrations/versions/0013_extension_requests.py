"""extension requests

A unit asks through its link for more time (`extension_requests`); Ban Tổ chức approves or refuses.
An approval gives the report its own last day (`expected_reports.extended_until`) and counts the
grants (`expected_reports.extensions`: the calendar entry's SEQUENCE moves with each).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import tracker.store.tables

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("expected_reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("extended_until", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("extensions", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "extension_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("expected_report_id", sa.Integer(), nullable=False),
        sa.Column("requested_at", tracker.store.tables.UtcDateTime(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("decided_by", sa.Text(), nullable=False),
        sa.Column("decided_at", tracker.store.tables.UtcDateTime(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["expected_report_id"],
            ["expected_reports.id"],
            name=op.f("fk_extension_requests_expected_report_id_expected_reports"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extension_requests")),
    )
    with op.batch_alter_table("extension_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_extension_requests_expected_report_id"), ["expected_report_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_extension_requests_state"), ["state"], unique=False)


def downgrade() -> None:
    op.drop_table("extension_requests")
    with op.batch_alter_table("expected_reports", schema=None) as batch_op:
        batch_op.drop_column("extensions")
        batch_op.drop_column("extended_until")
