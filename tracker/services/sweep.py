"""One sweep at T: decide and queue what is due, then send what the outbox holds.

`tracker remind`, the daemon's sweep job and the replay all call `Sweep.run(now)`; they differ only
in where `now` comes from.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import formataddr

from jinja2 import Environment
from sqlalchemy import Engine

from tracker.core.model import Organization
from tracker.core.office import Office
from tracker.mail.delivery import Transport
from tracker.mail.message import header_text
from tracker.services.links import UnitLinks
from tracker.services.outbox import Sender
from tracker.services.reminding import DueReminders, ReminderLine, line_from_outbox, put_off
from tracker.services.replies import ReplyAddresses
from tracker.store.db import reading_sessions, session_factory
from tracker.store.outbox import EmailKind, rows_by_id, rows_by_key
from tracker.store.repository import load_office

log = logging.getLogger(__name__)

PUT_OFF = timedelta(hours=1)  # how long a report that cannot be decided waits before another try


def default_mail_from(organization: Organization) -> str:
    """Without TRACKER_MAIL_FROM, emails come from the owner: "Ban Tổ chức - LĐLĐ tỉnh … <…>"."""
    # Names are typed by people: a line break in one must not make every reminder unsendable.
    name = header_text(f"{organization.owner.name} - {organization.name}")
    return formataddr((name, organization.owner.emails[0]))


@dataclass(frozen=True)
class SweepResult:
    lines: list[ReminderLine]  # every reminder the sweep decided or tried, with its state now
    stopped: str = ""  # why sending stopped early, for the operator


@dataclass
class Sweep:
    engine: Engine
    templates: Environment
    transport: Callable[[], Transport]  # a fresh transport per sending pass
    mail_from: str  # "" : the owner (Ban Tổ chức) of the loaded organization
    worker: str  # this process, as the holder of the outbox leases it takes
    should_stop: Callable[[], bool] = field(default=lambda: False)
    links: UnitLinks | None = None  # the units' personal links, when TRACKER_PUBLIC_URL is set
    replies: ReplyAddresses | None = None  # the reports' own reply addresses, when TRACKER_REPLY_TO is set

    def office(self) -> Office:
        """The office as loaded."""
        with reading_sessions(self.engine)() as session:
            return load_office(session)

    def sender(self, office: Office) -> Sender:
        """A sending pass for this process, in the office's sending window (the one place one is made)."""
        return Sender(self.engine, self.transport(), office.window, self.worker, self.should_stop)

    def run(self, now: datetime, *, dry_run: bool = False) -> SweepResult:
        office = self.office()
        sessions = session_factory(self.engine)
        mail_from = self.mail_from or default_mail_from(office.organization)
        reminders = DueReminders(office, self.templates, mail_from, self.links, self.replies)
        queued = reminders.queue(self.engine, now, dry_run=dry_run)
        if dry_run:
            return SweepResult(queued.lines)
        if queued.failed:
            # The crash-loop guard: a report that cannot be decided would fail every sweep the same
            # way. It waits an hour, written in a transaction of its own, and the others carry on.
            until = now + PUT_OFF
            with sessions() as session, session.begin():
                put_off(session, queued.failed, until)
            log.error("put off until %s: %s", until.isoformat(), ", ".join(r.key for r in queued.failed))
        result = self.sender(office).send_due(now)
        keys = [line.key for line in queued.lines]
        with reading_sessions(self.engine)() as session:
            rows = rows_by_key(session, keys)
            retried = rows_by_id(session, [a.outbox_id for a in result.attempts])
        lines = [line_from_outbox(rows[key], office.zone) for key in keys if key in rows]
        lines += [
            line_from_outbox(row, office.zone)
            for row in retried
            if row.key not in rows and row.kind == EmailKind.REMINDER
        ]
        return SweepResult(lines, result.stopped)
