"""Where every expected report stands at a moment, and whether reminders still go out.

`tracker status` and the web's board call this; they differ only in how they show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from tracker.core.health import DaemonHealth, MailboxHealth, MailHealth, daemon_health, mail_health
from tracker.core.office import Office
from tracker.core.status import StatusLine, status_lines
from tracker.errors import BadInput
from tracker.store.mailbox import reading_health
from tracker.store.outbox import mail_health_facts
from tracker.store.repository import latest_heartbeat, status_sources


@dataclass(frozen=True)
class OfficeStatus:
    lines: list[StatusLine]  # every expected report (of one plan, or all) at the moment asked
    health: DaemonHealth | None  # now, not at that moment; None when no daemon ever swept
    mail: MailHealth  # the outbox now: what waits to leave, why, and who was refused
    mailbox: MailboxHealth | None  # how the mailbox is read; None when it never was


def office_status(
    session: Session, office: Office, as_of: datetime, now: datetime, plan_code: str | None = None
) -> OfficeStatus:
    """The state of every expected report at `as_of` (of `plan_code` only, when given), and the daemon's
    health at `now`. An unknown plan is bad input."""
    if plan_code is not None and office.plan(plan_code) is None:
        raise BadInput(f"Không có kế hoạch '{plan_code}'.")
    lines = status_lines(office, status_sources(session, plan_code), as_of)
    heartbeat = latest_heartbeat(session)
    return OfficeStatus(
        lines,
        daemon_health(heartbeat, now) if heartbeat else None,
        outbox_health(session, office, now),
        reading_health(session),
    )


def outbox_health(session: Session, office: Office, now: datetime) -> MailHealth:
    """The mail that waits to leave at `now`, and whether it is stuck (tracker.core.health)."""
    return mail_health(*mail_health_facts(session, now), office.window, now)
