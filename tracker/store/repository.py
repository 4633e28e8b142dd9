"""Reading the stored state back as core values, and the audit trail's single way in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row, Select, delete, select, update
from sqlalchemy.orm import Session

from tracker.core.health import Heartbeat
from tracker.core.model import Unit
from tracker.core.office import Office
from tracker.core.reports import ExpectedReport, Submission
from tracker.core.status import StatusSource
from tracker.errors import BadInput, NothingLoaded
from tracker.store.codec import organization_from_json, plan_from_json
from tracker.store.outbox import detach_reminders
from tracker.store.tables import (
    AuditRow,
    ExpectedReportRow,
    ExtensionRequestRow,
    HeartbeatRow,
    IncomingMailRow,
    MilestoneRow,
    OrganizationRow,
    PlanRow,
    UnitLinkRow,
    UnitRow,
    UnitSubmissionRow,
)


def unit_from_row(row: UnitRow | Row[Any]) -> Unit:
    return Unit(
        code=row.code,
        name=row.name,
        kind=row.kind,
        emails=tuple(row.emails),
        chair_name=row.chair_name,
        chair_email=row.chair_email,
        active=row.active,
    )


def unit_codes(session: Session) -> list[str]:
    """Every unit's code (for suggesting one close to a mistyped code)."""
    return list(session.scalars(select(UnitRow.code)))


def has_unit(session: Session, code: str) -> bool:
    """Whether the roster as last loaded (retired units included) has a unit of this code."""
    return session.scalar(select(UnitRow.id).where(UnitRow.code == code)) is not None


def load_office(session: Session) -> Office:
    """The office as last loaded, decoded once: what every command, request and job works from.

    Raises NothingLoaded before the first `tracker load`.
    """
    org_row = session.get(OrganizationRow, 1)
    if org_row is None:
        raise NothingLoaded()
    organization, days_off, working_days = organization_from_json(org_row.config)
    plans = (plan_from_json(row.config) for row in session.scalars(select(PlanRow).order_by(PlanRow.code)))
    return Office.build(organization, plans, days_off, working_days)


def report_from_row(row: ExpectedReportRow, plan_code: str, milestone_code: str) -> ExpectedReport:
    return _report(row, plan_code, milestone_code, unit_from_row(row.unit))


def _report(
    row: ExpectedReportRow | Row[Any], plan_code: str, milestone_code: str, unit: Unit
) -> ExpectedReport:
    submission = None
    if row.received_on is not None:
        submission = Submission(
            received_on=row.received_on,
            doc_number=row.doc_number,
            sections=tuple(row.sections),
            figures=dict(row.figures),
            channel=row.channel,
            recorded_by=row.recorded_by,
            recorded_at=row.recorded_at,
            note=row.note,
        )
    return ExpectedReport(
        plan_code=plan_code,
        milestone_code=milestone_code,
        unit=unit,
        submission=submission,
        exempted_at=row.exempted_at,
        extended_until=row.extended_until,
        extensions=row.extensions,
    )


def _in_report_order(query: Select[*tuple[Any, ...]]) -> Select[*tuple[Any, ...]]:
    """`query` over the expected reports with their milestone, plan and unit, ordered by plan,
    milestone and unit code."""
    return (
        query.join(ExpectedReportRow.milestone)
        .join(MilestoneRow.plan)
        .join(ExpectedReportRow.unit)
        .order_by(PlanRow.code, MilestoneRow.id, UnitRow.code)
    )


def expected_report_rows() -> Select[*tuple[Any, ...]]:
    """The columns every expected report is read from, with its plan, milestone and unit, in order
    (also the baseline the benchmarks compare the digest and status with)."""
    return _in_report_order(
        select(
            PlanRow.code.label("plan_code"),
            MilestoneRow.code.label("milestone_code"),
            # What `unit_from_row` and `_report` read, under the same names.
            UnitRow.code,
            UnitRow.name,
            UnitRow.kind,
            UnitRow.emails,
            UnitRow.chair_name,
            UnitRow.chair_email,
            UnitRow.active,
            ExpectedReportRow.received_on,
            ExpectedReportRow.doc_number,
            ExpectedReportRow.sections,
            ExpectedReportRow.figures,
            ExpectedReportRow.channel,
            ExpectedReportRow.recorded_by,
            ExpectedReportRow.recorded_at,
            ExpectedReportRow.note,
            ExpectedReportRow.exempted_at,
            ExpectedReportRow.extended_until,
            ExpectedReportRow.extensions,
        )
    )


def expected_reports(session: Session, plan_code: str | None = None) -> list[ExpectedReport]:
    """Every expected report (of one plan, or all), ordered by plan, milestone and unit code.

    Read as plain rows, not ORM objects, whose bookkeeping took most of the time of a digest or a
    status of every report; each unit is built once and shared by its reports.
    """
    query = expected_report_rows()
    if plan_code is not None:
        query = query.where(PlanRow.code == plan_code)
    units: dict[str, Unit] = {}
    reports = []
    for row in session.execute(query):
        unit = units.get(row.code)
        if unit is None:
            unit = units[row.code] = unit_from_row(row)
        reports.append(_report(row, row.plan_code, row.milestone_code, unit))
    return reports


@dataclass(frozen=True)
class ReportToRemind:
    """An expected report as a sweep (or `tracker schedule`) reads it: the report, and what the
    outbox rows and the compare-and-set of its next look need. Plain values, not ORM objects, whose
    bookkeeping took a third of a planning sweep."""

    id: int
    seen: datetime | None  # `next_reminder_at` as read
    milestone_id: int
    deadline_version: int
    report: ExpectedReport

    @property
    def codes(self) -> tuple[str, str, str]:
        return self.report.plan_code, self.report.milestone_code, self.report.unit.code


def reports_to_remind(session: Session, query: Select[*tuple[Any, ...]]) -> list[ReportToRemind]:
    """The reports that `query` (from `report_to_remind_rows`, narrowed) selects."""
    return [
        ReportToRemind(
            row.id,
            row.next_reminder_at,
            row.milestone_id,
            row.deadline_version,
            _report(row, row.plan_code, row.milestone_code, unit_from_row(row)),
        )
        for row in session.connection().execute(query).all()
    ]


def report_to_remind_rows() -> Select[*tuple[Any, ...]]:
    """The columns of `ReportToRemind`, by report id, of plans not withdrawn: a withdrawn plan reminds
    nobody, whatever undid an act."""
    return (
        expected_report_rows()
        .add_columns(
            ExpectedReportRow.id,
            ExpectedReportRow.next_reminder_at,
            MilestoneRow.id.label("milestone_id"),
            MilestoneRow.deadline_version,
        )
        .where(PlanRow.withdrawn_at.is_(None))
        .order_by(None)
        .order_by(ExpectedReportRow.id)
    )


def status_sources(session: Session, plan_code: str | None = None) -> list[StatusSource]:
    """What `tracker status` shows of every expected report (of one plan, or all), in the order of
    `expected_reports`: nine plain columns, a quarter of the time of reading whole reports (their
    units' addresses, sections and figures are JSON to decode)."""
    query = _in_report_order(
        select(
            PlanRow.code,
            MilestoneRow.code,
            UnitRow.code,
            UnitRow.name,
            UnitRow.active,
            ExpectedReportRow.received_on,
            ExpectedReportRow.doc_number,
            ExpectedReportRow.exempted_at,
            ExpectedReportRow.extended_until,
        )
    )
    if plan_code is not None:
        query = query.where(PlanRow.code == plan_code)
    # Through the connection: the ORM's handling of a result took as long as reading it.
    return [StatusSource(*row) for row in session.connection().execute(query).all()]


def find_expected_report(
    session: Session, plan_code: str, milestone_code: str, unit_code: str
) -> ExpectedReportRow | None:
    return session.scalars(
        select(ExpectedReportRow)
        .join(ExpectedReportRow.milestone)
        .join(MilestoneRow.plan)
        .join(ExpectedReportRow.unit)
        .where(PlanRow.code == plan_code, MilestoneRow.code == milestone_code, UnitRow.code == unit_code)
    ).one_or_none()


def record_audit(
    session: Session,
    *,
    at: datetime,
    actor: str,
    action: str,
    plan: str = "",
    milestone: str = "",
    unit: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> None:
    session.add(
        AuditRow(
            at=at,
            actor=actor,
            action=action,
            plan_code=plan,
            milestone_code=milestone,
            unit_code=unit,
            before=before,
            after=after,
            note=note,
        )
    )


def audit_trail(session: Session) -> Sequence[AuditRow]:
    return session.scalars(select(AuditRow).order_by(AuditRow.at, AuditRow.id)).all()


def remove_expected_report(session: Session, row: ExpectedReportRow) -> None:
    """A report no longer expected is deleted; the reminders it had stay in the outbox as history,
    those still queued cancelled (`detach_reminders`), and a mail matched to it goes back to the
    unmatched ones. Its link and its requests for more time go with it (the audit keeps both). A report
    the unit sent through its link is kept: refused, saying so."""
    if session.scalar(select(UnitSubmissionRow.id).where(UnitSubmissionRow.expected_report_id == row.id)):
        raise BadInput(
            f"{row.unit.name} đã gửi báo cáo qua liên kết cho mốc này: không bỏ đơn vị khỏi danh sách "
            "phải nộp được (báo cáo và tệp đơn vị gửi phải được giữ). Nếu cần, hãy miễn nộp."
        )
    detach_reminders(session, row.id)
    session.execute(delete(ExtensionRequestRow).where(ExtensionRequestRow.expected_report_id == row.id))
    session.execute(delete(UnitLinkRow).where(UnitLinkRow.expected_report_id == row.id))
    session.execute(
        update(IncomingMailRow)
        .where(IncomingMailRow.expected_report_id == row.id)
        .values(expected_report_id=None)
    )
    session.delete(row)


def find_milestone(session: Session, plan_code: str, milestone_code: str) -> MilestoneRow | None:
    return session.scalars(
        select(MilestoneRow)
        .join(MilestoneRow.plan)
        .where(PlanRow.code == plan_code, MilestoneRow.code == milestone_code)
    ).one_or_none()


def find_unit(session: Session, code: str) -> UnitRow | None:
    return session.scalars(select(UnitRow).where(UnitRow.code == code)).one_or_none()


def latest_heartbeat(session: Session) -> Heartbeat | None:
    """What the daemon that swept last recorded (several may run on one database)."""
    row = session.scalars(
        select(HeartbeatRow).order_by(HeartbeatRow.last_sweep_at.desc().nulls_last()).limit(1)
    ).first()
    if row is None:
        return None
    return Heartbeat(
        row.last_sweep_at, row.next_sweep_at, timedelta(seconds=row.interval_seconds), row.stopped_at
    )


def record_heartbeat(
    session: Session,
    *,
    name: str,
    started_at: datetime,
    interval_seconds: int,
    last_sweep_at: datetime | None = None,
    next_sweep_at: datetime | None = None,
    stopped_at: datetime | None = None,
) -> None:
    """What this daemon last did and when it will sweep next (one row per daemon process)."""
    row = session.get(HeartbeatRow, name)
    if row is None:
        row = HeartbeatRow(name=name, started_at=started_at, interval_seconds=interval_seconds)
        session.add(row)
    row.started_at, row.interval_seconds, row.stopped_at = started_at, interval_seconds, stopped_at
    if last_sweep_at is not None:
        row.last_sweep_at = last_sweep_at
    row.next_sweep_at = next_sweep_at
