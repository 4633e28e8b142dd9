"""Emails to one unit outside its ladder: a report returned, the answer to a request for more time.

Each is rendered like a reminder (the report's thread, the unit's link, the calendar entry of its
deadline as it now stands) and queued in the one outbox, under a key of its own so that it is sent
once; the reminder log's "still outstanding?" check does not apply to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from tracker.core.ladder import ScheduledStep
from tracker.core.model import Step
from tracker.core.office import Office
from tracker.core.planner import recipients
from tracker.core.reports import DeliveryState
from tracker.mail.message import wire_bytes
from tracker.services.reminding import DueReminders
from tracker.services.roll import milestone_context
from tracker.store.outbox import Email, EmailKind, ReminderKey, emails_of_report, insert_one, new_row
from tracker.store.repository import report_from_row
from tracker.store.tables import ExpectedReportRow


@dataclass(frozen=True)
class UnitEmail:
    """One email outside the ladder: its step (template), a number that tells its Message-ID from
    the others of the same step, its outbox key, the words it carries beyond the template, its kind."""

    step: Step
    number: int
    key: str
    note: str
    kind: EmailKind


def email_unit(
    session: Session,
    office: Office,
    report_row: ExpectedReportRow,
    reminders: DueReminders,
    email: UnitEmail,
    *,
    now: datetime,
) -> None:
    """Queue `email` to the unit of `report_row`, to go out at the next sending pass."""
    codes = (report_row.milestone.plan.code, report_row.milestone.code, report_row.unit.code)
    context = milestone_context(session, office, codes[0], codes[1])
    report = report_from_row(report_row, codes[0], codes[1])
    key = ReminderKey(*codes, email.step.key, email.number, context.deadline_version, report_row.extensions)
    scheduled = ScheduledStep(email.step, 0, now.astimezone(office.zone).date(), now)
    sent = [o.message_id for o in emails_of_report(session, report_row.id) if o.state == DeliveryState.SENT]
    link = reminders.links.issue(session, report_row.id, codes, now) if reminders.links else None
    message = reminders.message(
        context.plan,
        context.milestone,
        context.schedule,
        report,
        scheduled,
        key,
        tuple(sent),
        now,
        link,
        email.note,
        reply_to=reminders.reply_to(report_row.id, codes),
    )
    who = recipients(email.step, report.unit, office.organization)
    rendered = Email(str(message["Message-ID"]), str(message["Subject"]), wire_bytes(message), who.to, who.cc)
    values = new_row(
        state=DeliveryState.PENDING,
        due_at=now,
        now=now,
        email=rendered,
        reminder=key,
        expected_report_id=report_row.id,
    )
    # Repeat 0: it is no weekly repeat of anything.
    insert_one(session, values | {"key": email.key, "kind": email.kind.value, "repeat": 0})
