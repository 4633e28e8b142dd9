"""The reminders still to come: what `tracker schedule` and the web's schedule page show."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from tracker.core.office import Office
from tracker.core.suggest import did_you_mean
from tracker.errors import BadInput
from tracker.services.reminding import UpcomingLine, upcoming_reminders
from tracker.store.repository import has_unit, unit_codes


def coming_reminders(
    session: Session,
    office: Office,
    after: datetime,
    *,
    plan_code: str | None = None,
    unit_code: str | None = None,
) -> list[UpcomingLine]:
    """Every reminder still to come after `after`, by time (of one plan or unit when given); an unknown
    plan or unit is bad input, not an empty schedule."""
    if plan_code and office.plan(plan_code) is None:
        close = did_you_mean(plan_code, office.plans)
        raise BadInput(
            f"Không có kế hoạch '{plan_code}'.{close} Các kế hoạch hiện có: {', '.join(office.plans)}."
        )
    if unit_code and not has_unit(session, unit_code):
        close = did_you_mean(unit_code, unit_codes(session))
        raise BadInput(f"Không có đơn vị mã '{unit_code}' trong danh sách đơn vị (units.csv).{close}")
    return upcoming_reminders(session, office, after, plan_code=plan_code, unit_code=unit_code)
