"""Reading Ban Tổ chức's mailbox: each new message read by UID, judged, kept once, set before the
clerk; and what the clerk decides about it (accept: the receipt recorded through `receive`; dismiss).

Each message is handled in a transaction of its own that also moves the folder's position past its
UID: a restart in the middle of a batch neither skips nor repeats one, and a connection dropped
mid-fetch leaves the rest for the next run. A message is kept once by its Message-ID (else by a digest
of its bytes), so the same mail delivered twice is kept once.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from imap_tools import BaseMailBox, MailBox, MailBoxStartTls, MailBoxUnencrypted, MailMessage
from imap_tools.errors import UnexpectedCommandStatusError
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracker.core.digest import plan_is_open
from tracker.core.intake import KIND_WORDS, REASON_WORDS, MailKind, MatchReason, judge
from tracker.core.intake import guess_doc_number as _guess
from tracker.core.office import Office
from tracker.core.uploads import CheckedFile, check_uploads
from tracker.errors import BadInput, InvalidFields, NotFound, TrackerError
from tracker.mail.inbound import ReadMail, read_mail
from tracker.mail.settings import ImapSettings, TlsMode
from tracker.services.replies import ReplyAddresses
from tracker.services.submissions import Receipt, receive
from tracker.services.unit_submissions import store_file
from tracker.store import mailbox
from tracker.store.db import session_factory
from tracker.store.repository import load_office, record_audit
from tracker.store.tables import ExpectedReportRow, IncomingMailRow

CHANNEL = "thư điện tử"
AUTO_RECORDER = "thư đến"  # who recorded a receipt TRACKER_INTAKE_AUTO=thread made
MAX_ATTACHMENTS = 20  # kept per message; more is not a report but a mass mailing, and said so


class MailboxDown(TrackerError):
    """The mailbox could not be read (down, refused the login, dropped the connection)."""


class MailState(StrEnum):
    WAITING = "waiting"  # before the clerk
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"
    DONE = "done"  # nothing for the clerk to decide: an automatic reply, a bounce recorded


@dataclass(frozen=True)
class IntakeLine:
    """What became of one message, for the command's output and the daemon's log."""

    uid: int
    sender: str
    subject: str
    kind: MailKind
    reason: MatchReason
    state: str  # a MailState, or "duplicate"
    unit: str = ""
    problems: tuple[str, ...] = ()


@dataclass
class IntakeResult:
    lines: list[IntakeLine] = field(default_factory=list)
    error: str = ""  # the mailbox stopped answering: what was read before it is kept


@contextmanager
def open_mailbox(settings: ImapSettings) -> Iterator[BaseMailBox]:
    """Logged in to the mailbox, the folder selected; MailboxDown (in words) when it cannot be."""
    try:
        box: BaseMailBox
        if settings.tls is TlsMode.TLS:
            box = MailBox(
                settings.host,
                settings.port,
                timeout=settings.timeout,
                ssl_context=ssl.create_default_context(),
            )
        elif settings.tls is TlsMode.STARTTLS:
            box = MailBoxStartTls(
                settings.host,
                settings.port,
                timeout=settings.timeout,
                ssl_context=ssl.create_default_context(),
            )
        else:
            box = MailBoxUnencrypted(settings.host, settings.port, timeout=settings.timeout)
        box.login(settings.user, settings.password, initial_folder=settings.folder)
    except Exception as error:  # imaplib, ssl and socket errors have no common base but Exception
        raise MailboxDown(
            f"Không đọc được hộp thư {settings.user}@{settings.host}:{settings.port} "
            f"(thư mục {settings.folder}): {error}"
        ) from error
    try:
        yield box
    finally:
        with suppress(Exception):  # the connection is gone already; nothing is lost
            box.logout()


def _uidvalidity(box: BaseMailBox, folder: str) -> int:
    return int(box.folder.status(folder, ["UIDVALIDITY"])["UIDVALIDITY"])


def _folder_made(box: BaseMailBox, folder: str, result: IntakeResult) -> bool:
    """TRACKER_IMAP_DONE_FOLDER exists, made now when it did not; else the server's refusal is said
    in `result` and nothing is read: mail read and left where it was would look handled to no one."""
    if box.folder.exists(folder):
        return True
    try:
        box.folder.create(folder)
    except UnexpectedCommandStatusError as refused:
        said = b" ".join(part for part in refused.command_result[1] if isinstance(part, bytes))
        result.error = (
            f"Máy chủ thư không tạo được thư mục TRACKER_IMAP_DONE_FOLDER='{folder}' "
            f"({said.decode(errors='replace')}); chưa đọc thư nào: hãy đặt tên khác hoặc tạo thư mục đó "
            "trong hộp thư."
        )
        return False
    return True


class RawMessage(MailMessage):
    """imap-tools' message as the server sent it, kept as bytes: `read_mail` parses it, once (imap-tools'
    own parse of every message would double the cost of intake)."""

    def __init__(self, fetch_data: list) -> None:  # type: ignore[type-arg]
        self.raw, self._raw_uid_data, self._raw_flag_data = self._get_message_data_parts(fetch_data)


@dataclass
class Intake:
    """Reads the mailbox into the database; the command and the daemon's job run the same `run`."""

    engine: Engine
    settings: ImapSettings
    files_dir: Path
    replies: ReplyAddresses | None = None  # TRACKER_REPLY_TO: reminders carry each report's own address

    def run(self, now: datetime, *, dry_run: bool = False, next_try: datetime | None = None) -> IntakeResult:
        """Read every message after the folder's position. MailboxDown when the mailbox cannot be
        opened; a connection lost later ends the run with `error` set, what was handled kept. How it
        went is noted for the health (except by a dry run), a failure with `next_try`: when the
        daemon tries again."""
        try:
            result = self._read(now, dry_run)
        except MailboxDown as down:
            if not dry_run:
                self._note(now, str(down), next_try)
            raise
        if not dry_run:
            self._note(now, result.error, next_try)
        return result

    def _note(self, now: datetime, error: str, next_try: datetime | None) -> None:
        with session_factory(self.engine)() as session, session.begin():
            mailbox.note_read(session, self.settings.folder, now, error, next_try)

    def _read(self, now: datetime, dry_run: bool) -> IntakeResult:
        result = IntakeResult()
        with open_mailbox(self.settings) as box:
            box.email_message_class = RawMessage
            folder = self.settings.folder
            try:
                validity = _uidvalidity(box, folder)
                with session_factory(self.engine)() as session:
                    after = mailbox.last_uid(session, folder, validity)
                uids = [int(u) for u in box.uids(f"UID {after + 1}:*") if int(u) > after]
                done = self.settings.done_folder if not dry_run else ""
                if done and not _folder_made(box, done, result):
                    return result
                for uid in uids:
                    for message in box.fetch(uid_list=[str(uid)], mark_seen=False):
                        assert isinstance(message, RawMessage)
                        result.lines.append(self._handle(uid, validity, message.raw, now, dry_run))
                    if done:
                        box.move([str(uid)], done)
            except Exception as error:  # a connection dropped mid-batch: the rest waits for the next run
                result.error = f"Hộp thư ngừng trả lời giữa chừng: {error}"
        return result

    def _handle(self, uid: int, validity: int, raw: bytes, now: datetime, dry_run: bool) -> IntakeLine:
        mail = read_mail(raw)
        written: list[Path] = []
        with session_factory(self.engine)() as session:
            transaction = session.begin()
            try:
                if mailbox.handled(session, mail.key):
                    facts = mail.facts
                    line = IntakeLine(
                        uid, facts.sender, facts.subject, MailKind.REPLY, MatchReason.NONE, "duplicate"
                    )
                else:
                    row = keep(session, mail, self.settings.folder, uid, now, self.replies)
                    written = [] if dry_run else _store_attachments(row, mail, self.files_dir)
                    if self.settings.record_threads and not dry_run:
                        record_at_once(session, row, now)
                    line = _line(uid, row)
                if dry_run:
                    transaction.rollback()
                    return line
                mailbox.advance(session, self.settings.folder, validity, uid)
                transaction.commit()
            except BaseException:
                transaction.rollback()
                for path in written:  # files written for a commit that failed are removed
                    path.unlink(missing_ok=True)
                raise
        return line


def keep(
    session: Session,
    mail: ReadMail,
    folder: str,
    uid: int,
    now: datetime,
    replies: ReplyAddresses | None = None,
) -> IncomingMailRow:
    """Judge `mail` and keep it; a bounce's failures recorded on its reminder at once."""
    facts = mail.facts
    refs = (facts.returned_message_id, *facts.refers_to)
    addressed = replies.report_of(session, facts.recipients) if replies else None
    verdict = judge(
        facts,
        mailbox.sent_reminders(session, refs),
        mailbox.outstanding_of_contact(session, facts.sender),
        addressed.id if addressed else None,
    )
    problems = list(mail.problems)
    state = MailState.WAITING
    if verdict.kind is MailKind.AUTO_REPLY:
        state = MailState.DONE
    elif verdict.kind is MailKind.BOUNCE:
        state = MailState.DONE
        if verdict.outbox_id is not None:
            recorded = mailbox.record_failures(session, verdict.outbox_id, verdict.failures)
            if not recorded:
                problems.append("Thư báo lỗi không nêu người nhận nào của thư nhắc đã gửi.")
        else:
            state = MailState.WAITING
            problems.append("Thư báo lỗi không khớp với thư nhắc nào đã gửi.")
    report = session.get(ExpectedReportRow, verdict.report_id) if verdict.report_id else None
    if report is not None and verdict.kind is MailKind.REPLY:
        if report.received_on is not None:
            problems.append(f"Báo cáo này đã được ghi nhận ngày {report.received_on:%d/%m/%Y}.")
        elif report.exempted_at is not None:
            problems.append("Đơn vị đã được miễn nộp báo cáo này.")
    if verdict.kind is MailKind.REPLY and verdict.reason is MatchReason.THREAD and report is None:
        problems.append(
            "Thư trả lời một thư nhắc của báo cáo không còn phải nộp (kế hoạch đã đóng hoặc đơn vị đã rời)."
        )
    row = IncomingMailRow(
        message_key=mail.key,
        folder=folder,
        uid=uid,
        read_at=now,
        sent_at=mail.sent_at,
        sender=facts.sender,
        subject=facts.subject,
        kind=verdict.kind.value,
        reason=verdict.reason.value,
        expected_report_id=report.id if report else None,
        outbox_id=verdict.outbox_id,
        suggestions=list(verdict.suggestions),
        doc_number=_guess(facts.subject, mail.text) if verdict.kind is MailKind.REPLY else "",
        problems=problems,
        state=state,
        decided_by="",
    )
    row.report = report
    session.add(row)
    session.flush()
    return row


def record_at_once(session: Session, row: IncomingMailRow, now: datetime) -> None:
    """TRACKER_INTAKE_AUTO=thread: a reply to a reminder that brings a report file is recorded at once,
    received the day the mail was sent (in the office's zone), by "thư đến", so reminders stop at once
    (undone as any receipt). Anything else, or a receipt `receive` refuses, waits for the clerk."""
    if not (row.kind == MailKind.REPLY and row.reason == MatchReason.THREAD and row.files and row.report):
        return
    office = load_office(session)
    receipt = Receipt(
        received_on=sent_on(row, office) or now.astimezone(office.zone).date(),
        doc_number=row.doc_number,
        by=AUTO_RECORDER,
        note=f"Ghi nhận tự động từ thư của {row.sender}.",
        channel=CHANNEL,
    )
    try:
        accept(session, office, row.id, receipt, now=now)
    except BadInput as refused:
        row.problems = [*row.problems, f"Không tự ghi nhận được: {refused}"]


def _store_attachments(row: IncomingMailRow, mail: ReadMail, files_dir: Path) -> list[Path]:
    """The attachments a report may be (judged like a unit's uploads) written to the file store;
    each refused one said to the clerk, by name and reason."""
    if row.kind != MailKind.REPLY:
        return []
    accepted: list[CheckedFile] = []
    problems: list[str] = []
    for upload in mail.attachments[:MAX_ATTACHMENTS]:
        kept, refused = check_uploads([upload])
        accepted += kept
        problems += refused
    if len(mail.attachments) > MAX_ATTACHMENTS:
        problems.append(
            f"Thư có {len(mail.attachments)} tệp đính kèm; chỉ giữ {MAX_ATTACHMENTS} tệp đầu, "
            "xem các tệp còn lại trong hộp thư."
        )
    if problems:
        row.problems = [*row.problems, *problems]
    written = []
    for checked in accepted:
        stored = store_file(files_dir, checked)
        row.files.append(stored)
        written.append(files_dir / stored.stored_name)
    return written


def _line(uid: int, row: IncomingMailRow) -> IntakeLine:
    unit = row.report.unit.code if row.report is not None else ""
    return IntakeLine(
        uid,
        row.sender,
        row.subject,
        MailKind(row.kind),
        MatchReason(row.reason),
        row.state,
        unit,
        tuple(row.problems),
    )


# -- what the clerk decides ------------------------------------------------------------------------


def _waiting(session: Session, mail_id: int) -> IncomingMailRow:
    row = session.get(IncomingMailRow, mail_id)
    if row is None:
        raise NotFound("Không có thư này trong hộp thư đến.")
    if row.state != MailState.WAITING:
        raise BadInput(f"Thư này đã được xử lý ({row.decided_by or 'tự động'}).")
    return row


def sent_on(row: IncomingMailRow, office: Office) -> date | None:
    """The day the mail was sent, in the office's zone: the day the report counts as received."""
    return row.sent_at.astimezone(office.zone).date() if row.sent_at else None


def accept(
    session: Session,
    office: Office,
    mail_id: int,
    receipt: Receipt,
    *,
    report: tuple[str, str, str] | None = None,
    now: datetime,
) -> ExpectedReportRow:
    """Record the report the mail brings, through `receive` (audited with the clerk `receipt.by`);
    `report` (plan, milestone, unit codes) names it for a mail not matched to one. The mail is then
    accepted."""
    row = _waiting(session, mail_id)
    if report is None:
        if row.report is None:
            raise InvalidFields({"report": "Hãy chọn báo cáo mà thư này gửi tới."})
        report = _codes_of(row.report)
    recorded = receive(session, office, *report, receipt, replace=False, now=now)
    row.report, row.state, row.decided_by, row.decided_at = recorded, MailState.ACCEPTED, receipt.by, now
    _audit(session, row, "mail.accept", receipt.by, now, report)
    return recorded


def dismiss(session: Session, mail_id: int, *, by: str, now: datetime) -> None:
    """Set the mail aside as handled, recording nothing."""
    row = _waiting(session, mail_id)
    row.state, row.decided_by, row.decided_at = MailState.DISMISSED, by, now
    _audit(session, row, "mail.dismiss", by, now, _codes_of(row.report) if row.report else ("", "", ""))


def _audit(
    session: Session, row: IncomingMailRow, action: str, by: str, now: datetime, codes: tuple[str, str, str]
) -> None:
    plan, milestone, unit = codes
    record_audit(
        session,
        at=now,
        actor=by,
        action=action,
        plan=plan,
        milestone=milestone,
        unit=unit,
        after={"sender": row.sender, "subject": row.subject, "message": row.message_key},
    )


# -- the clerk's inbox -----------------------------------------------------------------------------


@dataclass(frozen=True)
class InboxFile:
    id: int  # downloaded at /files/<id>, like a unit's uploads (clerks only, audited)
    name: str
    kind: str
    size: int
    sha256: str


@dataclass(frozen=True)
class InboxEntry:
    """One message before the clerk, in words: who sent it, when, what it was matched to and why."""

    id: int
    sender: str
    subject: str
    sent_at: datetime | None
    sent_on: date | None  # the day it counts as received, in the office's zone
    kind: str
    reason: str
    report: tuple[str, str, str] | None  # plan, milestone, unit codes
    unit_name: str
    plan_title: str
    milestone_title: str
    doc_number: str
    files: tuple[InboxFile, ...]
    problems: tuple[str, ...]
    choices: tuple[tuple[str, str], ...]  # (plan/milestone/unit, words) the clerk may choose from


@dataclass(frozen=True)
class ReportChoice:
    """A report a clerk may give a mail that matched none."""

    value: str  # plan/milestone/unit: how `accept` is told the report
    words: str  # the unit's name
    group: str  # its plan and milestone


@dataclass(frozen=True)
class Inbox:
    matched: list[InboxEntry]
    unmatched: list[InboxEntry]
    outstanding: tuple[ReportChoice, ...]  # of the open plans, when some mail matched none; else ()


def _codes_of(report: ExpectedReportRow) -> tuple[str, str, str]:
    return report.milestone.plan.code, report.milestone.code, report.unit.code


def _choice(report: ExpectedReportRow) -> tuple[str, str]:
    plan, milestone, unit = _codes_of(report)
    words = f"{report.unit.name} — {report.milestone.plan.title} / {report.milestone.title}"
    return f"{plan}/{milestone}/{unit}", words


def _entry(session: Session, row: IncomingMailRow, office: Office) -> InboxEntry:
    report = row.report
    suggested = [r for r in (session.get(ExpectedReportRow, i) for i in row.suggestions) if r is not None]
    return InboxEntry(
        id=row.id,
        sender=row.sender,
        subject=row.subject,
        sent_at=row.sent_at,
        sent_on=sent_on(row, office),
        kind=KIND_WORDS[MailKind(row.kind)],
        reason=REASON_WORDS[MatchReason(row.reason)],
        report=_codes_of(report) if report else None,
        unit_name=report.unit.name if report else "",
        plan_title=report.milestone.plan.title if report else "",
        milestone_title=report.milestone.title if report else "",
        doc_number=row.doc_number,
        files=tuple(InboxFile(f.id, f.name, f.kind, f.size, f.sha256) for f in row.files),
        problems=tuple(row.problems),
        choices=tuple(_choice(r) for r in suggested),
    )


def inbox(session: Session, office: Office, now: datetime) -> Inbox:
    """The messages waiting for the clerk, newest first: those matched to a report, and the rest with
    the outstanding reports of the plans open at `now` to give them."""
    query = (
        select(IncomingMailRow)
        .where(IncomingMailRow.state == MailState.WAITING)
        .order_by(IncomingMailRow.id.desc())
    )
    entries = [_entry(session, row, office) for row in session.scalars(query)]
    unmatched = [e for e in entries if not e.report]
    today = now.astimezone(office.zone).date()
    plans = [code for code, plan in office.plans.items() if plan_is_open(plan, today)] if unmatched else []
    outstanding = tuple(
        ReportChoice(
            "/".join(_codes_of(report)),
            report.unit.name,
            f"{report.milestone.plan.title} / {report.milestone.title}",
        )
        for report in mailbox.outstanding_reports(session, plans)
    )
    return Inbox([e for e in entries if e.report], unmatched, outstanding)
