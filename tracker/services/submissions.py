"""What an admin records about a report: received, undone, exempted. Each change is audited.

Every function checks its input first and raises BadInput with a message a clerk can act on (a
receipt: InvalidFields, a message per field); the caller's transaction then leaves the database as it
was. The CLI and the web forms call these functions with plain values and the person acting as `by`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from tracker.core.model import Milestone, Plan
from tracker.core.office import Office
from tracker.core.receipts import check_receipt
from tracker.core.status import exemption_starts
from tracker.core.suggest import did_you_mean
from tracker.errors import BadInput, InvalidFields
from tracker.store.outbox import cancel_queued_reminders, restore_cancelled_reminders
from tracker.store.repository import (
    find_expected_report,
    has_unit,
    record_audit,
    report_from_row,
    unit_codes,
)
from tracker.store.tables import LOOK_AT_NEXT_SWEEP, ExpectedReportRow


@dataclass(frozen=True)
class Receipt:
    """What the clerk types in when a report arrives."""

    received_on: date
    doc_number: str = ""
    by: str = ""
    note: str = ""
    channel: str = ""
    sections: tuple[str, ...] = ()
    figures: Mapping[str, str] = field(default_factory=dict)  # figure key → the text typed


def snapshot(row: ExpectedReportRow) -> dict[str, Any]:
    """What is recorded about a report, as the audit trail keeps it before and after a change."""
    return {
        "received_on": row.received_on.isoformat() if row.received_on else None,
        "doc_number": row.doc_number,
        "channel": row.channel,
        "sections": list(row.sections),
        "figures": dict(row.figures),
        "recorded_by": row.recorded_by,
        "note": row.note,
        "exempt": row.exempted_at is not None,
    } | ({"exempted_on": row.exempted_on.isoformat()} if row.exempted_on else {})


def audited(
    session: Session,
    row: ExpectedReportRow,
    where: tuple[str, str, str],
    action: str,
    before: dict[str, Any] | None,
    by: str,
    note: str,
    now: datetime,
    *,
    kept: bool = True,
) -> ExpectedReportRow:
    """Append the change of `row` (plan, milestone, unit in `where`) to the audit trail; `before` is
    None for a report just expected, `kept=False` for one about to be deleted (nothing after)."""
    plan, milestone, unit = where
    record_audit(
        session,
        at=now,
        actor=by,
        action=action,
        plan=plan,
        milestone=milestone,
        unit=unit,
        before=before,
        after=snapshot(row) if kept else None,
        note=note,
    )
    return row


def known_codes(
    session: Session, office: Office, plan_code: str, milestone_code: str, unit_code: str
) -> tuple[Plan, Milestone]:
    """The plan and milestone the codes name; BadInput naming a code not known."""
    plan = office.plan(plan_code)
    if plan is None:
        known = ", ".join(office.plans) or "(chưa nạp kế hoạch nào)"
        close = did_you_mean(plan_code, office.plans)
        raise BadInput(f"Không có kế hoạch '{plan_code}'.{close} Các kế hoạch hiện có: {known}.")
    milestone = plan.milestone(milestone_code)
    if milestone is None:
        codes = [m.code for m in plan.milestones]
        close = did_you_mean(milestone_code, codes)
        raise BadInput(
            f"Kế hoạch {plan_code} không có mốc '{milestone_code}'.{close} Các mốc: {', '.join(codes)}."
        )
    if not has_unit(session, unit_code):
        close = did_you_mean(unit_code, unit_codes(session))
        raise BadInput(f"Không có đơn vị mã '{unit_code}' trong danh sách đơn vị (units.csv).{close}")
    return plan, milestone


def _locate(
    session: Session, office: Office, plan_code: str, milestone_code: str, unit_code: str
) -> tuple[Plan, ExpectedReportRow]:
    plan, _milestone = known_codes(session, office, plan_code, milestone_code, unit_code)
    row = find_expected_report(session, plan_code, milestone_code, unit_code)
    if row is None:
        raise BadInput(
            f"Đơn vị {unit_code} không thuộc danh sách phải nộp báo cáo cho mốc {milestone_code} "
            f"của kế hoạch {plan_code}."
        )
    return plan, row


def receive(
    session: Session,
    office: Office,
    plan_code: str,
    milestone_code: str,
    unit_code: str,
    receipt: Receipt,
    *,
    replace: bool,
    now: datetime,
    force: bool = False,
) -> ExpectedReportRow:
    """Record a report as received. A second receive is refused unless `replace` (audited as such); a
    date before the plan was issued unless `force`."""
    plan, row = _locate(session, office, plan_code, milestone_code, unit_code)
    checked = check_receipt(
        plan,
        report_from_row(row, plan_code, milestone_code),
        received_on=receipt.received_on,
        sections=receipt.sections,
        figures=receipt.figures,
        today=now.astimezone(office.zone).date(),
        replace=replace,
        force=force,
    )
    if not checked.ok:
        raise InvalidFields(checked.problems)
    before = snapshot(row)
    row.received_on = receipt.received_on
    row.doc_number = receipt.doc_number
    row.channel = receipt.channel
    row.sections = list(checked.sections)
    row.figures = checked.figures
    row.recorded_by = receipt.by
    row.recorded_at = now
    row.note = receipt.note
    row.exempted_on, row.exempted_at, row.exempted_by = None, None, ""
    cancel_queued_reminders(session, row.id)
    replaced = before["received_on"] is not None or before["exempt"]
    action = "submission.replace" if replaced else "submission.receive"
    return audited(
        session, row, (plan_code, milestone_code, unit_code), action, before, receipt.by, receipt.note, now
    )


def unreceive(
    session: Session,
    office: Office,
    plan_code: str,
    milestone_code: str,
    unit_code: str,
    *,
    by: str,
    note: str,
    now: datetime,
) -> ExpectedReportRow:
    """Undo a receive recorded by mistake: the report is outstanding again (the audit keeps it)."""
    _plan, row = _locate(session, office, plan_code, milestone_code, unit_code)
    if row.received_on is None:
        raise BadInput(
            f"Báo cáo của đơn vị {unit_code} cho mốc {milestone_code} chưa được ghi nhận, không có gì để huỷ."
        )
    before = snapshot(row)
    row.received_on, row.doc_number, row.channel = None, "", ""
    row.sections, row.figures = [], {}
    row.recorded_by, row.recorded_at, row.note = "", None, ""
    row.next_reminder_at = LOOK_AT_NEXT_SWEEP  # outstanding again: its ladder resumes
    restore_cancelled_reminders(session, row.id, now)
    return audited(
        session, row, (plan_code, milestone_code, unit_code), "submission.unreceive", before, by, note, now
    )


def exempt(
    session: Session,
    office: Office,
    plan_code: str,
    milestone_code: str,
    unit_code: str,
    *,
    by: str,
    note: str,
    now: datetime,
    on: date | None = None,
) -> ExpectedReportRow:
    """Exempt a unit from a milestone, decided `on` a day (default: today in the plan's zone): it is
    no longer reminded, and counts as exempt from that day (a status as of an earlier day does not
    show it)."""
    _plan, row = _locate(session, office, plan_code, milestone_code, unit_code)
    if row.exempted_at is not None:
        raise BadInput(f"Đơn vị {unit_code} đã được miễn nộp cho mốc {milestone_code}.")
    if row.received_on is not None:
        raise BadInput(
            f"Báo cáo của đơn vị {unit_code} cho mốc {milestone_code} đã được ghi nhận; "
            "huỷ ghi nhận (unreceive) trước nếu muốn miễn nộp."
        )
    zone = office.zone
    today = now.astimezone(zone).date()
    decided = on or today
    if decided > today:
        raise InvalidFields(
            {"on": f"Ngày miễn nộp {decided:%d/%m/%Y} ở tương lai (hôm nay là {today:%d/%m/%Y})."}
        )
    before = snapshot(row)
    row.exempted_on, row.exempted_by = decided, by
    row.exempted_at = exemption_starts(decided, now, zone)
    cancel_queued_reminders(session, row.id)
    return audited(
        session, row, (plan_code, milestone_code, unit_code), "submission.exempt", before, by, note, now
    )


def unexempt(
    session: Session,
    office: Office,
    plan_code: str,
    milestone_code: str,
    unit_code: str,
    *,
    by: str,
    note: str,
    now: datetime,
) -> ExpectedReportRow:
    """Undo an exemption: the report is outstanding again; the reminders the exemption cancelled are
    queued again and the ladder resumes at the next sweep (a step already sent is never sent again)."""
    require_who_and_why(by, note)
    _plan, row = _locate(session, office, plan_code, milestone_code, unit_code)
    if row.exempted_at is None:
        raise BadInput(f"Đơn vị {unit_code} chưa được miễn nộp cho mốc {milestone_code}, không có gì để huỷ.")
    before = snapshot(row)
    row.exempted_on, row.exempted_at, row.exempted_by = None, None, ""
    row.next_reminder_at = LOOK_AT_NEXT_SWEEP
    restore_cancelled_reminders(session, row.id, now)
    return audited(
        session, row, (plan_code, milestone_code, unit_code), "submission.unexempt", before, by, note, now
    )


def require_who_and_why(by: str, note: str) -> None:
    """An act that changes who is asked for a report is recorded with who did it and why."""
    problems: dict[str, str] = {}
    if not by.strip():
        problems["by"] = "Hãy ghi tên người thực hiện: thao tác này được lưu vết."
    if not note.strip():
        problems["note"] = "Hãy ghi lý do: thao tác này được lưu vết."
    if problems:
        raise InvalidFields(problems)
