"""One sweep at T: decide and queue what is due, then send what the outbox holds.

`tracker remind`, the daemon's sweep job and the replay all call `Sweep.run(now)`; they differ only
in where `now` comes from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import formataddr

from jinja2 import Environment
from sqlalchemy import Engine, select
from sqlalchemy.orm import defer

from tracker.core.model import Organization
from tracker.core.office import Office
from tracker.mail.delivery import Transport
from tracker.mail.message import header_text
from tracker.services.outbox import Sender
from tracker.services.reminding import ReminderLine, Reminding, line_from_outbox
from tracker.store.db import session_factory
from tracker.store.repository import stored_config
from tracker.store.tables import OutboxRow


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
    owner: str  # this process, for leases
    should_stop: Callable[[], bool] = field(default=lambda: False)

    def office(self) -> Office:
        """The office as loaded, without the roster (see `stored_config`)."""
        with session_factory(self.engine)() as session:
            return Office.of(stored_config(session, with_units=False))

    def run(self, now: datetime, *, dry_run: bool = False) -> SweepResult:
        office = self.office()
        sessions = session_factory(self.engine)
        with sessions() as session, session.begin():
            mail_from = self.mail_from or default_mail_from(office.config.organization)
            decided = Reminding(office, self.templates, mail_from).queue_due(session, now, dry_run=dry_run)
        if dry_run:
            return SweepResult(decided)
        sender = Sender(self.engine, self.transport(), office.window, self.owner, self.should_stop)
        result = sender.send_due(now)
        tried = {a.outbox_id for a in result.attempts}
        keys = [line.key for line in decided]
        lines_of = select(OutboxRow).options(defer(OutboxRow.message))  # the lines need no email
        with sessions() as session:
            rows = {
                row.key: row
                for chunk in (keys[i : i + 500] for i in range(0, len(keys), 500))
                for row in session.scalars(lines_of.where(OutboxRow.key.in_(chunk)))
            }
            retried = [row for row in session.scalars(lines_of.where(OutboxRow.id.in_(tried)))]
        lines = [line_from_outbox(rows[key], office.zone) for key in keys if key in rows]
        lines += [
            line_from_outbox(row, office.zone)
            for row in retried
            if row.key not in rows and row.kind == "reminder"
        ]
        return SweepResult(lines, result.stopped)
