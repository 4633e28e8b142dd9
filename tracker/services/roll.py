"""A milestone's roll from the database: filtered, sorted and paged in SQL, so that a milestone of
100,000 units costs one scan of its reports and the building of one page of rows.

The state of every report is decided in the query with the bounds of `tracker.core.status.StateRule`
(the rule `report_status` applies); the rows of the page are then built by `tracker.core.roll`,
which applies `report_status` itself. A test holds the two to the same answers.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    Text,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session

from tracker.core.ladder import LadderSchedule, ladder_schedule
from tracker.core.model import Milestone, Plan, ReportState, Unit
from tracker.core.office import Office
from tracker.core.reports import DeliveryState, ExpectedReport, ReminderRecord, Submission
from tracker.core.roll import (
    COLUMN_TITLES,
    PAGE_SIZE,
    STATE_ORDER,
    Roll,
    RollColumn,
    RollRow,
    RollView,
    neutralised,
    roll_row,
)
from tracker.core.status import StateRule, state_rule
from tracker.core.vietnamese import fold
from tracker.errors import BadInput, NotFound
from tracker.services.submissions import Receipt, exempt, receive
from tracker.store.tables import ExpectedReportRow, MilestoneRow, OutboxRow, PlanRow, UnitRow

EXPORT_BATCH = 500  # rows built at a time for an export of a whole view


@dataclass(frozen=True)
class MilestoneContext:
    """A milestone as its pages need it: the plan, the milestone, its stored row and its ladder."""

    office: Office
    plan: Plan
    milestone: Milestone
    milestone_id: int
    deadline_version: int
    schedule: LadderSchedule


def milestone_context(
    session: Session, office: Office, plan_code: str, milestone_code: str
) -> MilestoneContext:
    """The milestone `plan_code`/`milestone_code`; NotFound when the plan or the milestone is unknown."""
    plan = office.plan(plan_code)
    milestone = plan.milestone(milestone_code) if plan else None
    found = session.execute(
        select(MilestoneRow.id, MilestoneRow.deadline_version)
        .join(MilestoneRow.plan)
        .where(PlanRow.code == plan_code, MilestoneRow.code == milestone_code)
    ).one_or_none()
    if plan is None or milestone is None or found is None:
        raise NotFound(f"Không có mốc '{milestone_code}' trong kế hoạch '{plan_code}'.")
    deadline = office.deadline(plan, milestone)
    schedule = ladder_schedule(plan.ladder, deadline, office.calendar, office.window, closes=plan.closes)
    return MilestoneContext(office, plan, milestone, found.id, found.deadline_version, schedule)


def state_of_report(rule: StateRule, as_value: Mapping[ReportState, Any] | None = None) -> ColumnElement[Any]:
    """The state of each report, decided in SQL by the same bounds as `StateRule.status` (or, with
    `as_value`, the value given for that state: one CASE sorts by state without deciding it twice)."""

    def value(state: ReportState) -> Any:
        return literal(as_value[state] if as_value is not None else state.value)

    received = and_(
        ExpectedReportRow.received_on.is_not(None), ExpectedReportRow.received_on <= rule.received_through
    )
    # A unit granted more time has its own last day (ReportFacts.last_day), when later.
    extended = ExpectedReportRow.extended_until > rule.on_time_through
    return case(
        (
            and_(
                ExpectedReportRow.exempted_at.is_not(None),
                ExpectedReportRow.exempted_at <= rule.exempt_through,
            ),
            value(ReportState.EXEMPT),
        ),
        (and_(received, ExpectedReportRow.received_on <= rule.on_time_through), value(ReportState.RECEIVED)),
        (
            and_(received, extended, ExpectedReportRow.received_on <= ExpectedReportRow.extended_until),
            value(ReportState.RECEIVED),
        ),
        (received, value(ReportState.RECEIVED_LATE)),
        (
            and_(extended, ExpectedReportRow.extended_until >= rule.received_through),
            value(ReportState.PENDING),
        ),
        (extended, value(ReportState.OVERDUE)),
        else_=value(rule.outstanding_state),
    )


def _days_overdue(rule: StateRule, dialect: str) -> Any:
    """Each outstanding report's days overdue, in SQL: the milestone's figure, or for a unit granted
    more time, the days since its own last day (0 before it)."""
    today = literal(rule.received_through, Date)
    if dialect == "postgresql":
        own: Any = today - ExpectedReportRow.extended_until  # date - date: whole days
    else:
        own = func.julianday(today) - func.julianday(ExpectedReportRow.extended_until)
    return case(
        (ExpectedReportRow.extended_until <= rule.on_time_through, literal(rule.days_overdue or 0)),
        (own > 0, own),
        (ExpectedReportRow.extended_until.is_not(None), literal(0)),
        else_=literal(rule.days_overdue or 0),
    )


def _reminders_of_report() -> Any:
    return and_(OutboxRow.expected_report_id == ExpectedReportRow.id, OutboxRow.kind == "reminder")


def _sort_key(
    column: RollColumn, state: ColumnElement[str], rule: StateRule, plan: Plan, dialect: str
) -> Any:
    """What the rows are ordered by for `column`. The next reminder of a milestone is the same for
    every outstanding report (one ladder, one moment), so it sorts as "outstanding or not"."""
    outstanding = state.in_([ReportState.PENDING.value, ReportState.OVERDUE.value])
    if column is RollColumn.NAME:
        return UnitRow.name_folded
    if column is RollColumn.CODE:
        return UnitRow.code
    if column is RollColumn.STATE:
        return state_of_report(rule, {s: index for index, s in enumerate(STATE_ORDER)})
    if column is RollColumn.RECEIVED_ON:
        return case(
            (
                state.in_([ReportState.RECEIVED.value, ReportState.RECEIVED_LATE.value]),
                ExpectedReportRow.received_on,
            )
        )
    if column is RollColumn.DOC_NUMBER:
        return case(
            (
                state.in_([ReportState.RECEIVED.value, ReportState.RECEIVED_LATE.value]),
                ExpectedReportRow.doc_number,
            )
        )
    if column is RollColumn.DAYS_OVERDUE:
        return case((outstanding, _days_overdue(rule, dialect)))
    if column is RollColumn.NEXT_REMINDER:
        return case((outstanding, literal(0)))
    if column is RollColumn.LAST_REMINDER:
        return ExpectedReportRow.last_reminder_at
    if column is RollColumn.DELIVERY_FAILED:
        failed = or_(OutboxRow.state == DeliveryState.FAILED.value, cast(OutboxRow.refused, Text) != "{}")
        return case((exists().where(_reminders_of_report(), failed), literal(1)), else_=literal(0))
    return case(
        (
            state.in_([ReportState.RECEIVED.value, ReportState.RECEIVED_LATE.value]),
            len(plan.sections) + len(plan.figures) - _given_count(dialect),
        )
    )


def _given_count(dialect: str) -> Any:
    """Sections and figures a report gives (keys the plan knows: receiving checks them)."""
    table = ExpectedReportRow.__tablename__
    if dialect == "postgresql":
        keys = f"(SELECT count(*) FROM json_object_keys({table}.figures))"
    else:
        keys = f"(SELECT count(*) FROM json_each({table}.figures))"
    return func.json_array_length(ExpectedReportRow.sections) + literal_column(keys)


def _found(search: str) -> ColumnElement[bool]:
    """Rows whose unit name or code contains the search, marks and case ignored (all for none)."""
    wanted = fold(search)
    if not wanted:
        return true()
    return or_(
        UnitRow.name_folded.contains(wanted, autoescape=True),
        func.lower(UnitRow.code).contains(wanted, autoescape=True),
    )


_ROW_COLUMNS = (
    ExpectedReportRow.id,
    UnitRow.code,
    UnitRow.name,
    ExpectedReportRow.received_on,
    ExpectedReportRow.doc_number,
    ExpectedReportRow.sections,
    ExpectedReportRow.figures,
    ExpectedReportRow.exempted_at,
    ExpectedReportRow.extended_until,
)


def milestone_roll(session: Session, context: MilestoneContext, view: RollView, now: datetime) -> Roll:
    """One page of the roll of `context`'s milestone at `now`, as `view` asks."""
    rule = state_rule(context.schedule.deadline, now)
    counts = state_counts(session, context.milestone_id, rule, view.search)
    total = sum(n for s, n in counts.items() if not view.states or s in view.states)
    rows = list(
        session.execute(_page_query(session, context, view, rule).limit(PAGE_SIZE).offset(view.offset()))
    )
    return Roll(
        view=view,
        rows=tuple(_rows(session, context, rows, now)),
        counts={s: counts.get(s, 0) for s in STATE_ORDER},
        total=total,
        as_of=now,
    )


def state_counts(
    session: Session, milestone_id: int, rule: StateRule, search: str = ""
) -> dict[ReportState, int]:
    """How many of the milestone's reports (whose unit matches `search`) are in each state, counted in
    the database (an index holds the two columns the state depends on)."""
    state = state_of_report(rule).label("state")
    scope = (
        select(state, func.count())
        .select_from(ExpectedReportRow)
        .where(ExpectedReportRow.milestone_id == milestone_id)
        .group_by(state)
    )
    if search:  # the units are read only to search their names
        scope = scope.join(UnitRow, UnitRow.id == ExpectedReportRow.unit_id).where(_found(search))
    return {ReportState(s): n for s, n in session.execute(scope)}


def _page_query(
    session: Session, context: MilestoneContext, view: RollView, rule: StateRule
) -> Select[*tuple[Any, ...]]:
    state = state_of_report(rule)
    query = (
        select(*_ROW_COLUMNS)
        .join(UnitRow, UnitRow.id == ExpectedReportRow.unit_id)
        .where(ExpectedReportRow.milestone_id == context.milestone_id, _found(view.search))
    )
    if view.states:
        query = query.where(state.in_([s.value for s in view.states]))
    key = _sort_key(view.sort, state, rule, context.plan, session.get_bind().dialect.name)
    if view.sort in (RollColumn.NAME, RollColumn.CODE):  # plain columns: an index walks them in order
        ordered = [key.desc(), UnitRow.code.desc()] if view.descending else [key.asc(), UnitRow.code.asc()]
        return query.order_by(*ordered)
    ordered = key.desc() if view.descending else key.asc()
    if view.sort is RollColumn.LAST_REMINDER:
        # A step goes to every unit at the same moment, so most reports tie: broken by report (they
        # are made in the order units.csv lists the units), the index on the column answers a page at once.
        tie = ExpectedReportRow.id.desc() if view.descending else ExpectedReportRow.id.asc()
        return query.order_by(ordered.nulls_last(), tie)
    # Rows without a value (no reminder yet, not received …) go last either way; names break ties.
    return query.order_by(ordered.nulls_last(), UnitRow.name_folded, UnitRow.code)


def _rows(
    session: Session, context: MilestoneContext, rows: Sequence[Any], now: datetime
) -> Iterator[RollRow]:
    reminders = reminder_records(session, context, [r.id for r in rows])
    for row in rows:
        report = ExpectedReport(
            plan_code=context.plan.code,
            milestone_code=context.milestone.code,
            unit=Unit(code=row.code, name=row.name),
            submission=(
                Submission(
                    received_on=row.received_on,
                    doc_number=row.doc_number,
                    sections=tuple(row.sections),
                    figures=dict(row.figures),
                )
                if row.received_on is not None
                else None
            ),
            exempted_at=row.exempted_at,
            extended_until=row.extended_until,
        )
        yield roll_row(context.plan, report, context.schedule, reminders.get(row.id, []), now)


def reminder_records(
    session: Session, context: MilestoneContext, report_ids: list[int]
) -> dict[int, list[ReminderRecord]]:
    """The reminder rows of these reports for the milestone's current deadline and each unit's current
    round (bodies left out)."""
    log: dict[int, list[ReminderRecord]] = defaultdict(list)
    if not report_ids:
        return log
    query = (
        select(
            OutboxRow.expected_report_id,
            OutboxRow.step_key,
            OutboxRow.repeat,
            OutboxRow.state,
            OutboxRow.due_at,
            OutboxRow.sent_at,
            OutboxRow.refused,
            OutboxRow.unit_code,
        )
        .join(ExpectedReportRow, ExpectedReportRow.id == OutboxRow.expected_report_id)
        .where(
            OutboxRow.expected_report_id.in_(report_ids),
            OutboxRow.kind == "reminder",
            OutboxRow.deadline_version == context.deadline_version,
            OutboxRow.extension == ExpectedReportRow.extensions,
        )
    )
    for report_id, step, repeat, state, due_at, sent_at, refused, unit in session.execute(
        query.order_by(OutboxRow.id)
    ):
        assert report_id is not None, "selected by report"
        log[report_id].append(
            ReminderRecord(
                plan_code=context.plan.code,
                milestone_code=context.milestone.code,
                unit_code=unit,
                step_key=step,
                repeat=repeat,
                state=DeliveryState(state),
                due_at=due_at,
                sent_at=sent_at,
                failed_recipients=tuple(sorted(refused or {})),
                deadline_version=context.deadline_version,
            )
        )
    return log


def whole_view(
    session: Session, context: MilestoneContext, view: RollView, now: datetime
) -> Iterator[RollRow]:
    """Every row of `view` on every page, in its order: what an export of the view holds."""
    rule = state_rule(context.schedule.deadline, now)
    rows = session.execute(_page_query(session, context, view, rule)).all()
    for start in range(0, len(rows), EXPORT_BATCH):
        yield from _rows(session, context, rows[start : start + EXPORT_BATCH], now)


def _cells(row: RollRow, context: MilestoneContext) -> list[str | int | datetime | Any | None]:
    """One row of an export: the page's columns, times in the plan's zone (spreadsheets have none)."""
    zone = context.office.zone

    def local(moment: datetime | None) -> datetime | None:
        return moment.astimezone(zone).replace(tzinfo=None) if moment else None

    return [
        row.unit_name,
        row.unit_code,
        row.state_label,
        row.received_on,
        row.doc_number or None,
        row.days_overdue,
        row.last_reminder.label if row.last_reminder else None,
        local(row.last_reminder.at if row.last_reminder else None),
        row.next_reminder.label if row.next_reminder else None,
        local(row.next_reminder.at if row.next_reminder else None),
        ", ".join(row.refused) or ("Có" if row.delivery_failed else None),
        row.missing,
    ]


EXPORT_HEADER = [
    COLUMN_TITLES[RollColumn.NAME],
    COLUMN_TITLES[RollColumn.CODE],
    COLUMN_TITLES[RollColumn.STATE],
    COLUMN_TITLES[RollColumn.RECEIVED_ON],
    COLUMN_TITLES[RollColumn.DOC_NUMBER],
    COLUMN_TITLES[RollColumn.DAYS_OVERDUE],
    COLUMN_TITLES[RollColumn.LAST_REMINDER],
    "Thời điểm nhắc gần nhất",
    COLUMN_TITLES[RollColumn.NEXT_REMINDER],
    "Thời điểm nhắc tiếp theo",
    COLUMN_TITLES[RollColumn.DELIVERY_FAILED],
    COLUMN_TITLES[RollColumn.MISSING],
]


def roll_csv(rows: Iterator[RollRow], context: MilestoneContext) -> bytes:
    """The rows as CSV that Excel opens as it is: UTF-8 with a BOM, CRLF, Vietnamese headers, dates
    as dd/mm/yyyy, and no cell that a spreadsheet would run as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_HEADER)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in _cells(row, context)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if hasattr(value, "strftime"):
        return f"{value:%d/%m/%Y}"
    return neutralised(str(value))


def roll_xlsx(rows: Iterator[RollRow], context: MilestoneContext) -> bytes:
    """The rows as an Excel workbook: one sheet, real dates and numbers, text kept as text."""
    from tracker.digest.excel import DATE, MOMENT, NUMBER, render_table_xlsx

    styles = {4: DATE, 6: NUMBER, 8: MOMENT, 10: MOMENT, 12: NUMBER}
    return render_table_xlsx(
        context.milestone.code, EXPORT_HEADER, [_cells(r, context) for r in rows], styles
    )


def receive_many(
    session: Session,
    context: MilestoneContext,
    unit_codes: Sequence[str],
    receipt: Receipt,
    now: datetime,
) -> int:
    """Record the reports of several units as received with one receipt, in the caller's transaction:
    the same service as one receipt, so a refusal of any unit leaves every unit as it was."""
    for code in dict.fromkeys(unit_codes):
        try:
            receive(
                session,
                context.office,
                context.plan.code,
                context.milestone.code,
                code,
                receipt,
                replace=False,
                now=now,
            )
        except BadInput as error:
            raise BadInput(f"Đơn vị {code}: {error}") from None
    return len(set(unit_codes))


def exempt_many(
    session: Session,
    context: MilestoneContext,
    unit_codes: Sequence[str],
    *,
    by: str,
    reason: str,
    now: datetime,
) -> int:
    """Exempt several units at once, all or none (see `receive_many`)."""
    for code in dict.fromkeys(unit_codes):
        try:
            exempt(
                session,
                context.office,
                context.plan.code,
                context.milestone.code,
                code,
                by=by,
                note=reason,
                now=now,
            )
        except BadInput as error:
            raise BadInput(f"Đơn vị {code}: {error}") from None
    return len(set(unit_codes))
