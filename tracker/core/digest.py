"""The weekly progress digest: what Ban Tổ chức and the Standing Committee see, as of a moment.

Pure: built from the config, the expected reports, the reminder log and the daemon's heartbeat as
plain values, for any `as_of` (DESIGN §5: a report counts as received at T when its received date is on
or before T's date, a reminder as sent when it was sent at or before T). The renderings in
`tracker.digest` only lay this out; every number is decided here.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tracker.core.calendar import WorkCalendar
from tracker.core.deadlines import Deadline, deadline_of, end_of_day, offset_day
from tracker.core.health import DaemonHealth, Heartbeat, daemon_health
from tracker.core.model import OWNER_UNIT_CODE, Figure, Milestone, Plan, ReportState, Section, Unit
from tracker.core.office import Office
from tracker.core.reports import DeliveryState, ExpectedReport, ReminderRecord, Submission
from tracker.core.status import report_status

ARRIVALS_DAYS = 7  # "what arrived this week": received dates in (T's date - 7 days, T's date]
NAMES_IN_PROPOSALS = 10  # beyond this many units the proposals line says "and N others"
PROPOSED_EXTRA_WORKING_DAYS = 4  # the proposals line asks for the missing reports within the week

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
class MilestoneDigest:
    milestone: Milestone
    deadline: Deadline
    today: date  # the digest's date in the plan's zone
    expected: int  # every expected report, exempt ones included
    received_on_time: int
    received_late: int
    exempt: int
    reports: tuple[UnitReport, ...]  # every expected report, in the order given (the store: unit code)
    outstanding: tuple[UnitReport, ...]  # worst first: days overdue descending, then name
    arrivals: tuple[UnitReport, ...]  # received in the last ARRIVALS_DAYS days, oldest first
    incomplete: tuple[UnitReport, ...]  # received, but missing required sections or figures
    figures: tuple[FigureTotal, ...]  # every figure of the plan
    progress: tuple[ProgressPoint, ...]  # one point a day, from the first notice or arrival to `today`
    progress_end: date  # the chart's last day: `today` or the deadline, whichever is later

    @property
    def received(self) -> int:
        return self.received_on_time + self.received_late

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.outstanding if r.state is ReportState.OVERDUE)

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
class PlanDigest:
    plan: Plan
    milestones: tuple[MilestoneDigest, ...]


@dataclass(frozen=True)
class Digest:
    as_of: datetime
    zone: ZoneInfo
    plans: tuple[PlanDigest, ...]
    activity: ReminderActivity
    health: DaemonHealth | None  # None when no daemon ever recorded a sweep
    proposals: str  # "Đề xuất: …" without the label; the clerk may rewrite it in the printable

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
    activity. A daemon is stale when its last sweep is older than `stale_after` (default: three sweep
    intervals, at least an hour). `reminders` is read once, in one pass: the shell may stream it. Each
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
        if (plan.closes and plan.closes < today) or (plan.issued and plan.issued > today):
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
        proposals=_proposals(office, plans, health, today),
    )


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
                key=lambda row: (-(row.days_overdue or 0), vietnamese_sort_key(row.unit.name)),
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
    if submission is not None and status.state is ReportState.RECEIVED_LATE:
        days_late = (submission.received_on - deadline.effective).days
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


def vietnamese_sort_key(text: str) -> tuple[str, str]:
    """Sorts Vietnamese names the way a reader expects: `Đông Hà` next to `Đakrông`, after `Cồn Cỏ`.

    Letters first without their marks (đ after d), then the marks break ties.
    """
    folded = unicodedata.normalize("NFD", text.casefold().replace("đ", "d\uffff"))
    base = "".join(c for c in folded if not unicodedata.combining(c))
    return (base, folded)


def _names(reports: Sequence[UnitReport]) -> str:
    names = [r.unit.name for r in reports[:NAMES_IN_PROPOSALS]]
    if len(reports) > NAMES_IN_PROPOSALS:
        names.append(f"và {len(reports) - NAMES_IN_PROPOSALS} đơn vị khác")
    return ", ".join(names)


def _unique(reports: Iterable[UnitReport]) -> list[UnitReport]:
    """Each unit once, where it first appears (a unit may be late for several milestones)."""
    first: dict[str, UnitReport] = {}
    for report in reports:
        first.setdefault(report.unit.code, report)
    return list(first.values())


def _proposals(
    office: Office,
    plans: Sequence[PlanDigest],
    health: DaemonHealth | None,
    today: date,
) -> str:
    """The default proposals line, from the numbers; the clerk may rewrite it before printing."""
    organization = office.organization
    owner = organization.owner.name
    milestones = [m for p in plans for m in p.milestones]
    units = [r for m in milestones for r in m.reports if r.unit.code != OWNER_UNIT_CODE]
    overdue = _unique(
        r for m in milestones for r in m.outstanding if r.days_overdue and r.unit.code != OWNER_UNIT_CODE
    )
    pending = _unique(r for r in units if r.state is ReportState.PENDING)
    incomplete = _unique(r for r in units if r.incomplete)
    unreachable = _unique(r for r in units if r.outstanding and r.delivery_problem)
    by = office.calendar.add_working_days(today, PROPOSED_EXTRA_WORKING_DAYS)
    sentences = []
    if overdue:
        sentences.append(
            f"Đề nghị {organization.standing.name} chỉ đạo {len(overdue)} đơn vị quá hạn chưa gửi báo cáo "
            f"({_names(overdue)}) khẩn trương hoàn thành, gửi về {organization.name} (qua {owner}) "
            f"chậm nhất ngày {by:%d/%m/%Y}."
        )
    if pending:
        sentences.append(
            f"{owner} tiếp tục theo dõi, đôn đốc {len(pending)} đơn vị chưa gửi báo cáo (chưa đến hạn)."
        )
    if incomplete:
        sentences.append(
            f"Đề nghị các đơn vị {_names(incomplete)} bổ sung nội dung, số liệu còn thiếu trong báo cáo."
        )
    if unreachable:
        sentences.append(
            f"Đề nghị {_names(unreachable)} cập nhật địa chỉ thư điện tử nhận thông báo "
            "(thư nhắc bị từ chối)."
        )
    for m in milestones:
        for report in m.outstanding:
            if report.unit.code == OWNER_UNIT_CODE:
                sentences.append(
                    f"{owner} hoàn thành “{m.milestone.title}” đúng hạn "
                    f"(hết ngày {m.deadline.effective:%d/%m/%Y})."
                    if report.days_overdue is None
                    else f"{owner} khẩn trương hoàn thành “{m.milestone.title}” "
                    f"(đã quá hạn {report.days_overdue} ngày)."
                )
    if health is not None and health.stale:
        sentences.append("Đề nghị kiểm tra ngay hệ thống nhắc nhở tự động (đã ngừng hoạt động).")
    if not sentences:
        sentences.append(
            f"Các đơn vị đã gửi đủ báo cáo; {owner} tổng hợp số liệu, xây dựng báo cáo chung theo kế hoạch."
        )
    return " ".join(sentences)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _number(value: float | None) -> float | int | None:
    """Whole numbers as JSON integers (12, not 12.0)."""
    return int(value) if value is not None and float(value).is_integer() else value


def digest_to_json(digest: Digest) -> dict[str, Any]:
    """The stable JSON shape of `tracker digest --format json` (issue 4), with extra fields.

    `due` and `written_due` are the end of the effective and the written last day in the plan's zone;
    `received` is on time plus late; `outstanding` lists the reports neither received nor exempt,
    worst first; `figures` has every figure key of the plan, null where no received report gave it.
    """
    return {
        "as_of": digest.as_of.isoformat(),
        "plans": [
            {
                "code": p.plan.code,
                "title": p.plan.title,
                "reference": p.plan.reference,
                "milestones": [_milestone_json(m) for m in p.milestones],
            }
            for p in digest.plans
        ],
        "activity": {
            "since": digest.activity.since.isoformat(),
            "sent": digest.activity.sent,
            "failed": digest.activity.failed,
            "partly_failed": digest.activity.partly_failed,
            "pending": digest.activity.pending,
        },
        "daemon": (
            {
                "last_sweep_at": _iso(digest.health.last_sweep_at),
                "next_sweep_at": _iso(digest.health.next_sweep_at),
                "stale": digest.health.stale,
            }
            if digest.health
            else None
        ),
        "proposals": digest.proposals,
    }


def _milestone_json(m: MilestoneDigest) -> dict[str, Any]:
    return {
        "code": m.milestone.code,
        "title": m.milestone.title,
        "due": m.deadline.due_at.isoformat(),
        "written_due": end_of_day(m.deadline.written, m.deadline.zone).isoformat(),
        "shifted": m.deadline.shifted,
        "days_left": m.days_left,
        "days_past": m.days_past,
        "expected": m.expected,
        "received": m.received,
        "received_on_time": m.received_on_time,
        "received_late": m.received_late,
        "exempt": m.exempt,
        "outstanding_count": len(m.outstanding),
        "outstanding": [
            {
                "unit": r.unit.code,
                "unit_name": r.unit.name,
                "state": r.state.value,
                "days_overdue": r.days_overdue,
                "last_step": r.last_step.key if r.last_step else None,
                "last_step_repeat": r.last_step.repeat if r.last_step else None,
                "last_step_at": _iso(r.last_step.sent_at if r.last_step else None),
                "failed_recipients": list(r.failed_recipients),
                "delivery_failed": r.delivery_failed,
            }
            for r in m.outstanding
        ],
        "arrivals": [
            {
                "unit": r.unit.code,
                "received_on": r.submission.received_on.isoformat(),
                "doc_number": r.submission.doc_number,
            }
            for r in m.arrivals
            if r.submission
        ],
        "incomplete": [
            {
                "unit": r.unit.code,
                "missing_sections": [s.key for s in r.missing_sections],
                "missing_figures": [f.key for f in r.missing_figures],
            }
            for r in m.incomplete
        ],
        "figures": {f.figure.key: _number(f.total) for f in m.figures},
        "figure_reporters": {f.figure.key: f.reporters for f in m.figures},
        "progress": [
            {"date": p.day.isoformat(), "received": p.received, "cumulative": p.cumulative}
            for p in m.progress
        ],
    }
