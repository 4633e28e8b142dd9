"""last reminder of a report

`expected_reports.last_reminder_at`: when the report's latest reminder was accepted by the mail
server, kept by the sending pass as it records each answer, indexed with the milestone, so that the
milestone page sorts 100,000 reports by it without a maximum over their outbox rows. Filled here from
the outbox for what was sent before this revision.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import tracker.store.tables

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("expected_reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_reminder_at", tracker.store.tables.UtcDateTime(), nullable=True))
    op.execute(
        "UPDATE expected_reports SET last_reminder_at = (SELECT max(outbox.sent_at) FROM outbox "
        "WHERE outbox.expected_report_id = expected_reports.id AND outbox.kind = 'reminder')"
    )
    op.create_index(
        "ix_expected_reports_milestone_id_last_reminder_at",
        "expected_reports",
        ["milestone_id", "last_reminder_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_expected_reports_milestone_id_last_reminder_at", table_name="expected_reports")
    with op.batch_alter_table("expected_reports", schema=None) as batch_op:
        batch_op.drop_column("last_reminder_at")
