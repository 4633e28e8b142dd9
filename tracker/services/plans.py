"""A loaded plan as a clerk needs to see it before typing a command: its milestones with their
deadlines and how many units owe each, and the keys of its sections and figures (`tracker plan show`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.core.deadlines import Deadline
from tracker.core.model import Milestone, Plan
from tracker.core.office import Office
from tracker.core.suggest import did_you_mean
from tracker.errors import BadInput
from tracker.store.tables import ExpectedReportRow, MilestoneRow, PlanRow


@dataclass(frozen=True)
class MilestoneLine:
    milestone: Milestone
    deadline: Deadline
    expected: int  # units that owe it


@dataclass(frozen=True)
class PlanSheet:
    plan: Plan
    milestones: tuple[MilestoneLine, ...]


def plan_sheet(session: Session, office: Office, plan_code: str) -> PlanSheet:
    plan = office.plan(plan_code)
    if plan is None:
        close = did_you_mean(plan_code, office.plans)
        known = ", ".join(office.plans) or "(chưa nạp kế hoạch nào)"
        raise BadInput(f"Không có kế hoạch '{plan_code}'.{close} Các kế hoạch hiện có: {known}.")
    counted = session.execute(
        select(MilestoneRow.code, func.count(ExpectedReportRow.id))
        .join(MilestoneRow.plan)
        .outerjoin(ExpectedReportRow, ExpectedReportRow.milestone_id == MilestoneRow.id)
        .where(PlanRow.code == plan_code)
        .group_by(MilestoneRow.code)
    )
    expected: dict[str, int] = {code: count for code, count in counted}
    lines = tuple(
        MilestoneLine(m, office.deadline(plan, m), expected.get(m.code, 0)) for m in plan.milestones
    )
    return PlanSheet(plan, lines)
