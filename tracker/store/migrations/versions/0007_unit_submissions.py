"""unit submissions

Reports units send through their link, and their files (stored on disk, named by the application).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 04:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import tracker.store.tables

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit_submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("expected_report_id", sa.Integer(), nullable=False),
        sa.Column("submitted_at", tracker.store.tables.UtcDateTime(), nullable=False),
        sa.Column("doc_number", sa.Text(), nullable=False),
        sa.Column("doc_date", sa.Date(), nullable=False),
        sa.Column("contact", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("decided_by", sa.Text(), nullable=False),
        sa.Column("decided_at", tracker.store.tables.UtcDateTime(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["expected_report_id"],
            ["expected_reports.id"],
            name=op.f("fk_unit_submissions_expected_report_id_expected_reports"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_submissions")),
    )
    with op.batch_alter_table("unit_submissions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_unit_submissions_expected_report_id"), ["expected_report_id"], unique=False
        )
    op.create_table(
        "submitted_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_submission_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("stored_name", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_submission_id"],
            ["unit_submissions.id"],
            name=op.f("fk_submitted_files_unit_submission_id_unit_submissions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submitted_files")),
        sa.UniqueConstraint("stored_name", name=op.f("uq_submitted_files_stored_name")),
    )
    with op.batch_alter_table("submitted_files", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_submitted_files_unit_submission_id"), ["unit_submission_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("submitted_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submitted_files_unit_submission_id"))
    op.drop_table("submitted_files")
    with op.batch_alter_table("unit_submissions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_submissions_expected_report_id"))
    op.drop_table("unit_submissions")
