"""One report's page: its state, its submission and its whole story; and the check that a form is
acted on as the clerk saw it.

A form carries the report's version (the id of its last audit row) as the page showed it. Acting on
it takes the report's row lock first (PostgreSQL; SQLite transactions are serialised anyway), then
refuses when another clerk changed the report meanwhile: "Báo cáo này vừa được … ghi nhận lúc …",
rather than a second record over the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from tracker.core.audit import changes
from tracker.core.deadlines import Deadline
from tracker.core.labels import step_label
from tracker.core.office import Office
from tracker.core.planner import recipients, upcoming
from tracker.core.reports import DeliveryState, ExpectedReport
from tracker.core.roll import RollRow, roll_row
from tracker.core.story import ActEntry, ComingEntry, Entry, ReminderEntry, timeline
from tracker.digest.wording import moment_vi
from tracker.errors import BadInput, NotFound
from tracker.services.links import UnitLinks
from tracker.services.reminding import DueReminders
from tracker.services.replies import ReplyAddresses
from tracker.services.roll import MilestoneContext, reminder_records
from tracker.store.outbox import ReminderKey, emails_of_report
from tracker.store.repository import find_expected_report, report_from_row
from tracker.store.tables import AuditRow, ExpectedReportRow

DONE_WORDS: dict[str, str] = {
    "submission.receive": "ghi nhận",
    "submission.replace": "ghi nhận lại",
    "submission.unreceive": "hủy ghi nhận",
    "submission.exempt": "miễn nộp",
    "submission.unexempt": "hủy miễn nộp",
}


class ChangedMeanwhile(BadInput):
    """Another clerk changed the report after this form was shown."""


@dataclass(frozen=True)
class ReportPage:
    context: MilestoneContext
    report: ExpectedReport
    row: RollRow
    exempted_by: str
    entries: tuple[Entry, ...]
    version: int  # what a form sends back: the id of the report's last audit row (0: none)

    @property
    def deadline(self) -> Deadline:
        """The unit's deadline: the milestone's, or its own when it was granted more time."""
        return self.context.schedule.of_report(self.report.facts).deadline


def mail_preview(
    office: Office,
    templates_dir: Path,
    mail_from: str,
    links: UnitLinks | None = None,
    replies: ReplyAddresses | None = None,
) -> DueReminders:
    """The reminder builder of the sweep, to render a coming email as it will go out (with `links`
    and `replies`: to render one that goes out now, carrying the unit's link and the report's own
    reply address)."""
    from tracker.mail.render import template_environment
    from tracker.services.sweep import default_mail_from

    return DueReminders(
        office,
        template_environment(templates_dir),
        mail_from or default_mail_from(office.organization),
        links,
        replies,
    )


def _audit_of(context: MilestoneContext, unit_code: str) -> ColumnElement[bool]:
    return and_(
        AuditRow.plan_code == context.plan.code,
        AuditRow.milestone_code == context.milestone.code,
        AuditRow.unit_code == unit_code,
    )


def _row(session: Session, context: MilestoneContext, unit_code: str) -> ExpectedReportRow:
    row = find_expected_report(session, context.plan.code, context.milestone.code, unit_code)
    if row is None:
        raise NotFound(
            f"Đơn vị '{unit_code}' không thuộc danh sách phải nộp báo cáo cho mốc {context.milestone.code}."
        )
    return row


def report_page(
    session: Session, context: MilestoneContext, unit_code: str, mail: DueReminders, now: datetime
) -> ReportPage:
    """The report of `unit_code` for `context`'s milestone at `now`; NotFound when it is not expected."""
    row = _row(session, context, unit_code)
    report = report_from_row(row, context.plan.code, context.milestone.code)
    reminders = reminder_records(session, context, [row.id]).get(row.id, [])
    outbox = emails_of_report(session, row.id)
    templates = {s.key: s.template for s in context.plan.ladder.steps}
    decided = [
        ReminderEntry(
            label=step_label(o.step_key, templates.get(o.step_key), o.repeat),
            state=DeliveryState(o.state),
            at=o.sent_at or o.due_at,
            to=tuple(o.to_addrs),
            cc=tuple(o.cc_addrs),
            subject=o.subject,
            reply=o.last_reply,
            refused=dict(o.refused),
        )
        for o in outbox
    ]
    audits = session.scalars(
        select(AuditRow).where(_audit_of(context, unit_code)).order_by(AuditRow.at, AuditRow.id)
    ).all()
    acts = [
        ActEntry(a.action, a.actor, a.at, a.note, changes(a.before, a.after, context.plan)) for a in audits
    ]
    thread = tuple(o.message_id for o in outbox if o.state == DeliveryState.SENT.value)
    logged = frozenset((r.step_key, r.repeat) for r in reminders)
    coming = []
    for scheduled in upcoming(report, context.schedule, logged, now):
        message = mail.message(
            context.plan,
            context.milestone,
            context.schedule,
            report,
            scheduled,
            ReminderKey(
                plan=context.plan.code,
                milestone=context.milestone.code,
                unit=unit_code,
                step=scheduled.step.key,
                repeat=scheduled.repeat,
                deadline_version=context.deadline_version,
                extension=row.extensions,
            ),
            thread,
            scheduled.at,
        )
        body = message.get_body(("plain",))
        who = recipients(scheduled.step, report.unit, context.office.organization)
        coming.append(
            ComingEntry(
                label=step_label(scheduled.step.key, scheduled.step.template, scheduled.repeat),
                at=scheduled.at,
                to=who.to,
                cc=who.cc,
                subject=str(message["Subject"]),
                text=body.get_content() if body is not None else "",
            )
        )
    return ReportPage(
        context=context,
        report=report,
        row=roll_row(context.plan, report, context.schedule, reminders, now),
        exempted_by=row.exempted_by,
        entries=timeline(decided, acts, coming),
        version=audits[-1].id if audits else 0,
    )


def check_unchanged(session: Session, context: MilestoneContext, unit_code: str, seen: int) -> None:
    """Refuse when the report changed after the form showing version `seen`; holds the report's row
    lock until the caller's transaction ends, so that the act that follows is the only one."""
    row = _row(session, context, unit_code)
    session.execute(select(ExpectedReportRow.id).where(ExpectedReportRow.id == row.id).with_for_update())
    latest = session.scalars(
        select(AuditRow).where(_audit_of(context, unit_code)).order_by(AuditRow.id.desc()).limit(1)
    ).first()
    if latest is None or latest.id == seen:
        return
    done = DONE_WORDS.get(latest.action, "thay đổi")
    raise ChangedMeanwhile(
        f"Báo cáo này vừa được {latest.actor or 'người khác'} {done} lúc "
        f"{moment_vi(latest.at, context.office.zone)}. Hãy xem lại trước khi làm tiếp."
    )
