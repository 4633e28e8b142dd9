"""Who is expected, changed on purpose: `tracker expect add|remove` and the dashboard's roster forms.

A milestone's expected set is fixed from the roster on its plan's issue date (tracker.core.roster);
these acts are the only way to change it afterwards, each audited with who and why. Removing a unit
stops its reminders at once; adding one starts its ladder at the step due now (the next sweep sends
the highest step due and records the lower ones as superseded, never sending them in a burst).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from tracker.core.office import Office
from tracker.core.roster import Validity, why_not_add, why_not_remove
from tracker.errors import BadInput
from tracker.services.submissions import audited, known_codes, require_who_and_why, snapshot
from tracker.store.outbox import reattach_reminders
from tracker.store.repository import (
    find_expected_report,
    find_milestone,
    find_unit,
    remove_expected_report,
    report_from_row,
)
from tracker.store.tables import LOOK_AT_NEXT_SWEEP, ExpectedReportRow


def expect_add(
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
    """Add a unit to those expected to report for a milestone (a unit founded after the plan)."""
    require_who_and_why(by, note)
    plan, milestone = known_codes(session, office, plan_code, milestone_code, unit_code)
    unit, milestone_row = find_unit(session, unit_code), find_milestone(session, plan_code, milestone_code)
    assert unit is not None and milestone_row is not None, "known_codes found them loaded"
    today = now.astimezone(office.zone).date()
    refusal = why_not_add(
        plan,
        milestone,
        unit_code,
        expected=find_expected_report(session, plan_code, milestone_code, unit_code) is not None,
        validity=Validity(unit.valid_from, unit.valid_until),
        today=today,
    )
    if refusal:
        raise BadInput(refusal)
    row = ExpectedReportRow(
        milestone_id=milestone_row.id, unit_id=unit.id, added_at=now, next_reminder_at=LOOK_AT_NEXT_SWEEP
    )
    session.add(row)
    session.flush()
    reattach_reminders(session, row.id, plan_code, milestone_code, unit_code)
    return audited(session, row, (plan_code, milestone_code, unit_code), "expected.add", None, by, note, now)


def expect_remove(
    session: Session,
    office: Office,
    plan_code: str,
    milestone_code: str,
    unit_code: str,
    *,
    by: str,
    note: str,
    now: datetime,
) -> None:
    """Remove a unit from those expected to report for a milestone (a unit dissolved): its reminders
    still queued are cancelled; what was sent stays in the outbox, what was expected in the audit."""
    require_who_and_why(by, note)
    plan, milestone = known_codes(session, office, plan_code, milestone_code, unit_code)
    row = find_expected_report(session, plan_code, milestone_code, unit_code)
    report = report_from_row(row, plan_code, milestone_code) if row is not None else None
    refusal = why_not_remove(plan, milestone, unit_code, report)
    if refusal:
        raise BadInput(refusal)
    assert row is not None, "why_not_remove refuses a unit not expected"
    before = snapshot(row) | {"added_at": row.added_at.isoformat()}
    where = (plan_code, milestone_code, unit_code)
    audited(session, row, where, "expected.remove", before, by, note, now, kept=False)
    remove_expected_report(session, row)
