"""unit links

A unit's personal link per report, one row per generation, only the token's hash kept.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 03:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import tracker.store.tables

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("expected_report_id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", tracker.store.tables.UtcDateTime(), nullable=False),
        sa.Column("revoked_at", tracker.store.tables.UtcDateTime(), nullable=True),
        sa.Column("revoked_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["expected_report_id"],
            ["expected_reports.id"],
            name=op.f("fk_unit_links_expected_report_id_expected_reports"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_links")),
        sa.UniqueConstraint(
            "expected_report_id", "generation", name=op.f("uq_unit_links_expected_report_id")
        ),
        sa.UniqueConstraint("token_hash", name=op.f("uq_unit_links_token_hash")),
    )
    with op.batch_alter_table("unit_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_unit_links_expected_report_id"), ["expected_report_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("unit_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_links_expected_report_id"))
    op.drop_table("unit_links")
