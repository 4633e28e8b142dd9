"""A milestone's roll: one row per expected unit, as the milestone page and its exports show it.

The view (state filter, search, sort, page) is read from what a URL carries and written back to it,
so a view can be bookmarked; a value that makes no sense falls back to the default rather than
failing. Each row is built from the report's facts, its reminder log and the milestone's ladder.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from tracker.core.labels import state_label, step_label
from tracker.core.ladder import LadderSchedule
from tracker.core.model import Plan, ReportState
from tracker.core.planner import upcoming
from tracker.core.reports import DeliveryState, ExpectedReport, ReminderRecord
from tracker.core.status import report_status

PAGE_SIZE = 100

# "Who is missing" first: the order of the state column, and of the filter's choices.
STATE_ORDER: tuple[ReportState, ...] = (
    ReportState.OVERDUE,
    ReportState.PENDING,
    ReportState.RECEIVED_LATE,
    ReportState.RECEIVED,
    ReportState.EXEMPT,
)


class RollColumn(StrEnum):
    """A column of the roll, by the name the URL's `sort` gives it."""

    NAME = "name"
    CODE = "code"
    STATE = "state"
    RECEIVED_ON = "received"
    DOC_NUMBER = "doc"
    DAYS_OVERDUE = "overdue"
    LAST_REMINDER = "last"
    NEXT_REMINDER = "next"
    DELIVERY_FAILED = "failed"
    MISSING = "missing"


COLUMN_TITLES: dict[RollColumn, str] = {
    RollColumn.NAME: "Đơn vị",
    RollColumn.CODE: "Mã",
    RollColumn.STATE: "Tình trạng",
    RollColumn.RECEIVED_ON: "Ngày nhận",
    RollColumn.DOC_NUMBER: "Số văn bản",
    RollColumn.DAYS_OVERDUE: "Số ngày quá hạn",
    RollColumn.LAST_REMINDER: "Lần nhắc gần nhất",
    RollColumn.NEXT_REMINDER: "Lần nhắc tiếp theo",
    RollColumn.DELIVERY_FAILED: "Lỗi gửi thư",
    RollColumn.MISSING: "Nội dung/số liệu còn thiếu",
}


@dataclass(frozen=True)
class RollView:
    """Which rows of the roll are shown, and how: what the milestone page's URL says."""

    states: frozenset[ReportState] = frozenset()  # empty: every state
    search: str = ""
    sort: RollColumn = RollColumn.NAME  # by name: an index gives the first page without sorting them all
    descending: bool = False
    page: int = 1

    @classmethod
    def parse(cls, args: Mapping[str, Sequence[str]]) -> RollView:
        """The view a URL's query asks for (each key with its list of values); nonsense is ignored."""

        def first(key: str) -> str:
            values = args.get(key) or ()
            return values[0].strip() if values else ""

        states = frozenset(
            ReportState(s) for s in args.get("state") or () if s in ReportState.__members__.values()
        )
        sort = first("sort")
        page = first("page")
        return cls(
            states=states,
            search=" ".join(first("q").split())[:200],
            sort=RollColumn(sort) if sort in RollColumn.__members__.values() else RollColumn.NAME,
            descending=first("dir") == "desc",
            page=int(page) if page.isdigit() and 0 < int(page) < 1_000_000 else 1,
        )

    def query(self) -> list[tuple[str, str]]:
        """The URL query of this view (defaults left out), in a stable order."""
        pairs = [("state", s.value) for s in STATE_ORDER if s in self.states]
        if self.search:
            pairs.append(("q", self.search))
        if self.sort is not RollColumn.NAME:
            pairs.append(("sort", self.sort.value))
        if self.descending:
            pairs.append(("dir", "desc"))
        if self.page != 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def sorted_by(self, column: RollColumn) -> RollView:
        """The view sorted by `column`: a second click on the current column reverses it."""
        descending = not self.descending if column is self.sort else False
        return replace(self, sort=column, descending=descending, page=1)

    def at_page(self, page: int) -> RollView:
        return replace(self, page=page)

    def offset(self) -> int:
        return (self.page - 1) * PAGE_SIZE


@dataclass(frozen=True)
class StepMoment:
    """A ladder step and its moment: when it went out, or when it will."""

    label: str
    at: datetime


@dataclass(frozen=True)
class RollRow:
    unit_code: str
    unit_name: str
    state: ReportState
    received_on: date | None
    doc_number: str
    days_overdue: int | None
    last_reminder: StepMoment | None  # the last step that went out (a failed one counts: it was tried)
    next_reminder: StepMoment | None  # queued, or still to come on the ladder
    delivery_failed: bool  # a reminder reached nobody, or some recipient was refused
    refused: tuple[str, ...]
    missing: int | None  # sections and figures a received report lacks; None when not received

    @property
    def state_label(self) -> str:
        return state_label(self.state)

    @property
    def received(self) -> bool:
        return self.state in (ReportState.RECEIVED, ReportState.RECEIVED_LATE)

    @property
    def outstanding(self) -> bool:
        return self.state in (ReportState.PENDING, ReportState.OVERDUE)


def missing_count(plan: Plan, sections: Iterable[str], figures: Iterable[str]) -> int:
    """How many of the plan's sections and figures a received report does not give."""
    given_sections, given_figures = set(sections), set(figures)
    return sum(s.key not in given_sections for s in plan.sections) + sum(
        f.key not in given_figures for f in plan.figures
    )


def roll_row(
    plan: Plan,
    report: ExpectedReport,
    schedule: LadderSchedule,
    reminders: Sequence[ReminderRecord],
    as_of: datetime,
) -> RollRow:
    """The row of `report` at `as_of`, from its reminder log for the current deadline version."""
    schedule = schedule.of_report(report.facts)
    status = report_status(report.facts, schedule.deadline, as_of)
    received = status.state in (ReportState.RECEIVED, ReportState.RECEIVED_LATE)
    templates = {s.key: s.template for s in plan.ladder.steps}

    def moment(step_key: str, repeat: int, at: datetime) -> StepMoment:
        return StepMoment(step_label(step_key, templates.get(step_key), repeat), at)

    went_out = [r for r in reminders if r.sent_at is not None and r.sent_at <= as_of]
    last = max(went_out, key=lambda r: (r.sent_at, r.repeat), default=None)
    queued = [r for r in reminders if r.state in (DeliveryState.PENDING, DeliveryState.SENDING)]
    coming: StepMoment | None = None
    if status.outstanding and queued:
        first = min(queued, key=lambda r: r.due_at)
        coming = moment(first.step_key, first.repeat, first.due_at)
    elif status.outstanding:
        logged = frozenset((r.step_key, r.repeat) for r in reminders)
        following = upcoming(report, schedule, logged, as_of, limit_repeats=1)
        if following:
            coming = moment(following[0].step.key, following[0].repeat, following[0].at)
    refused = tuple(dict.fromkeys(a for r in reminders for a in r.failed_recipients))
    submission = report.submission
    return RollRow(
        unit_code=report.unit.code,
        unit_name=report.unit.name,
        state=status.state,
        received_on=submission.received_on if received and submission else None,
        doc_number=submission.doc_number if received and submission else "",
        days_overdue=status.days_overdue,
        last_reminder=moment(last.step_key, last.repeat, last.sent_at) if last and last.sent_at else None,
        next_reminder=coming,
        delivery_failed=bool(refused) or any(r.state is DeliveryState.FAILED for r in reminders),
        refused=refused,
        missing=(
            missing_count(plan, submission.sections, submission.figures) if received and submission else None
        ),
    )


@dataclass(frozen=True)
class Roll:
    """One page of a milestone's roll, and what the page needs around it."""

    view: RollView
    rows: tuple[RollRow, ...]
    counts: dict[ReportState, int]  # rows matching the search, by state (the filter's choices)
    total: int  # rows matching the whole view, on every page
    as_of: datetime

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: str) -> str:
    """A text cell a spreadsheet shows as text: a leading formula character gets a quote before it."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell
