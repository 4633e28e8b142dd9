"""unit names folded for search; audit trail by report

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 00:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tracker.core.vietnamese import fold

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_folded", sa.Text(), nullable=False, server_default=""))
        batch_op.create_index("ix_units_name_folded", ["name_folded"], unique=False)
    units = sa.table(
        "units",
        sa.column("id", sa.Integer()),
        sa.column("name", sa.Text()),
        sa.column("name_folded", sa.Text()),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(units.c.id, units.c.name)).all()
    if rows:
        connection.execute(
            units.update()
            .where(units.c.id == sa.bindparam("unit_id"))
            .values(name_folded=sa.bindparam("folded")),
            [{"unit_id": row.id, "folded": fold(row.name)} for row in rows],
        )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(
            "ix_audit_log_plan_code_milestone_code_unit_code",
            ["plan_code", "milestone_code", "unit_code"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_plan_code_milestone_code_unit_code")
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.drop_index("ix_units_name_folded")
        batch_op.drop_column("name_folded")
