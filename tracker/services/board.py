"""What the dashboard's board shows: the digest's numbers for every open plan at a moment, the
daemon's health, and how many reminders reached none of their recipients."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.core.digest import Digest
from tracker.core.reports import DeliveryState
from tracker.services.digests import gather_digest
from tracker.store.tables import OutboxRow


@dataclass(frozen=True)
class Board:
    digest: Digest  # its plans, milestones, numbers and the daemon's health, as the digest has them
    failed_reminders: int  # reminders whose every recipient the mail server refused


def board(session: Session, now: datetime) -> Board:
    failed = session.scalar(
        select(func.count())
        .select_from(OutboxRow)
        .where(OutboxRow.kind == "reminder", OutboxRow.state == DeliveryState.FAILED.value)
    )
    return Board(gather_digest(session, now).digest, failed or 0)
