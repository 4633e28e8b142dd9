"""exemption date

An exemption keeps the day the decision was taken (`exempted_on`, as the clerk gave it with `exempt
--on`); `exempted_at` stays the moment from which it counts. Exemptions recorded before this revision
were decided the day they were recorded, in the organisation's zone.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 01:00:00
"""

from __future__ import annotations

from datetime import UTC
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

DEFAULT_ZONE = "Asia/Ho_Chi_Minh"


def upgrade() -> None:
    with op.batch_alter_table("expected_reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("exempted_on", sa.Date(), nullable=True))
    bind = op.get_bind()
    organization = sa.table("organization", sa.column("id", sa.Integer), sa.column("config", sa.JSON))
    reports = sa.table(
        "expected_reports",
        sa.column("id", sa.Integer),
        sa.column("exempted_at", sa.DateTime),
        sa.column("exempted_on", sa.Date),
    )
    config = bind.execute(sa.select(organization.c.config).where(organization.c.id == 1)).scalar()
    zone = ZoneInfo((config or {}).get("timezone", DEFAULT_ZONE))
    exempted = bind.execute(
        sa.select(reports.c.id, reports.c.exempted_at).where(reports.c.exempted_at.is_not(None))
    ).all()
    for report_id, exempted_at in exempted:  # stored as naive UTC
        day = exempted_at.replace(tzinfo=UTC).astimezone(zone).date()
        bind.execute(sa.update(reports).where(reports.c.id == report_id).values(exempted_on=day))


def downgrade() -> None:
    with op.batch_alter_table("expected_reports", schema=None) as batch_op:
        batch_op.drop_column("exempted_on")
