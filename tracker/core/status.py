"""The state of one expected report at a moment: derived from facts, never stored.

"As of T" is a view of the past as well as the present: a report counts as received at T when its
received date is on or before T's date, and as exempt when it was exempted at or before T.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

from tracker.core.deadlines import Deadline
from tracker.core.model import ReportState

if TYPE_CHECKING:  # reports.py and office.py import this module
    from tracker.core.office import Office
    from tracker.core.reports import ExpectedReport


class ReportFacts(NamedTuple):
    """What is recorded about one unit's report for one milestone (a named tuple: made for every
    report a status or a board lists)."""

    received_on: date | None = None
    exempted_at: datetime | None = None
    # The unit's own last day, when Ban Tổ chức granted it more time (tracker.core.extensions); it
    # counts only when later than the milestone's.
    extended_until: date | None = None

    def last_day(self, deadline_effective: date) -> date:
        """The last day that counts for this report: the milestone's, or the unit's extension."""
        if self.extended_until is not None and self.extended_until > deadline_effective:
            return self.extended_until
        return deadline_effective

    def exempt_at(self, as_of: datetime) -> bool:
        return self.exempted_at is not None and self.exempted_at <= as_of

    def received_by(self, day: date) -> bool:
        return self.received_on is not None and self.received_on <= day

    def outstanding(self, as_of: datetime, zone: ZoneInfo) -> bool:
        """Neither exempt nor received at `as_of` (received dates are days in `zone`, the plan's):
        what `report_status(...).outstanding` says, without needing the deadline."""
        return not (self.exempt_at(as_of) or self.received_by(as_of.astimezone(zone).date()))


@dataclass(frozen=True)
class ReportStatus:
    state: ReportState
    days_overdue: int | None

    @property
    def outstanding(self) -> bool:
        return self.state in (ReportState.PENDING, ReportState.OVERDUE)


_EXEMPT = ReportStatus(ReportState.EXEMPT, None)
_RECEIVED = ReportStatus(ReportState.RECEIVED, None)
_RECEIVED_LATE = ReportStatus(ReportState.RECEIVED_LATE, None)


@dataclass(frozen=True)
class StateRule:
    """The rule of `report_status` for one deadline at one moment, as the bounds a report's facts are
    compared with. The same bounds let a query filter and sort a whole milestone by state in SQL.
    The first rule that holds gives the state:

    - exempt when exempted at or before `exempt_through`;
    - received when received on or before `received_through`: on time when also on or before
      `on_time_through`, late otherwise;
    - else outstanding: overdue by `days_overdue` days, or pending when that is None.

    A unit granted more time has its own last day (`ReportFacts.last_day`) instead of
    `on_time_through`, and is overdue only after it.
    """

    exempt_through: datetime
    received_through: date
    on_time_through: date
    days_overdue: int | None

    @property
    def outstanding_state(self) -> ReportState:
        return ReportState.OVERDUE if self.days_overdue else ReportState.PENDING

    @cached_property
    def _outstanding(self) -> ReportStatus:
        """The status of every report of the milestone still outstanding (made once, not per report)."""
        return ReportStatus(self.outstanding_state, self.days_overdue)

    def status(self, facts: ReportFacts) -> ReportStatus:
        if facts.exempt_at(self.exempt_through):
            return _EXEMPT
        last_day = facts.last_day(self.on_time_through)
        if facts.received_by(self.received_through):
            return _RECEIVED if facts.received_by(last_day) else _RECEIVED_LATE
        if last_day == self.on_time_through:
            return self._outstanding
        late = (self.received_through - last_day).days  # `received_through` is the moment's day
        return (
            ReportStatus(ReportState.OVERDUE, late) if late > 0 else ReportStatus(ReportState.PENDING, None)
        )


def state_rule(deadline: Deadline, as_of: datetime) -> StateRule:
    """The bounds that decide the state at `as_of` (aware) of the reports due at `deadline`."""
    today = as_of.astimezone(deadline.zone).date()
    return StateRule(
        exempt_through=as_of,
        received_through=today,
        on_time_through=deadline.effective,
        days_overdue=deadline.days_overdue(today),
    )


def exemption_starts(on: date, recorded_at: datetime, zone: ZoneInfo) -> datetime:
    """The moment from which an exemption decided on `on` (the plan's zone) and recorded at
    `recorded_at` counts: the whole of a past day, like a receipt's date; when decided the day it is
    recorded, from the moment it is recorded (what was sent or shown earlier that day stays true)."""
    if on < recorded_at.astimezone(zone).date():
        return datetime.combine(on, time.min, tzinfo=zone)
    return recorded_at


def report_status(facts: ReportFacts, deadline: Deadline, as_of: datetime) -> ReportStatus:
    """The state at `as_of` (aware) of a report due at `deadline`."""
    return state_rule(deadline, as_of).status(facts)


class StatusLine(NamedTuple):
    """One expected report as `tracker status` shows it (a named tuple: a status lists tens of
    thousands, and a frozen dataclass took twice as long to make)."""

    plan: str
    milestone: str
    unit: str
    unit_name: str
    state: ReportState
    due: datetime
    received_on: date | None
    days_overdue: int | None
    doc_number: str
    unit_active: bool  # false: the unit left the roster; it is expected still, and no longer reminded


class StatusSource(NamedTuple):
    """The few facts of an expected report that its status line shows or is decided by: what
    `tracker status` reads of each report (tracker.store.repository.status_sources)."""

    plan_code: str
    milestone_code: str
    unit_code: str
    unit_name: str
    unit_active: bool
    received_on: date | None
    doc_number: str
    exempted_at: datetime | None
    extended_until: date | None

    @classmethod
    def of(cls, report: ExpectedReport) -> StatusSource:
        submission = report.submission
        return cls(
            report.plan_code,
            report.milestone_code,
            report.unit.code,
            report.unit.name,
            report.unit.active,
            submission.received_on if submission else None,
            submission.doc_number if submission else "",
            report.exempted_at,
            report.extended_until,
        )


def status_lines(
    office: Office, reports: Iterable[ExpectedReport | StatusSource], as_of: datetime
) -> list[StatusLine]:
    """The state of every report at `as_of` (reports received after `as_of` count as outstanding)."""
    # What is the same for every report of a milestone is worked out once per milestone.
    rules: dict[tuple[str, str], tuple[Deadline, StateRule, datetime]] = {}
    lines = []
    for report in reports:
        source = report if isinstance(report, StatusSource) else StatusSource.of(report)
        key = (source.plan_code, source.milestone_code)
        if key not in rules:
            plan = office.plans[source.plan_code]
            milestone = plan.milestone(source.milestone_code)
            assert milestone is not None, "the store only holds reports of loaded milestones"
            deadline = office.deadline(plan, milestone)
            rules[key] = deadline, state_rule(deadline, as_of), deadline.due_at
        deadline, rule, due = rules[key]
        if source.extended_until is not None:
            extended = deadline.extended_to(source.extended_until)
            if extended is not deadline:  # a unit granted more time: its own rule
                rule, due = state_rule(extended, as_of), extended.due_at
        status = rule.status(ReportFacts(source.received_on, source.exempted_at, source.extended_until))
        received = status.state in (ReportState.RECEIVED, ReportState.RECEIVED_LATE)
        lines.append(
            StatusLine(
                plan=source.plan_code,
                milestone=source.milestone_code,
                unit=source.unit_code,
                unit_name=source.unit_name,
                state=status.state,
                due=due,
                received_on=source.received_on if received else None,
                days_overdue=status.days_overdue,
                doc_number=source.doc_number if received else "",
                unit_active=source.unit_active,
            )
        )
    return lines
