"""The weekly progress digest: what Ban Tổ chức and the Standing Committee see, as of a moment.

Pure: built from the config, the expected reports, the reminder log and the daemon's heartbeat as
plain values, for any `as_of` (DESIGN §5: a report counts as received at T when its received date is on
or before T's date, a reminder as sent when it was sent at or before T). The renderings in
`tracker.digest` only lay this out; every number is decided here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tracker.core import vietnamese
from tracker.core.calendar import WorkCalendar
from tracker.core.deadlines import Deadline, deadline_of, offset_day
from tracker.core.health import DaemonHealth, Heartbeat, daemon_health
from tracker.core.model import (
    OWNER_UNIT_CODE,
    Figure,
    Milestone,
    Organization,
    Plan,
    ReportState,
    Section,
    Unit,
)
from tracker.core.office import Office
from tracker.core.reports import DeliveryState, ExpectedReport, ReminderRecord, Submission
from tracker.core.status import report_status

ARRIVALS_DAYS = 7  # "what arrived this week": received dates in (T's date - 7 days, T's date]

_RECEIVED = (ReportState.RECEIVED, ReportState.RECEIVED_LATE)
_PENDING_DELIVERY = (DeliveryState.PENDING, DeliveryState.SENDING, DeliveryState.SENT)


@dataclass(frozen=True)
class ReminderActivity:
    """What the reminder log shows between `since` (excluded) and `until` (included)."""

    since: datetime
    until: datetime
    sent: int  # emails that left, some of them perhaps refused by a recipient
    failed: int  # every recipient refused
    partly_failed: int  # sent, but at least one recipient refused
    pending: int  # due at `until` and not sent yet: queued or waiting for a retry


@dataclass(frozen=True)
class SentStep:
    """The last ladder step actually sent to a unit for a milestone (a repeat counts as its step)."""

    key: str
    repeat: int
    sent_at: datetime
    template: str | None  # of the step in the plan's ladder, for its label


@dataclass(frozen=True)
class UnitReport:
    """One expected report as of the digest's moment."""

    unit: Unit
    state: ReportState
    days_overdue: int | None  # outstanding and past the deadline, as in `tracker status`
    days_late: int | None  # received late: days after the deadline; overdue: days_overdue
    submission: Submission | None  # only when received as of the digest's moment
    last_step: SentStep | None
    failed_recipients: tuple[str, ...]  # addresses the mail server refused for this report's reminders
    delivery_failed: bool  # a reminder reached none of its recipients
    missing_sections: tuple[Section, ...]  # received reports only
    missing_figures: tuple[Figure, ...]  # received reports only
    extended_until: date | None = None  # the unit's own last day, when granted more time

    @property
    def outstanding(self) -> bool:
        return self.state in (ReportState.PENDING, ReportState.OVERDUE)

    @property
    def delivery_problem(self) -> bool:
        return self.delivery_failed or bool(self.failed_recipients)

    @property
    def incomplete(self) -> bool:
        return bool(self.missing_sections or self.missing_figures)


@dataclass(frozen=True)
class FigureTotal:
    figure: Figure
    total: float | None  # None when no received report gave it
    reporters: int  # how many received reports gave it


@dataclass(frozen=True)
class ProgressPoint:
    day: date
    received: int  # reports received that day
    cumulative: int


@dataclass(frozen=True)
class MilestoneTally:
    """A milestone's numbers at a moment: what the board shows and the digest starts from."""

    milestone: Milestone
    deadline: Deadline
    today: date  # the moment's date in the plan's zone
    expected: int  # every expected report, exempt ones included
    received_on_time: int
    received_late: int
    exempt: int

    @property
    def received(self) -> int:
        return self.received_on_time + self.received_late

    @property
    def outstanding_count(self) -> int:
        return self.expected - self.received - self.exempt

    @property
    def days_left(self) -> int | None:
        """Days from today to the effective last day (0 on the last day); None once it has passed."""
        left = (self.deadline.effective - self.today).days
        return left if left >= 0 else None

    @property
    def days_past(self) -> int | None:
        """Days since the effective last day (the day after counts 1); None until then."""
        return self.deadline.days_overdue(self.today)

    def percent(self, count: int) -> float | None:
        """`count` as a percentage of the expected reports; None when nothing is expected."""
        return 100 * count / self.expected if self.expected else None


@dataclass(frozen=True)
class MilestoneDigest(MilestoneTally):
    """The tally with every report behind it: who is outstanding, what arrived, the figures."""

    reports: tuple[UnitReport, ...]  # every expected report, in the order given (the store: unit code)
    outstanding: tuple[UnitReport, ...]  # worst first: days overdue descending, then name
    arrivals: tuple[UnitReport, ...]  # received in the last ARRIVALS_DAYS days, oldest first
    incomplete: tuple[UnitReport, ...]  # received, but missing required sections or figures
    figures: tuple[FigureTotal, ...]  # every figure of the plan
    progress: tuple[ProgressPoint, ...]  # one point a day, from the first notice or arrival to `today`
    progress_end: date  # the chart's last day: `today` or the deadline, whichever is later

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.outstanding if r.state is ReportState.OVERDUE)


@dataclass(frozen=True)
class PlanDigest:
    plan: Plan
    milestones: tuple[MilestoneDigest, ...]


@dataclass(frozen=True)
class Proposals:
    """What the digest proposes, decided from its numbers; each list names every unit once."""

    overdue: tuple[UnitReport, ...]  # units past a deadline without their report
    pending: tuple[UnitReport, ...]  # units whose report is not due yet
    incomplete: tuple[UnitReport, ...]  # received, but missing sections or figures
    unreachable: tuple[UnitReport, ...]  # outstanding, and the mail server refused a reminder
    owner_outstanding: tuple[tuple[MilestoneDigest, UnitReport], ...]  # the owner's own reports due
    daemon_stale: bool


@dataclass(frozen=True)
class Digest:
    as_of: datetime
    zone: ZoneInfo
    plans: tuple[PlanDigest, ...]
    activity: ReminderActivity
    health: DaemonHealth | None  # None when no daemon ever recorded a sweep
    organization: Organization
    proposals: Proposals  # what the default proposals line asks for (`wording.proposals_text` says it)

    @property
    def today(self) -> date:
        return self.as_of.astimezone(self.zone).date()

    @property
    def milestones(self) -> tuple[MilestoneDigest, ...]:
        return tuple(m for p in self.plans for m in p.milestones)


def build_digest(
    office: Office,
    reports: Sequence[ExpectedReport],
    reminders: Iterable[ReminderRecord],
    as_of: datetime,
    *,
    heartbeat: Heartbeat | None = None,
    since: datetime | None = None,
    stale_after: timedelta | None = None,
) -> Digest:
    """The digest of every open plan at `as_of` (aware).

    A plan is left out when it closed before `as_of`'s date or was issued after it; a milestone when
    nobody is expected to deliver it. `since` (default: a week before `as_of`) bounds the reminder
    activity. A daemon is stale when its last sweep is older than `stale_after` (default: two sweep
    intervals; an hour when unknown). `reminders` is read once, in one pass: the shell may stream it. Each
    milestone lists its reports in the order given.
    """
    zone, calendar = office.zone, office.calendar
    today = as_of.astimezone(zone).date()
    expected: dict[tuple[str, str], list[ExpectedReport]] = defaultdict(list)
    for report in reports:
        expected[(report.plan_code, report.milestone_code)].append(report)
    sent, activity = _read_reminder_log(reminders, since or as_of - timedelta(days=ARRIVALS_DAYS), as_of)

    plans = []
    for plan in office.plans.values():
        if not plan_is_open(plan, today):
            continue
        milestones = tuple(
            _milestone_digest(
                plan,
                milestone,
                expected[(plan.code, milestone.code)],
                sent,
                calendar,
                zone,
                as_of,
            )
            for milestone in plan.milestones
            if expected[(plan.code, milestone.code)]
        )
        if milestones:
            plans.append(PlanDigest(plan, milestones))

    health = daemon_health(heartbeat, as_of, stale_after) if heartbeat else None
    return Digest(
        as_of=as_of,
        zone=zone,
        plans=tuple(plans),
        activity=activity,
        health=health,
        organization=office.organization,
        proposals=_proposals(office, plans, health, today),
    )


def plan_is_open(plan: Plan, today: date) -> bool:
    """A plan is shown from the day it was issued to its closing day (the digest and the board)."""
    return not ((plan.closes and plan.closes < today) or (plan.issued and plan.issued > today))


@dataclass(frozen=True)
class _Delivery:
    last: ReminderRecord | None
    failed_recipients: tuple[str, ...]
    failed: bool


def _read_reminder_log(
    reminders: Iterable[ReminderRecord], since: datetime, as_of: datetime
) -> tuple[dict[tuple[str, str, str], _Delivery], ReminderActivity]:
    """Per (plan, milestone, unit): the last reminder sent at or before `as_of`, and its refusals; and
    the activity between `since` (excluded) and `as_of` (included).

    One pass that keeps one record per report, so that a streamed log is never held whole: the memory
    grows with the reports, not with their reminder history.
    """
    last: dict[tuple[str, str, str], ReminderRecord] = {}
    refused: dict[tuple[str, str, str], dict[str, None]] = defaultdict(dict)
    failed: set[tuple[str, str, str]] = set()
    activity = _ActivityCount(since, as_of)
    for record in reminders:
        activity.add(record)
        key = (record.plan_code, record.milestone_code, record.unit_code)
        if record.sent_at is not None and record.sent_at <= as_of:
            if key not in last or _sent_order(record) > _sent_order(last[key]):
                last[key] = record
            refused[key].update(dict.fromkeys(record.failed_recipients))
        elif record.state is DeliveryState.FAILED and record.due_at <= as_of:
            failed.add(key)
            refused[key].update(dict.fromkeys(record.failed_recipients))
    deliveries = {
        key: _Delivery(last.get(key), tuple(refused[key]), key in failed)
        for key in last.keys() | refused.keys() | failed
    }
    return deliveries, activity.result()


def _sent_order(record: ReminderRecord) -> tuple[datetime, int]:
    assert record.sent_at is not None
    return (record.sent_at, record.repeat)


def _milestone_digest(
    plan: Plan,
    milestone: Milestone,
    expected: list[ExpectedReport],
    sent: dict[tuple[str, str, str], _Delivery],
    calendar: WorkCalendar,
    zone: ZoneInfo,
    as_of: datetime,
) -> MilestoneDigest:
    deadline = deadline_of(milestone, plan.deadline_shift, calendar, zone)
    today = as_of.astimezone(zone).date()
    templates = {step.key: step.template for step in plan.ladder.steps}
    rows = tuple(
        _unit_report(
            plan, report, deadline, sent.get((plan.code, milestone.code, report.unit.code)), templates, as_of
        )
        for report in expected
    )
    states = Counter(row.state for row in rows)
    received = [row for row in rows if row.submission is not None]
    week_start = today - timedelta(days=ARRIVALS_DAYS)
    # The ladder's earliest step (the notice) is when the units learnt of the deadline.
    notice = min(
        (offset_day(deadline.effective, s.offset, calendar) for s in plan.ladder.steps), default=None
    )
    return MilestoneDigest(
        milestone=milestone,
        deadline=deadline,
        today=today,
        expected=len(rows),
        received_on_time=states[ReportState.RECEIVED],
        received_late=states[ReportState.RECEIVED_LATE],
        exempt=states[ReportState.EXEMPT],
        reports=rows,
        outstanding=tuple(
            sorted(
                (row for row in rows if row.outstanding),
                key=lambda row: (-(row.days_overdue or 0), vietnamese.sort_key(row.unit.name)),
            )
        ),
        arrivals=tuple(
            sorted(
                (row for row in received if row.submission and row.submission.received_on > week_start),
                key=lambda row: row.submission.received_on if row.submission else today,
            )
        ),
        incomplete=tuple(row for row in received if row.incomplete),
        figures=tuple(_figure_total(figure, received) for figure in plan.figures),
        progress=_progress(received, notice, today),
        progress_end=max(today, deadline.effective),
    )


def _unit_report(
    plan: Plan,
    report: ExpectedReport,
    deadline: Deadline,
    delivery: _Delivery | None,
    templates: dict[str, str],
    as_of: datetime,
) -> UnitReport:
    status = report_status(report.facts, deadline, as_of)
    submission = report.submission if status.state in _RECEIVED else None
    last = delivery.last if delivery else None
    days_late = status.days_overdue
    last_day = report.facts.last_day(deadline.effective)
    if submission is not None and status.state is ReportState.RECEIVED_LATE:
        days_late = (submission.received_on - last_day).days
    return UnitReport(
        unit=report.unit,
        state=status.state,
        days_overdue=status.days_overdue,
        days_late=days_late,
        submission=submission,
        last_step=(
            SentStep(last.step_key, last.repeat, last.sent_at, templates.get(last.step_key))
            if last and last.sent_at
            else None
        ),
        failed_recipients=delivery.failed_recipients if delivery else (),
        delivery_failed=delivery.failed if delivery else False,
        missing_sections=tuple(s for s in plan.sections if submission and s.key not in submission.sections),
        missing_figures=tuple(f for f in plan.figures if submission and f.key not in submission.figures),
        extended_until=last_day if last_day != deadline.effective else None,
    )


def _figure_total(figure: Figure, received: Sequence[UnitReport]) -> FigureTotal:
    values = [
        r.submission.figures[figure.key]
        for r in received
        if r.submission and figure.key in r.submission.figures
    ]
    return FigureTotal(figure, sum(values) if values else None, len(values))


def _progress(received: Sequence[UnitReport], notice: date | None, today: date) -> tuple[ProgressPoint, ...]:
    per_day = Counter(r.submission.received_on for r in received if r.submission)
    starts = [day for day in (notice, min(per_day, default=None)) if day is not None]
    day = min(starts, default=today)
    points = []
    cumulative = 0
    while day <= today:
        cumulative += per_day[day]
        points.append(ProgressPoint(day, per_day[day], cumulative))
        day += timedelta(days=1)
    return tuple(points)


@dataclass
class _ActivityCount:
    """The reminder activity between `since` (excluded) and `until` (included), counted record by record."""

    since: datetime
    until: datetime
    sent: int = 0
    failed: int = 0
    partly_failed: int = 0
    pending: int = 0

    def add(self, record: ReminderRecord) -> None:
        if record.sent_at is not None and self.since < record.sent_at <= self.until:
            self.sent += 1
            self.partly_failed += bool(record.failed_recipients)
        elif record.state is DeliveryState.FAILED and self.since < record.due_at <= self.until:
            self.failed += 1
        # As of `until`, a reminder sent later was still waiting then.
        if (
            record.state in _PENDING_DELIVERY
            and record.due_at <= self.until
            and (record.sent_at is None or record.sent_at > self.until)
        ):
            self.pending += 1

    def result(self) -> ReminderActivity:
        return ReminderActivity(
            self.since, self.until, self.sent, self.failed, self.partly_failed, self.pending
        )


def _unique(reports: Iterable[UnitReport]) -> tuple[UnitReport, ...]:
    """Each unit once, where it first appears (a unit may be late for several milestones)."""
    first: dict[str, UnitReport] = {}
    for report in reports:
        first.setdefault(report.unit.code, report)
    return tuple(first.values())


def _proposals(
    office: Office, plans: Sequence[PlanDigest], health: DaemonHealth | None, today: date
) -> Proposals:
    """What the default proposals line asks for, from the numbers."""
    milestones = [m for p in plans for m in p.milestones]
    units = [r for m in milestones for r in m.reports if r.unit.code != OWNER_UNIT_CODE]
    return Proposals(
        overdue=_unique(
            r for m in milestones for r in m.outstanding if r.days_overdue and r.unit.code != OWNER_UNIT_CODE
        ),
        pending=_unique(r for r in units if r.state is ReportState.PENDING),
        incomplete=_unique(r for r in units if r.incomplete),
        unreachable=_unique(r for r in units if r.outstanding and r.delivery_problem),
        owner_outstanding=tuple(
            (m, r) for m in milestones for r in m.outstanding if r.unit.code == OWNER_UNIT_CODE
        ),
        daemon_stale=health is not None and health.stale,
    )
