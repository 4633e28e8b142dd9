"""incoming mail

Messages read from Ban Tổ chức's mailbox, how far each folder was read, and their attachments kept
in the same file store as the units' uploads.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 04:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import tracker.store.tables

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mailbox_positions",
        sa.Column("folder", sa.String(length=200), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("last_uid", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("folder", "uidvalidity", name=op.f("pk_mailbox_positions")),
    )
    op.create_table(
        "incoming_mails",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_key", sa.String(length=400), nullable=False),
        sa.Column("folder", sa.String(length=200), nullable=False),
        sa.Column("uid", sa.BigInteger(), nullable=False),
        sa.Column("read_at", tracker.store.tables.UtcDateTime(), nullable=False),
        sa.Column("sent_at", tracker.store.tables.UtcDateTime(), nullable=True),
        sa.Column("sender", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("expected_report_id", sa.Integer(), nullable=True),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.Column("suggestions", sa.JSON(), nullable=False),
        sa.Column("doc_number", sa.Text(), nullable=False),
        sa.Column("problems", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("decided_by", sa.Text(), nullable=False),
        sa.Column("decided_at", tracker.store.tables.UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["expected_report_id"],
            ["expected_reports.id"],
            name=op.f("fk_incoming_mails_expected_report_id_expected_reports"),
        ),
        sa.ForeignKeyConstraint(
            ["outbox_id"], ["outbox.id"], name=op.f("fk_incoming_mails_outbox_id_outbox")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incoming_mails")),
        sa.UniqueConstraint("message_key", name=op.f("uq_incoming_mails_message_key")),
    )
    with op.batch_alter_table("incoming_mails", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incoming_mails_expected_report_id"), ["expected_report_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_incoming_mails_read_at"), ["read_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_incoming_mails_state"), ["state"], unique=False)

    with op.batch_alter_table("submitted_files", schema=None) as batch_op:
        batch_op.add_column(sa.Column("incoming_mail_id", sa.Integer(), nullable=True))
        batch_op.alter_column("unit_submission_id", existing_type=sa.INTEGER(), nullable=True)
        batch_op.create_index(
            batch_op.f("ix_submitted_files_incoming_mail_id"), ["incoming_mail_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_submitted_files_incoming_mail_id_incoming_mails"),
            "incoming_mails",
            ["incoming_mail_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("submitted_files", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_submitted_files_incoming_mail_id_incoming_mails"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_submitted_files_incoming_mail_id"))
        batch_op.alter_column("unit_submission_id", existing_type=sa.INTEGER(), nullable=False)
        batch_op.drop_column("incoming_mail_id")

    with op.batch_alter_table("incoming_mails", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incoming_mails_state"))
        batch_op.drop_index(batch_op.f("ix_incoming_mails_read_at"))
        batch_op.drop_index(batch_op.f("ix_incoming_mails_expected_report_id"))

    op.drop_table("incoming_mails")
    op.drop_table("mailbox_positions")
