"""The database tables (SQLAlchemy 2 ORM). Migrations in `migrations/` create and change them.

Times are stored as UTC and handed back aware; dates are plain dates in the plan's zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Alembic on SQLite alters tables in batch mode, which needs every constraint to have a stable name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


LOOK_AT_NEXT_SWEEP = datetime(1970, 1, 1, tzinfo=UTC)
"""`next_reminder_at` for a report whose ladder must be looked at by the next sweep, whatever its time
(newly expected, deadline changed, receipt undone): earlier than any `--as-of` a user may give."""


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as naive UTC, so SQLite and PostgreSQL give back the same value."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Utf8Bytes(TypeDecorator[bytes]):
    """Bytes kept in a text column as UTF-8 (an email in its wire form, which is ASCII): readable in
    the database, given back exactly, and the same column type as the text it held before."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: bytes | None, dialect: Any) -> str | None:
        return None if value is None else value.decode("utf-8")

    def process_result_value(self, value: str | None, dialect: Any) -> bytes | None:
        return None if value is None else value.encode("utf-8")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class OrganizationRow(Base):
    """The organisation, its calendar overrides (holidays.toml) and sending settings: one row."""

    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    config: Mapped[dict[str, Any]] = mapped_column(JSON)
    config_hash: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PlanRow(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(Text)
    reference: Mapped[str] = mapped_column(Text, default="")
    source_file: Mapped[str] = mapped_column(Text, default="")
    # The plan exactly as loaded (JSON of the validated config), and its hash: a second load of the
    # same file is recognised without comparing field by field.
    config: Mapped[dict[str, Any]] = mapped_column(JSON)
    config_hash: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # When a load found its file gone: the plan and its history are kept, nobody is reminded any more.
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)

    milestones: Mapped[list[MilestoneRow]] = relationship(back_populates="plan", order_by="MilestoneRow.id")


class MilestoneRow(Base):
    __tablename__ = "milestones"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    code: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(Text)
    deadline_version: Mapped[int] = mapped_column(Integer, default=1)

    plan: Mapped[PlanRow] = relationship(back_populates="milestones")
    deadlines: Mapped[list[DeadlineVersionRow]] = relationship(
        back_populates="milestone", order_by="DeadlineVersionRow.version"
    )


class DeadlineVersionRow(Base):
    """Every deadline a milestone has had: a changed deadline is recorded, never silently replaced."""

    __tablename__ = "milestone_deadlines"
    __table_args__ = (UniqueConstraint("milestone_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestones.id"))
    version: Mapped[int] = mapped_column(Integer)
    due: Mapped[date] = mapped_column(Date)
    due_rule: Mapped[str] = mapped_column(String(20))
    deadline_shift: Mapped[str] = mapped_column(String(30))
    effective_last_day: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)

    milestone: Mapped[MilestoneRow] = relationship(back_populates="deadlines")


class UnitRow(Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(Text)
    # The name as a search compares it (tracker.core.vietnamese.fold): filtered and sorted in SQL.
    name_folded: Mapped[str] = mapped_column(Text, default="", server_default="", index=True)
    kind: Mapped[str] = mapped_column(Text, default="")
    emails: Mapped[list[str]] = mapped_column(JSON, default=list)
    chair_name: Mapped[str] = mapped_column(Text, default="")
    chair_email: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The validity period (tracker.core.roster.Validity): from the day a load first saw the unit, until
    # (excluded) the day a load saw it inactive or left out; a unit founded, merged or dissolved keeps
    # its history, and the roster on a plan's issue date decides who is expected.
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date, nullable=True)


class ExpectedReportRow(Base):
    """One unit's report for one milestone: expected, then received or exempted."""

    __tablename__ = "expected_reports"
    __table_args__ = (
        UniqueConstraint("milestone_id", "unit_id"),
        # The sweep asks "which reports need a look by T?": one range scan, growing with what is due.
        Index("ix_expected_reports_next_reminder_at", "next_reminder_at"),
        # The board and the milestone page count reports by state, which only these columns decide.
        Index(
            "ix_expected_reports_milestone_id_received_on_exempted_at",
            "milestone_id",
            "received_on",
            "exempted_at",
        ),
        # The milestone page sorts a milestone's reports by their last reminder: an index walks them.
        Index("ix_expected_reports_milestone_id_last_reminder_at", "milestone_id", "last_reminder_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestones.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    added_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    doc_number: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(Text, default="")
    sections: Mapped[list[str]] = mapped_column(JSON, default=list)
    figures: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    recorded_by: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    # An exemption: the day the decision was taken (as the clerk gave it), the moment from which it
    # counts (tracker.core.status.exemption_starts), and who recorded it.
    exempted_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    exempted_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    exempted_by: Mapped[str] = mapped_column(Text, default="")
    # When the sweep must next look at this report; NULL: nothing more to send as things stand.
    next_reminder_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # When its latest reminder was accepted by the mail server (kept by `record_answer`): the outbox
    # says the same, but sorting 100,000 reports by a maximum over their outbox rows is too slow.
    last_reminder_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # The unit's own last day, granted on its request (tracker.services.extensions), and how many times
    # more time was granted (the calendar entry's SEQUENCE moves with each).
    extended_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    extensions: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    milestone: Mapped[MilestoneRow] = relationship()
    unit: Mapped[UnitRow] = relationship()


class ExtensionRequestRow(Base):
    """A unit's request, through its link, for more time on one report, and Ban Tổ chức's answer."""

    __tablename__ = "extension_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    expected_report_id: Mapped[int] = mapped_column(ForeignKey("expected_reports.id"), index=True)
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime)
    until: Mapped[date] = mapped_column(Date)  # the last day asked for
    reason: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), index=True)  # waiting | approved | refused
    decided_by: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    answer: Mapped[str] = mapped_column(Text, default="")  # why it was refused, told to the unit

    report: Mapped[ExpectedReportRow] = relationship()


class AuditRow(Base):
    """The append-only audit trail: who did what, when, and the values before and after."""

    __tablename__ = "audit_log"
    __table_args__ = (
        # One report's story: its audit rows without reading the whole trail.
        Index("ix_audit_log_plan_code_milestone_code_unit_code", "plan_code", "milestone_code", "unit_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(50))
    plan_code: Mapped[str] = mapped_column(String(100), default="")
    milestone_code: Mapped[str] = mapped_column(String(100), default="")
    unit_code: Mapped[str] = mapped_column(String(100), default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


class OutboxRow(Base):
    """Every email decided, once: reminders (one per plan, milestone, unit, step, repeat and deadline
    version) and digests (one per period and recipient). The unique `key` is what makes a decision
    happen once across restarts and several daemons; `state` follows delivery."""

    __tablename__ = "outbox"
    __table_args__ = (
        # Senders look for pending rows whose time has come: one range scan on a small partial set.
        Index("ix_outbox_state_next_attempt_at", "state", "next_attempt_at"),
        # A report's emails, and its last reminder sent (the milestone page sorts by it).
        Index("ix_outbox_expected_report_id_kind_sent_at", "expected_report_id", "kind", "sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # "reminder" | "digest"
    expected_report_id: Mapped[int | None] = mapped_column(ForeignKey("expected_reports.id"), nullable=True)
    plan_code: Mapped[str] = mapped_column(String(100), default="")
    milestone_code: Mapped[str] = mapped_column(String(100), default="")
    unit_code: Mapped[str] = mapped_column(String(100), default="")
    step_key: Mapped[str] = mapped_column(String(100), default="")
    repeat: Mapped[int] = mapped_column(Integer, default=0)
    deadline_version: Mapped[int] = mapped_column(Integer, default=1)
    # The round of the unit's ladder it was made in: 0 for the milestone's deadline, n after the n-th
    # extension granted (the ladder then starts again from the unit's own day).
    extension: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    state: Mapped[str] = mapped_column(String(20))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)  # when the ladder made it due
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    message_id: Mapped[str] = mapped_column(Text, default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    # The email as the server receives it, rendered once: every attempt sends these bytes.
    message: Mapped[bytes] = mapped_column(Utf8Bytes, default=b"")
    to_addrs: Mapped[list[str]] = mapped_column(JSON, default=list)
    cc_addrs: Mapped[list[str]] = mapped_column(JSON, default=list)
    remaining: Mapped[list[str]] = mapped_column(JSON, default=list)  # not yet accepted by the server
    refused: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # address -> permanent reply
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # The worker (host:pid) holding the lease; the column keeps its first name, "lease_owner".
    lease_worker: Mapped[str] = mapped_column("lease_owner", String(100), default="")
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_reply: Mapped[str] = mapped_column(Text, default="")


class HeartbeatRow(Base):
    """What each daemon last did, so `status`, the digest and the dashboard can say it is alive."""

    __tablename__ = "daemon_heartbeat"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)  # host:pid
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_sweep_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    next_sweep_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    interval_seconds: Mapped[int] = mapped_column(Integer)
    stopped_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class UserRow(Base):
    """A person who signs in to the dashboard. Only an Argon2id hash of the password is kept."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(100), unique=True)
    full_name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))  # viewer | clerk | admin
    password_hash: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class WebSessionRow(Base):
    """A signed-in browser. The cookie holds the token; only its hash is kept, so a copy of the
    database signs nobody in. Deleting the row ends the session (logout, password change, disable)."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)


class LoginAttemptRow(Base):
    """Failed sign-ins, by login and by address: what the throttle counts (across every server thread
    and process on the database)."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    login: Mapped[str] = mapped_column(String(100), index=True)
    address: Mapped[str] = mapped_column(String(100), index=True)


class UnitLinkRow(Base):
    """A unit's personal link for one report (tracker.core.links): one row per generation. Only the
    token's hash is kept; renewing revokes the current generation and records the next."""

    __tablename__ = "unit_links"
    __table_args__ = (UniqueConstraint("expected_report_id", "generation"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    expected_report_id: Mapped[int] = mapped_column(ForeignKey("expected_reports.id"), index=True)
    generation: Mapped[int] = mapped_column(Integer)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    revoked_by: Mapped[str] = mapped_column(Text, default="")

    report: Mapped[ExpectedReportRow] = relationship()


class UnitSubmissionRow(Base):
    """A report a unit sent through its link: who sent it, its document, and what the clerk decided
    (`received` until accepted or returned)."""

    __tablename__ = "unit_submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    expected_report_id: Mapped[int] = mapped_column(ForeignKey("expected_reports.id"), index=True)
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    doc_number: Mapped[str] = mapped_column(Text, default="")
    doc_date: Mapped[date] = mapped_column(Date)
    contact: Mapped[str] = mapped_column(Text)
    phone: Mapped[str] = mapped_column(String(30))
    state: Mapped[str] = mapped_column(String(20))  # received | accepted | returned
    decided_by: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")

    files: Mapped[list[SubmittedFileRow]] = relationship(order_by="SubmittedFileRow.id")


class SubmittedFileRow(Base):
    """One file of a unit's submission, stored outside any served folder under a name the application
    chose (`stored_name`); the name it came with is only shown."""

    __tablename__ = "submitted_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Sent through the unit's link, or attached to a mail of the mailbox: one of the two.
    unit_submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("unit_submissions.id"), index=True, nullable=True
    )
    incoming_mail_id: Mapped[int | None] = mapped_column(
        ForeignKey("incoming_mails.id"), index=True, nullable=True
    )
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10))
    stored_name: Mapped[str] = mapped_column(String(100), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))


class MailboxPositionRow(Base):
    """How far the mailbox's folder has been read: the last UID handled, per UIDVALIDITY (a new
    UIDVALIDITY means the server numbered the folder anew, and it is read from the start)."""

    __tablename__ = "mailbox_positions"

    folder: Mapped[str] = mapped_column(String(200), primary_key=True)
    uidvalidity: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    last_uid: Mapped[int] = mapped_column(BigInteger)


class MailboxReadRow(Base):
    """How the last reads of the mailbox's folder went, for the health: the last read that went
    through, the last error and when, and while it fails when the daemon tries again."""

    __tablename__ = "mailbox_reads"

    folder: Mapped[str] = mapped_column(String(200), primary_key=True)
    last_read_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text)
    last_error_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    next_try_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class IncomingMailRow(Base):
    """One message read from the mailbox, once (`message_key`: its Message-ID, else a digest of its
    bytes), with what intake made of it and what the clerk decided."""

    __tablename__ = "incoming_mails"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_key: Mapped[str] = mapped_column(String(400), unique=True)
    folder: Mapped[str] = mapped_column(String(200))
    uid: Mapped[int] = mapped_column(BigInteger)
    read_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)  # its Date header
    sender: Mapped[str] = mapped_column(Text, default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20))  # reply | auto_reply | bounce
    reason: Mapped[str] = mapped_column(String(20))  # thread | sender | suggestion | none
    expected_report_id: Mapped[int | None] = mapped_column(
        ForeignKey("expected_reports.id"), nullable=True, index=True
    )
    outbox_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id"), nullable=True)
    suggestions: Mapped[list[int]] = mapped_column(JSON, default=list)  # report ids
    doc_number: Mapped[str] = mapped_column(Text, default="")  # guessed from the subject or body
    problems: Mapped[list[str]] = mapped_column(JSON, default=list)  # said to the clerk
    state: Mapped[str] = mapped_column(String(20), index=True)  # waiting | accepted | dismissed | done
    decided_by: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)

    report: Mapped[ExpectedReportRow | None] = relationship()
    files: Mapped[list[SubmittedFileRow]] = relationship(order_by="SubmittedFileRow.id")
