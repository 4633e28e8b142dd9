"""board and roll indexes; audit action names

The board counts a milestone's reports by state, which depends on two columns only: an index on
(milestone_id, received_on, exempted_at) lets the database count without reading the rows (100,000
units: one index range). The milestone page sorts by each report's last reminder: an index on the
outbox's (expected_report_id, kind, sent_at) answers it for each report at once, and replaces the index on
expected_report_id alone. Account actions recorded before this revision are renamed to the dotted
names every other action has (user_add → user.add).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 04:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

RENAMED = {"user_add": "user.add", "user_passwd": "user.passwd", "user_disable": "user.disable"}


def upgrade() -> None:
    op.create_index(
        "ix_expected_reports_milestone_id_received_on_exempted_at",
        "expected_reports",
        ["milestone_id", "received_on", "exempted_at"],
    )
    op.create_index(
        "ix_outbox_expected_report_id_kind_sent_at", "outbox", ["expected_report_id", "kind", "sent_at"]
    )
    op.drop_index("ix_outbox_expected_report_id", table_name="outbox")
    audit = sa.table("audit_log", sa.column("action", sa.String))
    for old, new in RENAMED.items():
        op.execute(audit.update().where(audit.c.action == old).values(action=new))


def downgrade() -> None:
    audit = sa.table("audit_log", sa.column("action", sa.String))
    for old, new in RENAMED.items():
        op.execute(audit.update().where(audit.c.action == new).values(action=old))
    op.create_index("ix_outbox_expected_report_id", "outbox", ["expected_report_id"])
    op.drop_index("ix_outbox_expected_report_id_kind_sent_at", table_name="outbox")
    op.drop_index("ix_expected_reports_milestone_id_received_on_exempted_at", table_name="expected_reports")
