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

from tracker.core.model import Plan
from tracker.core.office import Office
from tracker.core.receipts import check_receipt
from tracker.errors import BadInput, InvalidFields
from tracker.store.outbox import cancel_queued_reminders, restore_cancelled_reminders
from tracker.store.repository import find_expected_report, has_unit, record_audit, report_from_row
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


def _snapshot(row: ExpectedReportRow) -> dict[str, Any]:
    return {
        "received_on": row.received_on.isoformat() if row.received_on else None,
        "doc_number": row.doc_number,
        "channel": row.channel,
        "sections": list(row.sections),
        "figures": dict(row.figures),
        "recorded_by": row.recorded_by,
        "note": row.note,
        "exempt": row.exempted_at is not None,
    }


def _audited(
    session: Session,
    row: ExpectedReportRow,
    where: tuple[str, str, str],
    action: str,
    before: dict[str, Any],
    by: str,
    note: str,
    now: datetime,
) -> ExpectedReportRow:
    """Append the change of `row` (plan, milestone, unit in `where`) to the audit trail."""
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
        after=_snapshot(row),
        note=note,
    )
    return row


def _locate(
    session: Session, office: Office, plan_code: str, milestone_code: str, unit_code: str
) -> tuple[Plan, ExpectedReportRow]:
    plan = office.plan(plan_code)
    if plan is None:
        known = ", ".join(office.plans) or "(chưa nạp kế hoạch nào)"
        raise BadInput(f"Không có kế hoạch '{plan_code}'. Các kế hoạch hiện có: {known}.")
    if plan.milestone(milestone_code) is None:
        known = ", ".join(m.code for m in plan.milestones)
        raise BadInput(f"Kế hoạch {plan_code} không có mốc '{milestone_code}'. Các mốc: {known}.")
    if not has_unit(session, unit_code):
        raise BadInput(f"Không có đơn vị mã '{unit_code}' trong danh sách đơn vị (units.csv).")
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
) -> ExpectedReportRow:
    """Record a report as received. A second receive is refused unless `replace` (audited as such)."""
    plan, row = _locate(session, office, plan_code, milestone_code, unit_code)
    checked = check_receipt(
        plan,
        report_from_row(row, plan_code, milestone_code),
        received_on=receipt.received_on,
        sections=receipt.sections,
        figures=receipt.figures,
        today=now.astimezone(office.zone).date(),
        replace=replace,
    )
    if not checked.ok:
        raise InvalidFields(checked.problems)
    before = _snapshot(row)
    row.received_on = receipt.received_on
    row.doc_number = receipt.doc_number
    row.channel = receipt.channel
    row.sections = list(checked.sections)
    row.figures = checked.figures
    row.recorded_by = receipt.by
    row.recorded_at = now
    row.note = receipt.note
    row.exempted_at, row.exempted_by = None, ""
    cancel_queued_reminders(session, row.id)
    replaced = before["received_on"] is not None or before["exempt"]
    action = "submission.replace" if replaced else "submission.receive"
    return _audited(
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
    before = _snapshot(row)
    row.received_on, row.doc_number, row.channel = None, "", ""
    row.sections, row.figures = [], {}
    row.recorded_by, row.recorded_at, row.note = "", None, ""
    row.next_reminder_at = LOOK_AT_NEXT_SWEEP  # outstanding again: its ladder resumes
    restore_cancelled_reminders(session, row.id, now)
    return _audited(
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
) -> ExpectedReportRow:
    """Exempt a unit from a milestone: it is no longer reminded and counts as exempt."""
    _plan, row = _locate(session, office, plan_code, milestone_code, unit_code)
    if row.exempted_at is not None:
        raise BadInput(f"Đơn vị {unit_code} đã được miễn nộp cho mốc {milestone_code}.")
    if row.received_on is not None:
        raise BadInput(
            f"Báo cáo của đơn vị {unit_code} cho mốc {milestone_code} đã được ghi nhận; "
            "huỷ ghi nhận (unreceive) trước nếu muốn miễn nộp."
        )
    before = _snapshot(row)
    row.exempted_at, row.exempted_by = now, by
    cancel_queued_reminders(session, row.id)
    return _audited(
        session, row, (plan_code, milestone_code, unit_code), "submission.exempt", before, by, note, now
    )
