"""What intake reads and writes about the mailbox: how far each folder was read, which messages were
handled, and the outbox and roster facts a message is matched against."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager

from tracker.core.health import MailboxHealth, mailbox_health
from tracker.core.intake import DeliveryFailure, SentReminder
from tracker.core.reports import DeliveryState
from tracker.store.tables import (
    ExpectedReportRow,
    IncomingMailRow,
    MailboxPositionRow,
    MailboxReadRow,
    MilestoneRow,
    OutboxRow,
    PlanRow,
    UnitRow,
)


def last_uid(session: Session, folder: str, uidvalidity: int) -> int:
    """The last UID handled in `folder` as numbered by `uidvalidity` (0: nothing yet)."""
    row = session.get(MailboxPositionRow, (folder, uidvalidity))
    return row.last_uid if row else 0


def advance(session: Session, folder: str, uidvalidity: int, uid: int) -> None:
    """`uid` is handled: written in the same transaction as what was made of it."""
    row = session.get(MailboxPositionRow, (folder, uidvalidity))
    if row is None:
        session.add(MailboxPositionRow(folder=folder, uidvalidity=uidvalidity, last_uid=uid))
    elif uid > row.last_uid:
        row.last_uid = uid


def note_read(
    session: Session, folder: str, at: datetime, error: str = "", next_try: datetime | None = None
) -> None:
    """A read of `folder` at `at` went through (`error` ""), or failed with `error`, to be tried
    again at `next_try` (None: nothing will by itself)."""
    row = session.get(MailboxReadRow, folder)
    if row is None:
        row = MailboxReadRow(folder=folder, last_error="")
        session.add(row)
    if error:
        row.last_error, row.last_error_at, row.next_try_at = error, at, next_try
    else:
        row.last_read_at, row.next_try_at = at, None


def reading_health(session: Session) -> MailboxHealth | None:
    """How the mailbox is read, from the folder read last (another folder may have been set before);
    None when it never was."""
    rows = session.scalars(select(MailboxReadRow)).all()
    if not rows:
        return None
    row = max(rows, key=lambda r: max(t for t in (r.last_read_at, r.last_error_at) if t is not None))
    return mailbox_health(row.last_read_at, row.last_error, row.last_error_at, row.next_try_at)


def handled(session: Session, message_key: str) -> bool:
    return (
        session.scalar(select(IncomingMailRow.id).where(IncomingMailRow.message_key == message_key))
        is not None
    )


def sent_reminders(session: Session, message_ids: Iterable[str]) -> dict[str, SentReminder]:
    """The reminders of the outbox among these Message-IDs."""
    wanted = [m for m in dict.fromkeys(message_ids) if m]
    if not wanted:
        return {}
    query = select(OutboxRow.message_id, OutboxRow.id, OutboxRow.expected_report_id).where(
        OutboxRow.kind == "reminder", OutboxRow.message_id.in_(wanted)
    )
    return {mid: SentReminder(oid, report) for mid, oid, report in session.execute(query)}


def outstanding_of_contact(session: Session, address: str) -> tuple[int, ...]:
    """The outstanding reports (neither received nor exempted) of the units `address` is a contact
    of, oldest first. The roster is a few hundred units: their addresses are compared here rather
    than inside each database's own JSON functions."""
    if not address:
        return ()
    units = [
        unit_id
        for unit_id, emails, chair in session.execute(select(UnitRow.id, UnitRow.emails, UnitRow.chair_email))
        if address in {e.strip().lower() for e in [*(emails or []), chair or ""]}
    ]
    if not units:
        return ()
    query = (
        select(ExpectedReportRow.id)
        .where(
            ExpectedReportRow.unit_id.in_(units),
            ExpectedReportRow.received_on.is_(None),
            ExpectedReportRow.exempted_at.is_(None),
        )
        .order_by(ExpectedReportRow.id)
    )
    return tuple(session.scalars(query))


def outstanding_reports(session: Session, plans: Iterable[str]) -> list[ExpectedReportRow]:
    """Every report of these plans (in force) neither received nor exempted, of the active units, by
    plan, milestone and unit name: what a clerk may give a mail that matched none."""
    query = (
        select(ExpectedReportRow)
        .join(ExpectedReportRow.milestone)
        .join(MilestoneRow.plan)
        .join(ExpectedReportRow.unit)
        .where(
            PlanRow.code.in_(list(plans)),
            PlanRow.withdrawn_at.is_(None),
            UnitRow.active.is_(True),
            ExpectedReportRow.received_on.is_(None),
            ExpectedReportRow.exempted_at.is_(None),
        )
        .order_by(PlanRow.code, MilestoneRow.id, UnitRow.name, UnitRow.code)
        .options(contains_eager(ExpectedReportRow.milestone).contains_eager(MilestoneRow.plan))
        .options(contains_eager(ExpectedReportRow.unit))
    )
    return list(session.scalars(query))


def record_failures(session: Session, outbox_id: int, failures: Iterable[DeliveryFailure]) -> list[str]:
    """A bounce's failed recipients become the reminder's refused recipients (shown with the report
    and on the milestone's list like a refusal by our own server; the reminder counted as failed on
    the board once every recipient bounced); the addresses it names that the reminder was sent to."""
    row = session.get(OutboxRow, outbox_id)
    if row is None:
        return []
    addressed = {a.lower() for a in [*row.to_addrs, *row.cc_addrs]}
    recorded = [f for f in failures if f.recipient in addressed]
    if recorded:
        row.refused = dict(row.refused) | {f.recipient: f.status or "bounce" for f in recorded}
        if addressed <= set(row.refused):  # nobody got it: failed, as if our server had refused them all
            row.state = DeliveryState.FAILED.value
    return [f.recipient for f in recorded]
