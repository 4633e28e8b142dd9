"""What the dashboard's board shows: every open plan's milestones with their numbers at a moment,
counted in the database (the board stays fast with 100,000 units: it reads no report one by one), the
daemon's health, and how many reminders reached none of their recipients."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.core.digest import MilestoneTally, plan_is_open
from tracker.core.health import DaemonHealth, MailboxHealth, MailHealth, daemon_health
from tracker.core.model import Plan, ReportState
from tracker.core.office import Office
from tracker.core.status import state_rule
from tracker.services.extensions import WaitingRequest, waiting_requests
from tracker.services.roll import state_counts
from tracker.services.status import outbox_health
from tracker.store.mailbox import reading_health
from tracker.store.outbox import failed_reminder_count
from tracker.store.repository import latest_heartbeat
from tracker.store.tables import MilestoneRow, PlanRow


@dataclass(frozen=True)
class BoardPlan:
    plan: Plan
    milestones: tuple[MilestoneTally, ...]


@dataclass(frozen=True)
class Board:
    as_of: datetime
    zone: ZoneInfo
    plans: tuple[BoardPlan, ...]  # the open plans, as the digest has them, milestones nobody owes left out
    health: DaemonHealth | None  # None when no daemon ever recorded a sweep
    failed_reminders: int  # reminders whose every recipient the mail server refused
    mail: MailHealth  # what waits to leave, why, and who was refused
    mailbox: MailboxHealth | None  # how the mailbox is read; None when it never was
    extension_requests: tuple[WaitingRequest, ...]  # units' requests for more time, waiting for an answer


def board(session: Session, office: Office, now: datetime) -> Board:
    today = now.astimezone(office.zone).date()
    ids = {
        (plan, milestone): milestone_id
        for milestone_id, plan, milestone in session.execute(
            select(MilestoneRow.id, PlanRow.code, MilestoneRow.code).join(MilestoneRow.plan)
        )
    }
    plans = []
    for plan in office.plans.values():
        if not plan_is_open(plan, today):
            continue
        tallies = []
        for milestone in plan.milestones:
            milestone_id = ids.get((plan.code, milestone.code))
            if milestone_id is None:
                continue
            deadline = office.deadline(plan, milestone)
            counts = state_counts(session, milestone_id, state_rule(deadline, now))
            if not counts:
                continue
            tallies.append(
                MilestoneTally(
                    milestone=milestone,
                    deadline=deadline,
                    today=today,
                    expected=sum(counts.values()),
                    received_on_time=counts.get(ReportState.RECEIVED, 0),
                    received_late=counts.get(ReportState.RECEIVED_LATE, 0),
                    exempt=counts.get(ReportState.EXEMPT, 0),
                )
            )
        if tallies:
            plans.append(BoardPlan(plan, tuple(tallies)))
    heartbeat = latest_heartbeat(session)
    health = daemon_health(heartbeat, now) if heartbeat else None
    mail = outbox_health(session, office, now)
    return Board(
        now,
        office.zone,
        tuple(plans),
        health,
        failed_reminder_count(session),
        mail,
        reading_health(session),
        tuple(waiting_requests(session)),
    )
