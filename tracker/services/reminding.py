"""One sweep's decisions: which reminders are due at T, queued once each in the outbox.

Gather (the reports whose `next_reminder_at` has come, and what the outbox already holds for them),
decide (tracker.core.planner.decide), apply (queue the email, record superseded steps, store the next
look). Only reports whose time has come are read, so a sweep grows with what is due, not with the
number of units. The outbox's unique key makes a second sweep at the same T, or a second daemon,
decide nothing new.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr
from functools import cached_property
from zoneinfo import ZoneInfo

from jinja2 import Environment
from sqlalchemy import Select, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, defer, joinedload

from tracker.core.ladder import LadderSchedule, ScheduledStep, ladder_schedule
from tracker.core.model import Milestone, Plan
from tracker.core.office import Office
from tracker.core.planner import decide, recipients, upcoming
from tracker.core.reports import DeliveryState, ExpectedReport
from tracker.mail.message import message_id_for, wire_bytes
from tracker.mail.render import build_reminder_message
from tracker.store.repository import report_from_row
from tracker.store.tables import ExpectedReportRow, MilestoneRow, OutboxRow, PlanRow, UnitRow

BATCH = 500  # reports read and decided per round trip (SQLite allows ~32k bound parameters)


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


def _key(row: ExpectedReportRow, report: ExpectedReport, scheduled: ScheduledStep) -> str:
    """The outbox key: one email per (plan, milestone, unit, step, repeat, deadline version)."""
    return (
        f"reminder:{report.plan_code}/{report.milestone_code}/{report.unit.code}/"
        f"{scheduled.step.key}/{scheduled.repeat}/v{row.milestone.deadline_version}"
    )


@dataclass
class _Milestones:
    """Per-milestone facts computed once per sweep and shared by all its units."""

    office: Office
    _cache: dict[int, tuple[Plan, Milestone, LadderSchedule]]

    def get(self, row: MilestoneRow) -> tuple[Plan, Milestone, LadderSchedule]:
        if row.id not in self._cache:
            plan = next(p for p in self.office.config.plans if p.code == row.plan.code)
            milestone = plan.milestone(row.code)
            assert milestone is not None, "loaded milestones are in their plan"
            schedule = ladder_schedule(
                plan.ladder,
                self.office.deadline(plan, milestone),
                self.office.calendar,
                self.office.window,
                closes=plan.closes,
            )
            self._cache[row.id] = (plan, milestone, schedule)
        return self._cache[row.id]


def _due_reports(now: datetime, after_id: int) -> Select[ExpectedReportRow]:
    return (
        select(ExpectedReportRow)
        .where(ExpectedReportRow.next_reminder_at <= now, ExpectedReportRow.id > after_id)
        .options(
            joinedload(ExpectedReportRow.unit),
            # The plan's code only: its stored config would be decoded again for every report.
            joinedload(ExpectedReportRow.milestone).joinedload(MilestoneRow.plan).load_only(PlanRow.code),
        )
        .order_by(ExpectedReportRow.id)
        .limit(BATCH)
    )


def _logged(session: Session, rows: Sequence[ExpectedReportRow]) -> dict[int, list[OutboxRow]]:
    """The outbox rows of these reports for their current deadline version, oldest first."""
    version = {row.id: row.milestone.deadline_version for row in rows}
    found: dict[int, list[OutboxRow]] = defaultdict(list)
    for outbox in session.scalars(
        select(OutboxRow)
        .where(OutboxRow.expected_report_id.in_(list(version)))
        .options(defer(OutboxRow.message))  # the emails themselves are not needed to decide
        .order_by(OutboxRow.id)
    ):
        assert outbox.expected_report_id is not None
        if outbox.deadline_version == version[outbox.expected_report_id]:
            found[outbox.expected_report_id].append(outbox)
    return found


def _insert_ignoring_duplicates(session: Session, values: list[dict[str, object]]) -> None:
    """Insert outbox rows; one whose key another sweep has just written is left as that sweep made it."""
    if not values:
        return
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    # One statement run for every row (executemany): a multi-row VALUES would be compiled anew for
    # each batch, with thousands of bound parameters.
    session.execute(insert(OutboxRow).on_conflict_do_nothing(index_elements=["key"]), values)


@dataclass
class Reminding:
    """The inputs of a sweep's decisions that do not change during it."""

    office: Office
    templates: Environment
    mail_from: str

    def queue_due(self, session: Session, now: datetime, *, dry_run: bool = False) -> list[ReminderLine]:
        """Decide every reminder due at `now` and queue it (or, dry, only say it); in the caller's
        transaction."""
        milestones = _Milestones(self.office, {})
        lines: list[ReminderLine] = []
        last_id = 0
        while rows := session.scalars(_due_reports(now, last_id)).unique().all():
            last_id = rows[-1].id
            logged = _logged(session, rows)
            values: list[dict[str, object]] = []
            for row in rows:
                lines += self._decide_one(row, milestones, logged.get(row.id, []), now, values, dry_run)
            if not dry_run:
                _insert_ignoring_duplicates(session, values)
        return lines

    def _decide_one(
        self,
        row: ExpectedReportRow,
        milestones: _Milestones,
        logged: list[OutboxRow],
        now: datetime,
        values: list[dict[str, object]],
        dry_run: bool,
    ) -> list[ReminderLine]:
        plan, milestone, schedule = milestones.get(row.milestone)
        report = report_from_row(row, plan.code, milestone.code)
        decision = decide(report, schedule, frozenset((o.step_key, o.repeat) for o in logged), now)
        if not dry_run:
            row.next_reminder_at = decision.next_at
        lines = []
        for scheduled in decision.superseded:
            lines.append(self._line(row, report, scheduled, (), (), "", DeliveryState.SUPERSEDED))
            values.append(self._outbox(row, report, scheduled, DeliveryState.SUPERSEDED, now))
        if decision.send is not None:
            scheduled = decision.send
            who = recipients(scheduled.step, report.unit, self.office.config.organization)
            state = "due" if dry_run else DeliveryState.PENDING
            message_id = self._message_id(row, report, scheduled)
            lines.append(self._line(row, report, scheduled, who.to, who.cc, message_id, state))
            if not dry_run:
                message = build_reminder_message(
                    organization=self.office.config.organization,
                    plan=plan,
                    milestone=milestone,
                    deadline=schedule.deadline,
                    unit=report.unit,
                    step=scheduled.step,
                    repeat=scheduled.repeat,
                    to=who.to,
                    cc=who.cc,
                    mail_from=self.mail_from,
                    message_id=message_id,
                    thread=tuple(o.message_id for o in logged if o.state == DeliveryState.SENT),
                    as_of=now,
                    env=self.templates,
                )
                values.append(
                    self._outbox(row, report, scheduled, DeliveryState.PENDING, now)
                    | {
                        "message_id": message_id,
                        "subject": str(message["Subject"]),
                        "message": wire_bytes(message),
                        "to_addrs": list(who.to),
                        "cc_addrs": list(who.cc),
                        "remaining": [*who.to, *who.cc],
                        "next_attempt_at": now,
                    }
                )
        return lines

    @cached_property
    def _domain(self) -> str:
        """The Message-IDs' domain: the sender's."""
        return parseaddr(self.mail_from)[1].rpartition("@")[2] or "tracker.invalid"

    def _message_id(self, row: ExpectedReportRow, report: ExpectedReport, scheduled: ScheduledStep) -> str:
        return message_id_for(
            report.plan_code,
            report.milestone_code,
            report.unit.code,
            scheduled.step.key,
            scheduled.repeat,
            row.milestone.deadline_version,
            self._domain,
        )

    @staticmethod
    def _outbox(
        row: ExpectedReportRow,
        report: ExpectedReport,
        scheduled: ScheduledStep,
        state: DeliveryState,
        now: datetime,
    ) -> dict[str, object]:
        return {
            "key": _key(row, report, scheduled),
            "kind": "reminder",
            "expected_report_id": row.id,
            "plan_code": report.plan_code,
            "milestone_code": report.milestone_code,
            "unit_code": report.unit.code,
            "step_key": scheduled.step.key,
            "repeat": scheduled.repeat,
            "deadline_version": row.milestone.deadline_version,
            "state": state.value,
            "due_at": scheduled.at,
            "created_at": now,
            # Every row names the same columns: the batch goes as one executemany.
            "message_id": "",
            "subject": "",
            "message": b"",
            "to_addrs": [],
            "cc_addrs": [],
            "remaining": [],
            "refused": {},
            "attempts": 0,
            "next_attempt_at": None,
            "lease_owner": "",
            "last_reply": "",
        }

    @staticmethod
    def _line(
        row: ExpectedReportRow,
        report: ExpectedReport,
        scheduled: ScheduledStep,
        to: tuple[str, ...],
        cc: tuple[str, ...],
        message_id: str,
        state: str,
    ) -> ReminderLine:
        return ReminderLine(
            plan=report.plan_code,
            milestone=report.milestone_code,
            unit=report.unit.code,
            step=scheduled.step.key,
            repeat=scheduled.repeat,
            to=to,
            cc=cc,
            message_id=message_id,
            state=str(state),
            at=scheduled.at,
            key=_key(row, report, scheduled),
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
    """The reminders still to come after `after` for every outstanding report (repeats bounded)."""
    query = (
        select(ExpectedReportRow)
        .join(ExpectedReportRow.milestone)
        .join(MilestoneRow.plan)
        .options(
            joinedload(ExpectedReportRow.unit),
            joinedload(ExpectedReportRow.milestone).joinedload(MilestoneRow.plan),
        )
        .order_by(ExpectedReportRow.id)
    )
    if plan_code:
        query = query.where(PlanRow.code == plan_code)
    if unit_code:
        query = query.join(ExpectedReportRow.unit).where(UnitRow.code == unit_code)
    rows = list(session.scalars(query).unique())
    milestones = _Milestones(office, {})
    lines = []
    for chunk in _chunks(rows, BATCH):
        logged = _logged(session, chunk)
        for row in chunk:
            plan, milestone, schedule = milestones.get(row.milestone)
            report = report_from_row(row, plan.code, milestone.code)
            keys = frozenset((o.step_key, o.repeat) for o in logged.get(row.id, []))
            for scheduled in upcoming(report, schedule, keys, after):
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


def _chunks(items: Sequence[ExpectedReportRow], size: int) -> Iterable[Sequence[ExpectedReportRow]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
