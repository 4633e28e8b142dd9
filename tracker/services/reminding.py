"""One sweep's decisions: which reminders are due at T, queued once each in the outbox.

Gather (the reports whose `next_reminder_at` has come, and what the outbox already holds for them),
decide (tracker.core.planner.decide), apply (queue the email, record superseded steps, store the next
look). Only reports whose time has come are read, so a sweep grows with what is due, not with the
number of units. The outbox's unique key makes a second sweep at the same T, or a second daemon,
decide nothing new.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import parseaddr
from functools import cached_property
from typing import Any, cast
from zoneinfo import ZoneInfo

from jinja2 import Environment
from sqlalchemy import Engine, Select, Table, bindparam, update
from sqlalchemy.orm import Session

from tracker.core.ladder import LadderSchedule, ScheduledStep, ladder_schedule
from tracker.core.model import Milestone, Plan
from tracker.core.office import Office
from tracker.core.planner import decide, recipients, upcoming
from tracker.core.reports import DeliveryState, ExpectedReport
from tracker.mail.message import message_id_for, wire_bytes
from tracker.mail.render import build_reminder_message
from tracker.services.links import UnitLinks
from tracker.services.replies import ReplyAddresses
from tracker.store.db import reading_sessions, session_factory
from tracker.store.outbox import Email, LoggedReminder, ReminderKey, insert_new, logged_reminders, new_row
from tracker.store.repository import ReportToRemind, report_to_remind_rows, reports_to_remind
from tracker.store.tables import ExpectedReportRow, OutboxRow, PlanRow, UnitRow

log = logging.getLogger(__name__)

BATCH = 500  # reports read per round trip (SQLite allows ~32k bound parameters)
# Reports decided, rendered and written per transaction: bounded so that on SQLite a clerk's write
# waits a fraction of a second for the sweep, not the minutes of a sweep of thousands.
CHUNK = 50


@dataclass(frozen=True)
class ReminderLine:
    """One reminder a sweep decided or tried: a row of `tracker remind --format json`."""

    plan: str
    milestone: str
    unit: str
    step: str
    repeat: int
    to: tuple[str, ...]
    cc: tuple[str, ...]
    message_id: str
    state: str  # DeliveryState value, or "due" in a dry run
    at: datetime  # when the ladder made it due
    key: str  # the outbox key


def line_from_outbox(row: OutboxRow, zone: ZoneInfo) -> ReminderLine:
    """The line of a stored reminder, its time in `zone` (the plan's) as when it was decided."""
    return ReminderLine(
        plan=row.plan_code,
        milestone=row.milestone_code,
        unit=row.unit_code,
        step=row.step_key,
        repeat=row.repeat,
        to=tuple(row.to_addrs),
        cc=tuple(row.cc_addrs),
        message_id=row.message_id,
        state=row.state,
        at=row.due_at.astimezone(zone),
        key=row.key,
    )


def _reminder_key(row: ReportToRemind, scheduled: ScheduledStep) -> ReminderKey:
    return ReminderKey(
        *row.codes,
        step=scheduled.step.key,
        repeat=scheduled.repeat,
        deadline_version=row.deadline_version,
        extension=row.report.extensions,
    )


@dataclass
class _MilestoneSchedules:
    """Each milestone's plan, milestone and ladder schedule, computed once per sweep and shared by
    all its units."""

    office: Office
    _cache: dict[int, tuple[Plan, Milestone, LadderSchedule]]

    def get(self, row: ReportToRemind) -> tuple[Plan, Milestone, LadderSchedule]:
        if row.milestone_id not in self._cache:
            plan = self.office.plans[row.report.plan_code]
            milestone = plan.milestone(row.report.milestone_code)
            assert milestone is not None, "loaded milestones are in their plan"
            schedule = ladder_schedule(
                plan.ladder,
                self.office.deadline(plan, milestone),
                self.office.calendar,
                self.office.window,
                closes=plan.closes,
            )
            self._cache[row.milestone_id] = (plan, milestone, schedule)
        return self._cache[row.milestone_id]


def _due_reports(now: datetime, after_id: int, limit: int) -> Select[*tuple[Any, ...]]:
    return (
        report_to_remind_rows()
        .where(ExpectedReportRow.next_reminder_at <= now, ExpectedReportRow.id > after_id)
        .limit(limit)
    )


def _logged(session: Session, rows: Sequence[ReportToRemind]) -> dict[int, list[LoggedReminder]]:
    """The reminders of these reports in their current round (deadline version and extension),
    oldest first."""
    return logged_reminders(session, {row.id: (row.deadline_version, row.report.extensions) for row in rows})


@dataclass(frozen=True)
class QueuedReminders:
    """What deciding the reminders due at a moment did."""

    lines: list[ReminderLine]  # every reminder decided (queued, superseded, or due in a dry run)
    failed: list[FailedReport]  # left as they were


@dataclass(frozen=True)
class FailedReport:
    """A report whose decision or rendering raised."""

    id: int
    key: str  # plan/milestone/unit


def put_off(session: Session, reports: Sequence[FailedReport], until: datetime) -> None:
    """The next sweeps leave these reports alone until `until`."""
    ids = [report.id for report in reports]
    session.execute(
        update(ExpectedReportRow).where(ExpectedReportRow.id.in_(ids)).values(next_reminder_at=until)
    )


@dataclass
class DueReminders:
    """Deciding the reminders due at a moment and queueing them, with what does not change during a
    sweep: the office, the email templates and the sender address."""

    office: Office
    templates: Environment
    mail_from: str
    links: UnitLinks | None = None  # without TRACKER_PUBLIC_URL: no personal link in the emails
    replies: ReplyAddresses | None = None  # without TRACKER_REPLY_TO: replies go to the owner

    def queue(self, engine: Engine, now: datetime, *, dry_run: bool = False) -> QueuedReminders:
        """Decide every reminder due at `now` and queue it (or, dry, only say it): read BATCH reports
        at a time without a lock, then CHUNK at a time decided and rendered outside any transaction
        and written in a short one. On SQLite a writer locks the database: a clerk's receive waits
        for one chunk's write, never for the sweep. A report whose decision or rendering raises is
        logged with its key and left as it was, the others decided: one bad report must not stop
        every unit's reminders."""
        schedules = _MilestoneSchedules(self.office, {})
        lines: list[ReminderLine] = []
        failed: list[FailedReport] = []
        last_id = 0
        sessions, reading = session_factory(engine), reading_sessions(engine)
        while True:
            with reading() as session:
                batch = reports_to_remind(session, _due_reports(now, last_id, BATCH))
                logged = _logged(session, batch) if batch else {}
            if not batch:
                return QueuedReminders(lines, failed)
            last_id = batch[-1].id
            for rows in _chunks(batch, CHUNK):
                chosen: list[tuple[ReportToRemind, _Decided]] = []
                links = self._links(sessions, rows, logged, schedules, now) if not dry_run else {}
                for row in rows:
                    try:
                        done = logged.get(row.id, [])
                        decided = self._decide_one(row, schedules, done, now, dry_run, links)
                    except Exception:
                        key = "/".join(row.codes)
                        log.exception("the reminder of %s could not be decided at %s", key, now.isoformat())
                        failed.append(FailedReport(row.id, key))
                        continue
                    lines += decided.lines
                    chosen.append((row, decided))
                if not dry_run:
                    with sessions() as session, session.begin():
                        _apply(session, chosen)

    def _links(
        self,
        sessions: Callable[[], Session],
        rows: Sequence[ReportToRemind],
        logged: dict[int, list[LoggedReminder]],
        schedules: _MilestoneSchedules,
        now: datetime,
    ) -> dict[int, str | None]:
        """The personal link of each report that gets an email now, issued (written) in one short
        transaction before the emails are rendered; {} without TRACKER_PUBLIC_URL."""
        if self.links is None:
            return {}
        links: dict[int, str | None] = {}
        with sessions() as session, session.begin():
            for row in rows:
                try:
                    _, _, schedule = schedules.get(row)
                    keys = frozenset((o.step_key, o.repeat) for o in logged.get(row.id, []))
                    if decide(row.report, schedule, keys, now).send is not None:
                        links[row.id] = self.links.issue(session, row.id, row.codes, now)
                except Exception:  # said, with its key, when the report is decided
                    continue
        return links

    def _decide_one(
        self,
        row: ReportToRemind,
        schedules: _MilestoneSchedules,
        logged: list[LoggedReminder],
        now: datetime,
        dry_run: bool,
        links: dict[int, str | None],
    ) -> _Decided:
        plan, milestone, schedule = schedules.get(row)
        report = row.report
        decision = decide(report, schedule, frozenset((o.step_key, o.repeat) for o in logged), now)
        decided = _Decided([], [], decision.next_at)
        for scheduled in decision.superseded:
            key = _reminder_key(row, scheduled)
            decided.lines.append(_line(key, scheduled, (), (), "", DeliveryState.SUPERSEDED))
            decided.rows.append(_outbox_row(row, key, scheduled, DeliveryState.SUPERSEDED, now, None))
        if decision.send is None:
            return decided
        scheduled = decision.send
        key = _reminder_key(row, scheduled)
        who = recipients(scheduled.step, report.unit, self.office.organization)
        message_id = self.message_id(key)
        decided.lines.append(
            _line(key, scheduled, who.to, who.cc, message_id, "due" if dry_run else DeliveryState.PENDING)
        )
        if dry_run:
            return decided
        thread = tuple(o.message_id for o in logged if o.state == DeliveryState.SENT)
        link = links.get(row.id)
        reply_to = self.reply_to(row.id, row.codes)
        message = self.message(
            plan, milestone, schedule, report, scheduled, key, thread, now, link, reply_to=reply_to
        )
        email = Email(message_id, str(message["Subject"]), wire_bytes(message), who.to, who.cc)
        decided.rows.append(_outbox_row(row, key, scheduled, DeliveryState.PENDING, now, email))
        return decided

    def message(
        self,
        plan: Plan,
        milestone: Milestone,
        schedule: LadderSchedule,
        report: ExpectedReport,
        scheduled: ScheduledStep,
        key: ReminderKey,
        thread: tuple[str, ...],
        now: datetime,
        link: str | None = None,
        note: str = "",
        *,
        reply_to: str | None = None,
    ) -> EmailMessage:
        """The email of `scheduled` for `report` as a sweep at `now` renders it, with the unit's
        `link` and the report's own `reply_to` address: what the sweep queues, and what a report's
        page previews for a step still to come."""
        who = recipients(scheduled.step, report.unit, self.office.organization)
        return build_reminder_message(
            organization=self.office.organization,
            plan=plan,
            milestone=milestone,
            deadline=schedule.of_report(report.facts).deadline,  # the unit's own, when granted more time
            unit=report.unit,
            step=scheduled.step,
            repeat=scheduled.repeat,
            to=who.to,
            cc=who.cc,
            mail_from=self.mail_from,
            message_id=self.message_id(key),
            thread=thread,
            as_of=now,
            env=self.templates,
            link=link,
            note=note,
            reply_to=[reply_to] if reply_to else None,
            # The calendar entry moves with the deadline, and with each extension granted.
            sequence=key.deadline_version - 1 + report.extensions,
        )

    def reply_to(self, report_id: int, codes: tuple[str, str, str]) -> str | None:
        """The report's own reply address (TRACKER_REPLY_TO), None without it: replies then go to
        the owner."""
        return self.replies.of(report_id, codes) if self.replies else None

    def message_id(self, key: ReminderKey) -> str:
        """The Message-ID of the reminder `key`, the same at every rendering (sweep, preview, retry)."""
        return message_id_for(
            key.plan,
            key.milestone,
            key.unit,
            key.step,
            key.repeat,
            key.deadline_version,
            self._domain,
            key.extension,
        )

    @cached_property
    def _domain(self) -> str:
        """The Message-IDs' domain: the sender's."""
        return parseaddr(self.mail_from)[1].rpartition("@")[2] or "tracker.invalid"


def _outbox_row(
    row: ReportToRemind,
    key: ReminderKey,
    scheduled: ScheduledStep,
    state: DeliveryState,
    now: datetime,
    email: Email | None,
) -> dict[str, Any]:
    return new_row(
        state=state, due_at=scheduled.at, now=now, email=email, reminder=key, expected_report_id=row.id
    )


def _apply(session: Session, chosen: Sequence[tuple[ReportToRemind, _Decided]]) -> None:
    """Queue the chunk's emails and store each report's next look, unless a clerk changed it since it
    was read (compare-and-set: a receipt or an undo in between keeps what it wrote; an email queued
    for a report received meanwhile is cancelled by the check right before sending)."""
    insert_new(session, [values for _, decided in chosen for values in decided.rows])
    table = cast(Table, ExpectedReportRow.__table__)
    looks = [
        {"b_id": row.id, "b_seen": row.seen, "b_next": decided.next_at} for row, decided in chosen
    ]
    if looks:
        session.connection().execute(
            update(table)
            .where(table.c.id == bindparam("b_id"), table.c.next_reminder_at == bindparam("b_seen"))
            .values(next_reminder_at=bindparam("b_next")),
            looks,
        )


@dataclass(frozen=True)
class _Decided:
    """One report's decision, applied only once all of it (rendering included) has succeeded."""

    lines: list[ReminderLine]
    rows: list[dict[str, Any]]  # outbox rows to insert
    next_at: datetime | None


def _line(
    key: ReminderKey,
    scheduled: ScheduledStep,
    to: tuple[str, ...],
    cc: tuple[str, ...],
    message_id: str,
    state: str,
) -> ReminderLine:
    return ReminderLine(
        plan=key.plan,
        milestone=key.milestone,
        unit=key.unit,
        step=key.step,
        repeat=key.repeat,
        to=to,
        cc=cc,
        message_id=message_id,
        state=str(state),
        at=scheduled.at,
        key=str(key),
    )


@dataclass(frozen=True)
class UpcomingLine:
    """One reminder still to come: a row of `tracker schedule`."""

    plan: str
    milestone: str
    unit: str
    unit_name: str
    step: str
    repeat: int
    template: str
    at: datetime


def upcoming_reminders(
    session: Session, office: Office, after: datetime, *, plan_code: str | None, unit_code: str | None
) -> list[UpcomingLine]:
    """The reminders still to come after `after` for every outstanding report: every one until its plan
    closes (two weekly repeats of a plan that never closes)."""
    query = report_to_remind_rows()
    if plan_code:
        query = query.where(PlanRow.code == plan_code)
    if unit_code:
        query = query.where(UnitRow.code == unit_code)
    rows = reports_to_remind(session, query)
    schedules = _MilestoneSchedules(office, {})
    lines = []
    for chunk in _chunks(rows, BATCH):
        logged = _logged(session, chunk)
        for row in chunk:
            plan, milestone, schedule = schedules.get(row)
            report = row.report
            keys = frozenset((o.step_key, o.repeat) for o in logged.get(row.id, []))
            for scheduled in upcoming(report, schedule, keys, after, limit_repeats=None):
                lines.append(
                    UpcomingLine(
                        plan=plan.code,
                        milestone=milestone.code,
                        unit=report.unit.code,
                        unit_name=report.unit.name,
                        step=scheduled.step.key,
                        repeat=scheduled.repeat,
                        template=scheduled.step.template,
                        at=scheduled.at,
                    )
                )
    return sorted(lines, key=lambda line: (line.at, line.plan, line.milestone, line.unit))


def _chunks(items: Sequence[ReportToRemind], size: int) -> Iterable[Sequence[ReportToRemind]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
