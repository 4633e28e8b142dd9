"""A unit's request for more time, sent from its page, and Ban Tổ chức's answer on the report page.

Asking changes nothing of the report: reminders keep their course while a request waits. Approving
gives the unit its own last day (`extended_until`): its state, the digest and the schedule follow it,
its ladder starts again from the new day as a new round (`_start_round`), and the calendar entry's
SEQUENCE rises. Both answers are emailed to the unit; every act is audited with who did it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.core.calendar import date_vi
from tracker.core.extensions import ExtensionState, ReportStanding, request_problems, until_problem
from tracker.core.model import Offset, OffsetUnit, Step
from tracker.core.office import Office
from tracker.core.reports import DeliveryState
from tracker.core.status import ReportFacts
from tracker.errors import BadInput, InvalidFields, NotFound
from tracker.services.reminding import DueReminders
from tracker.services.roll import milestone_context
from tracker.services.unit_mail import UnitEmail, email_unit
from tracker.store.outbox import EmailKind, ReminderKey, insert_new, new_row
from tracker.store.repository import find_expected_report, record_audit
from tracker.store.tables import (
    LOOK_AT_NEXT_SWEEP,
    ExpectedReportRow,
    ExtensionRequestRow,
    MilestoneRow,
    PlanRow,
    UnitRow,
)

GRANTED_STEP = Step("gia-han", Offset(0, OffsetUnit.DAYS), "extension_granted")
REFUSED_STEP = Step("tu-choi-gia-han", Offset(0, OffsetUnit.DAYS), "extension_refused")
"""The answers' emails: not steps of any ladder, logged with the report's emails (the unit's page shows
them; the ladder's emails thread with them)."""


@dataclass(frozen=True)
class ExtensionAsked:
    """What the unit typed in its page's form."""

    until: date | None  # None: not given or not a date (`until_unreadable` says which)
    reason: str
    until_unreadable: str = ""


@dataclass(frozen=True)
class WaitingRequest:
    """A request the board lists until it is answered."""

    id: int
    plan: str
    milestone: str
    unit: str
    unit_name: str
    until: date
    requested_at: datetime


def _codes(report: ExpectedReportRow) -> tuple[str, str, str]:
    return report.milestone.plan.code, report.milestone.code, report.unit.code


def _audit(
    session: Session,
    codes: tuple[str, str, str],
    action: str,
    *,
    by: str,
    now: datetime,
    until: date,
    before: date | None = None,
    note: str,
) -> None:
    """One act on a request in the audit trail: the day asked or granted, and the reason or answer."""
    plan, milestone, unit = codes
    record_audit(
        session,
        at=now,
        actor=by,
        action=f"extension.{action}",
        plan=plan,
        milestone=milestone,
        unit=unit,
        before={"extended_until": before.isoformat()} if before else None,
        after={"extended_until": until.isoformat()},
        note=note,
    )


def _waiting_of(session: Session, report_id: int) -> ExtensionRequestRow | None:
    return session.scalars(
        select(ExtensionRequestRow).where(
            ExtensionRequestRow.expected_report_id == report_id,
            ExtensionRequestRow.state == ExtensionState.WAITING.value,
        )
    ).first()


def _standing(session: Session, office: Office, report: ExpectedReportRow, now: datetime) -> ReportStanding:
    plan = office.plans[report.milestone.plan.code]
    milestone = plan.milestone(report.milestone.code)
    assert milestone is not None, "loaded milestones are in their plan"
    facts = ReportFacts(report.received_on, report.exempted_at, report.extended_until)
    today = now.astimezone(office.zone).date()
    return ReportStanding(
        last_day=facts.last_day(office.deadline(plan, milestone).effective),
        today=today,
        closes=plan.closes,
        outstanding=facts.outstanding(now, office.zone),
        waiting=_waiting_of(session, report.id) is not None,
    )


def ask(
    session: Session, office: Office, report: ExpectedReportRow, asked: ExtensionAsked, *, now: datetime
) -> ExtensionRequestRow:
    """Record the unit's request, waiting for an answer; InvalidFields with every problem otherwise.
    The report itself is untouched: its reminders keep their course."""
    session.execute(select(ExpectedReportRow.id).where(ExpectedReportRow.id == report.id).with_for_update())
    problems = request_problems(
        asked.until, asked.until_unreadable, asked.reason, _standing(session, office, report, now)
    )
    if problems:
        raise InvalidFields(problems)
    assert asked.until is not None
    row = ExtensionRequestRow(
        expected_report_id=report.id,
        requested_at=now,
        until=asked.until,
        reason=asked.reason.strip(),
        state=ExtensionState.WAITING.value,
        decided_by="",
        answer="",
    )
    session.add(row)
    by = f"{report.unit.name} (qua liên kết)"
    _audit(session, _codes(report), "ask", by=by, now=now, until=asked.until, note=row.reason)
    return row


def _start_round(
    session: Session, office: Office, codes: tuple[str, str, str], report: ExpectedReportRow, now: datetime
) -> None:
    """The unit's ladder starts again from its own day, as a new round: the steps of that ladder already
    past at `now` are logged as superseded (never sent: the unit has just been told its new day), the
    later ones go out afresh; a reminder of the old round still queued is no longer wanted."""
    context = milestone_context(session, office, codes[0], codes[1])
    facts = ReportFacts(report.received_on, report.exempted_at, report.extended_until)
    past = context.schedule.of_report(facts).steps_through(now)
    rows = [
        new_row(
            state=DeliveryState.SUPERSEDED,
            due_at=step.at,
            now=now,
            email=None,
            reminder=ReminderKey(
                *codes, step.step.key, step.repeat, context.deadline_version, report.extensions
            ),
            expected_report_id=report.id,
        )
        for step in past
    ]
    insert_new(session, rows)


def requests_of(session: Session, codes: tuple[str, str, str]) -> list[ExtensionRequestRow]:
    """Every request of the report `codes` names, oldest first."""
    report = find_expected_report(session, *codes)
    if report is None:
        return []
    return list(
        session.scalars(
            select(ExtensionRequestRow)
            .where(ExtensionRequestRow.expected_report_id == report.id)
            .order_by(ExtensionRequestRow.id)
        )
    )


def waiting_requests(session: Session) -> list[WaitingRequest]:
    """Every request still waiting for an answer on a report still outstanding, oldest first (the board
    lists them)."""
    query = (
        select(ExtensionRequestRow, PlanRow.code, MilestoneRow.code, UnitRow.code, UnitRow.name)
        .join(ExpectedReportRow, ExpectedReportRow.id == ExtensionRequestRow.expected_report_id)
        .join(MilestoneRow, MilestoneRow.id == ExpectedReportRow.milestone_id)
        .join(PlanRow, PlanRow.id == MilestoneRow.plan_id)
        .join(UnitRow, UnitRow.id == ExpectedReportRow.unit_id)
        .where(
            ExtensionRequestRow.state == ExtensionState.WAITING.value,
            PlanRow.withdrawn_at.is_(None),
            # A report received or exempted meanwhile needs no answer any more.
            ExpectedReportRow.received_on.is_(None),
            ExpectedReportRow.exempted_at.is_(None),
        )
        .order_by(ExtensionRequestRow.requested_at, ExtensionRequestRow.id)
    )
    return [
        WaitingRequest(row.id, plan, milestone, unit, name, row.until, row.requested_at)
        for row, plan, milestone, unit, name in session.execute(query)
    ]


def codes_of_request(session: Session, request_id: int) -> tuple[str, str, str]:
    """The (plan, milestone, unit) of request `request_id`; NotFound when there is none."""
    row = session.get(ExtensionRequestRow, request_id)
    if row is None:
        raise NotFound(f"Không có đề nghị gia hạn số {request_id}; xem danh sách: tracker extension list.")
    return _codes(row.report)


def _waiting(session: Session, codes: tuple[str, str, str], request_id: int) -> ExtensionRequestRow:
    row = session.get(ExtensionRequestRow, request_id, with_for_update=True)
    if row is None or _codes(row.report) != codes:
        raise NotFound("Không có đề nghị gia hạn này.")
    if row.state != ExtensionState.WAITING.value:
        done = "đồng ý" if row.state == ExtensionState.APPROVED.value else "không đồng ý"
        raise BadInput(f"Đề nghị gia hạn này đã được {row.decided_by} trả lời ({done}); không xử lý lại.")
    return row


def approve(
    session: Session,
    office: Office,
    codes: tuple[str, str, str],
    request_id: int,
    reminders: DueReminders,
    *,
    until: date | None,
    by: str,
    now: datetime,
) -> str:
    """Grant the unit its own last day (`until`, else the day it asked for); the sweep looks at its
    ladder again at once, and the unit is told. Says what was done."""
    row = _waiting(session, codes, request_id)
    report = row.report
    granted = until or row.until
    standing = _standing(session, office, report, now)
    if not standing.outstanding:
        raise BadInput(
            "Báo cáo đã được ghi nhận hoặc miễn nộp nên không cần gia hạn nữa; nếu muốn trả lời đơn vị, "
            "hãy chọn Không đồng ý và ghi lý do."
        )
    if problem := until_problem(granted, standing):
        raise InvalidFields({"until": problem})
    before = report.extended_until
    report.extended_until = granted
    report.extensions += 1
    report.next_reminder_at = LOOK_AT_NEXT_SWEEP
    _start_round(session, office, codes, report, now)
    row.state, row.decided_by, row.decided_at = ExtensionState.APPROVED.value, by, now
    row.answer = "" if granted == row.until else f"Đồng ý gia hạn đến {date_vi(granted)}."
    _audit(session, codes, "approve", by=by, now=now, until=granted, before=before, note=row.reason)
    session.flush()
    email_unit(
        session,
        office,
        report,
        reminders,
        UnitEmail(GRANTED_STEP, row.id, f"extension:{'/'.join(codes)}/{row.id}", "", EmailKind.ANSWER),
        now=now,
    )
    return (
        f"Đã đồng ý gia hạn cho {report.unit.name} đến hết ngày {date_vi(granted)}; đơn vị sẽ nhận thư báo."
    )


def refuse(
    session: Session,
    office: Office,
    codes: tuple[str, str, str],
    request_id: int,
    reminders: DueReminders,
    *,
    answer: str,
    by: str,
    now: datetime,
) -> str:
    """Refuse the request with `answer` (told to the unit): the report's deadline stands."""
    if not answer.strip():
        raise InvalidFields({"answer": "Hãy ghi lý do không đồng ý: đơn vị nhận được lý do này qua email."})
    row = _waiting(session, codes, request_id)
    row.state, row.decided_by, row.decided_at = ExtensionState.REFUSED.value, by, now
    row.answer = answer.strip()
    _audit(session, codes, "refuse", by=by, now=now, until=row.until, note=row.answer)
    email_unit(
        session,
        office,
        row.report,
        reminders,
        UnitEmail(
            REFUSED_STEP, row.id, f"extension:{'/'.join(codes)}/{row.id}", row.answer, EmailKind.ANSWER
        ),
        now=now,
    )
    return f"Đã trả lời không đồng ý gia hạn cho {row.report.unit.name}; đơn vị sẽ nhận thư báo kèm lý do."
