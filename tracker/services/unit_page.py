"""What a unit sees through its personal link: its report for one milestone, as it stands, and every
email sent to it ("we never got it" ends here). Read only: opening the page changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.core.deadlines import Deadline
from tracker.core.extensions import ExtensionState
from tracker.core.labels import step_label
from tracker.core.reports import DeliveryState, ExpectedReport
from tracker.core.roll import RollRow, roll_row
from tracker.services.roll import MilestoneContext, milestone_context, reminder_records
from tracker.store.outbox import emails_of_report
from tracker.store.repository import load_office, report_from_row
from tracker.store.tables import ExpectedReportRow, ExtensionRequestRow, UnitSubmissionRow

SHOWN_STATES = (DeliveryState.SENT, DeliveryState.FAILED)  # what was actually tried on the unit


@dataclass(frozen=True)
class SentEmail:
    label: str  # the step, "Nhắc lần 2"
    at: datetime
    to: tuple[str, ...]
    cc: tuple[str, ...]
    subject: str
    reached: bool  # False: every recipient refused it


@dataclass(frozen=True)
class UnitPage:
    context: MilestoneContext
    report: ExpectedReport
    row: RollRow
    days_left: int | None  # before the effective last day (0: today is the last day); None when late
    emails: tuple[SentEmail, ...]
    returned: str  # why Ban Tổ chức returned what the unit last sent ("" when it did not)
    extension_requests: tuple[ExtensionRequestRow, ...]  # the unit's requests for more time, newest first

    @property
    def deadline(self) -> Deadline:
        """The unit's deadline: the milestone's, or its own when it was granted more time."""
        return self.context.schedule.of_report(self.report.facts).deadline

    @property
    def may_ask_for_time(self) -> bool:
        """Whether the page offers the request form: outstanding, and no request waiting."""
        waiting = any(r.state == ExtensionState.WAITING for r in self.extension_requests)
        return self.row.outstanding and not waiting


def unit_page(session: Session, report: ExpectedReportRow, now: datetime) -> UnitPage:
    """The page of `report` (found from a link) at `now`."""
    office = load_office(session)
    context = milestone_context(session, office, report.milestone.plan.code, report.milestone.code)
    expected = report_from_row(report, context.plan.code, context.milestone.code)
    reminders = reminder_records(session, context, [report.id]).get(report.id, [])
    templates = {s.key: s.template for s in context.plan.ladder.steps}
    emails = tuple(
        SentEmail(
            label=step_label(o.step_key, templates.get(o.step_key), o.repeat),
            at=o.sent_at or o.due_at,
            to=tuple(o.to_addrs),
            cc=tuple(o.cc_addrs),
            subject=o.subject,
            reached=o.state == DeliveryState.SENT.value,
        )
        for o in emails_of_report(session, report.id)
        if o.state in SHOWN_STATES
    )
    latest = session.scalars(
        select(UnitSubmissionRow)
        .where(UnitSubmissionRow.expected_report_id == report.id)
        .order_by(UnitSubmissionRow.id.desc())
        .limit(1)
    ).first()
    today = now.astimezone(office.zone).date()
    left = (context.schedule.of_report(expected.facts).deadline.effective - today).days
    return UnitPage(
        context=context,
        report=expected,
        row=roll_row(context.plan, expected, context.schedule, reminders, now),
        days_left=left if left >= 0 else None,
        emails=emails,
        returned=latest.reason if latest is not None and latest.state == "returned" else "",
        extension_requests=tuple(
            session.scalars(
                select(ExtensionRequestRow)
                .where(ExtensionRequestRow.expected_report_id == report.id)
                .order_by(ExtensionRequestRow.id.desc())
            )
        ),
    )
