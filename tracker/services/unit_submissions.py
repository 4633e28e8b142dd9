"""A report a unit sends through its link: checked whole, recorded at once as received (channel
"liên kết", by the named contact) through the same `receive` as a clerk's, its files kept on disk
under names the application chooses; and the clerk's download of those files, audited.

Nothing is stored unless everything is right: every problem is raised at once (InvalidFields, one
message per field), the caller's transaction then leaves the database as it was, and no file is
written before the checks pass.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tracker.core.model import Offset, OffsetUnit, Step
from tracker.core.office import Office
from tracker.core.text import is_phone_number
from tracker.core.uploads import CheckedFile, Upload, check_uploads
from tracker.errors import BadInput, InvalidFields, NotFound
from tracker.services.reminding import DueReminders
from tracker.services.submissions import Receipt, receive, unreceive
from tracker.services.unit_mail import UnitEmail, email_unit
from tracker.store.outbox import EmailKind
from tracker.store.repository import find_expected_report, record_audit
from tracker.store.tables import ExpectedReportRow, IncomingMailRow, SubmittedFileRow, UnitSubmissionRow

CHANNEL = "liên kết"


@dataclass(frozen=True)
class UnitReport:
    """What the unit typed in its page's form."""

    uploads: Sequence[Upload]
    doc_number: str
    doc_date: date | None  # None: not given or not a date (`doc_date_problem` says which)
    contact: str
    phone: str
    sections: tuple[str, ...] = ()
    figures: Mapping[str, str] = field(default_factory=dict)
    doc_date_problem: str = ""


def _codes(report: ExpectedReportRow) -> tuple[str, str, str]:
    return report.milestone.plan.code, report.milestone.code, report.unit.code


def _check(
    sent: UnitReport, report: ExpectedReportRow, today: date
) -> tuple[list[CheckedFile], dict[str, str]]:
    problems: dict[str, str] = {}
    if report.received_on is not None:
        problems["report"] = (
            f"Báo cáo của đơn vị đã được ghi nhận ngày {report.received_on:%d/%m/%Y}. "
            "Muốn gửi lại hoặc bổ sung, xin liên hệ Ban Tổ chức."
        )
    if report.exempted_at is not None:
        problems["report"] = "Đơn vị đã được miễn nộp báo cáo này; nếu có thắc mắc, xin liên hệ Ban Tổ chức."
    files, refused = check_uploads(sent.uploads)
    if refused:
        problems["files"] = " ".join(refused)
    if not sent.doc_number.strip():
        problems["doc_number"] = "Hãy ghi số văn bản báo cáo (ví dụ 45/BC-LĐLĐ)."
    if sent.doc_date is None:
        problems["doc_date"] = sent.doc_date_problem or "Hãy nhập ngày văn bản, ví dụ 12/9/2019."
    elif sent.doc_date > today:
        problems["doc_date"] = (
            f"Ngày văn bản {sent.doc_date:%d/%m/%Y} ở tương lai (hôm nay là {today:%d/%m/%Y})."
        )
    if not sent.contact.strip():
        problems["contact"] = "Hãy ghi họ tên người liên hệ."
    if not is_phone_number(sent.phone):
        problems["phone"] = "Hãy ghi số điện thoại liên hệ, chỉ gồm chữ số (ví dụ 0233 3852 123)."
    return files, problems


def submit(
    session: Session,
    office: Office,
    report: ExpectedReportRow,
    sent: UnitReport,
    files_dir: Path,
    *,
    now: datetime,
) -> UnitSubmissionRow:
    """Record what the unit sent as its report, received today; the files written to `files_dir`
    (mode 0600) only once everything is right. InvalidFields with every problem otherwise."""
    today = now.astimezone(office.zone).date()
    files, problems = _check(sent, report, today)
    plan, milestone, unit = _codes(report)
    receipt = Receipt(
        received_on=today,
        doc_number=sent.doc_number.strip(),
        by=sent.contact.strip(),
        note=f"Gửi qua liên kết; người liên hệ {sent.contact.strip()}, điện thoại {sent.phone.strip()}.",
        channel=CHANNEL,
        sections=sent.sections,
        figures=sent.figures,
    )
    if "report" not in problems:
        try:
            receive(session, office, plan, milestone, unit, receipt, replace=False, now=now)
        except InvalidFields as refused:
            problems = refused.problems | problems
    if problems:
        raise InvalidFields(problems)
    row = UnitSubmissionRow(
        expected_report_id=report.id,
        submitted_at=now,
        doc_number=receipt.doc_number,
        doc_date=sent.doc_date,
        contact=receipt.by,
        phone=sent.phone.strip(),
        state="received",
        decided_by="",
        reason="",
    )
    session.add(row)
    session.flush()
    for checked in files:
        row.files.append(store_file(files_dir, checked))
    return row


def store_file(files_dir: Path, checked: CheckedFile) -> SubmittedFileRow:
    """Write one file under a random name of the application's, readable by its owner only (the one
    file store: the units' uploads and the mailbox's attachments)."""
    files_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stored_name = f"{secrets.token_hex(16)}.{checked.kind}"
    descriptor = os.open(files_dir / stored_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(checked.data)
    return SubmittedFileRow(
        name=checked.name,
        kind=checked.kind,
        stored_name=stored_name,
        size=len(checked.data),
        sha256=hashlib.sha256(checked.data).hexdigest(),
    )


def submissions_of(session: Session, codes: tuple[str, str, str]) -> list[UnitSubmissionRow]:
    """What the unit sent through its link for the report `codes` names, oldest first, with the files."""
    report = find_expected_report(session, *codes)
    if report is None:
        return []
    return list(
        session.scalars(
            select(UnitSubmissionRow)
            .where(UnitSubmissionRow.expected_report_id == report.id)
            .order_by(UnitSubmissionRow.id)
            .options(selectinload(UnitSubmissionRow.files))
        )
    )


def downloaded(
    session: Session, file_id: int, files_dir: Path, *, by: str, now: datetime
) -> tuple[SubmittedFileRow, Path]:
    """The file `file_id` and where it is, the download recorded in the audit trail with who."""
    row = session.get(SubmittedFileRow, file_id)
    if row is None:
        raise NotFound("Không có tệp này.")
    if row.unit_submission_id is not None:
        submission = session.get(UnitSubmissionRow, row.unit_submission_id)
        assert submission is not None
        report = session.get(ExpectedReportRow, submission.expected_report_id)
    else:  # attached to a mail of the mailbox, matched to a report or not yet
        mail = session.get(IncomingMailRow, row.incoming_mail_id)
        assert mail is not None
        report = mail.report
    plan, milestone, unit = _codes(report) if report is not None else ("", "", "")
    record_audit(
        session,
        at=now,
        actor=by,
        action="file.download",
        plan=plan,
        milestone=milestone,
        unit=unit,
        after={"file": row.name, "sha256": row.sha256},
    )
    return row, files_dir / row.stored_name


RETURN_STEP = Step("tra-lai", Offset(0, OffsetUnit.DAYS), "returned")
"""The email that returns a report: not a step of any ladder (the planner never schedules it), logged
with the report's emails so that the unit's page shows it and the ladder's emails thread with it."""


def _waiting(session: Session, submission_id: int, codes: tuple[str, str, str]) -> UnitSubmissionRow:
    row = session.get(UnitSubmissionRow, submission_id, with_for_update=True)
    report = session.get(ExpectedReportRow, row.expected_report_id) if row else None
    if row is None or report is None or _codes(report) != codes:
        raise NotFound("Không có báo cáo gửi qua liên kết này.")
    if row.state != "received":
        done = "chấp nhận" if row.state == "accepted" else "trả lại"
        raise BadInput(f"Báo cáo này đã được {row.decided_by} {done}; không xử lý lại.")
    return row


def _decided(
    session: Session,
    row: UnitSubmissionRow,
    state: str,
    codes: tuple[str, str, str],
    by: str,
    note: str,
    now: datetime,
) -> None:
    row.state, row.decided_by, row.decided_at, row.reason = state, by, now, note
    plan, milestone, unit = codes
    record_audit(
        session,
        at=now,
        actor=by,
        action=f"submission.{'accept' if state == 'accepted' else 'return'}",
        plan=plan,
        milestone=milestone,
        unit=unit,
        before={"state": "received"},
        after={"state": state, "doc_number": row.doc_number},
        note=note,
    )


def accept(
    session: Session, codes: tuple[str, str, str], submission_id: int, *, by: str, now: datetime
) -> None:
    """The clerk accepts what the unit sent: the receipt stands as recorded."""
    row = _waiting(session, submission_id, codes)
    _decided(session, row, "accepted", codes, by, "", now)


def return_report(
    session: Session,
    office: Office,
    codes: tuple[str, str, str],
    submission_id: int,
    reminders: DueReminders,
    *,
    reason: str,
    by: str,
    now: datetime,
) -> None:
    """The clerk returns what the unit sent, with `reason`: the report is outstanding again (its
    ladder resumes where it was: the steps its receipt cancelled are queued again, none sent twice),
    and the unit is emailed the reason, with its link, at the next sending pass."""
    if not reason.strip():
        raise InvalidFields({"reason": "Hãy ghi lý do trả lại: đơn vị nhận được lý do này qua email."})
    row = _waiting(session, submission_id, codes)
    unreceive(session, office, *codes, by=by, note=reason.strip(), now=now)
    _decided(session, row, "returned", codes, by, reason.strip(), now)
    report_row = session.get(ExpectedReportRow, row.expected_report_id)
    assert report_row is not None
    # One return email per submission returned.
    email_unit(
        session,
        office,
        report_row,
        reminders,
        UnitEmail(
            RETURN_STEP,
            submission_id,
            f"return:{'/'.join(codes)}/{submission_id}",
            reason.strip(),
            EmailKind.RETURN,
        ),
        now=now,
    )
