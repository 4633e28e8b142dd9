"""The outbox: every email decided, once. Its keys, its rows, claiming them for sending, recording
the server's answers, cancelling, and reading them back.

A unique key per email (reminders: one per plan, milestone, unit, step, repeat and deadline
version; digests: one per period) makes each decision happen once across restarts and several
daemons: rows are inserted "or nothing". Claiming marks rows `sending` under a lease held by one
worker (a process) in a short transaction (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: the whole
transaction is BEGIN IMMEDIATE), so no row lock is held while a mail server is talked to. A
worker that dies mid-send leaves its rows `sending` until the lease is over; another then sends
them again: at most one duplicate, never a loss. Every time comes from the caller's `now`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Connection, Text, and_, cast, func, or_, select, update
from sqlalchemy.orm import Session, defer

from tracker.core.delivery import AnswerOutcome, ClaimedEmail
from tracker.core.reports import DeliveryState, ReminderRecord
from tracker.core.status import ReportFacts
from tracker.store.db import conflict_insert
from tracker.store.tables import ExpectedReportRow, MilestoneRow, OutboxRow, PlanRow, UnitRow

LEASE = timedelta(minutes=10)  # longer than any one send (timeouts are well under a minute)
READ_BATCH = 2_000  # outbox rows fetched at a time by `reminder_log`
KEYS_PER_QUERY = 500  # keys or ids bound in one IN (…) (SQLite allows ~32k bound parameters)


class EmailKind(StrEnum):
    REMINDER = "reminder"
    DIGEST = "digest"
    RETURN = "return"  # a report returned to its unit, with the reason (tracker.services.unit_submissions)
    ANSWER = "answer"  # the answer to a unit's request for more time (tracker.services.extensions)


@dataclass(frozen=True)
class ReminderKey:
    """What makes a reminder one email: (plan, milestone, unit, step, repeat, deadline version, and
    the round of the unit's ladder: 0, or n after its n-th extension)."""

    plan: str
    milestone: str
    unit: str
    step: str
    repeat: int
    deadline_version: int
    extension: int = 0

    def __str__(self) -> str:
        round_ = f"/e{self.extension}" if self.extension else ""  # keys made before rounds stay as they were
        return (
            f"reminder:{self.plan}/{self.milestone}/{self.unit}/"
            f"{self.step}/{self.repeat}/v{self.deadline_version}{round_}"
        )


def digest_key(period: datetime) -> str:
    """The digest of the period starting at `period` (when it became due)."""
    return f"digest:{period.isoformat()}"


@dataclass(frozen=True)
class Email:
    """An email rendered once, as the server receives it: every attempt sends these bytes."""

    message_id: str
    subject: str
    data: bytes
    to: tuple[str, ...]
    cc: tuple[str, ...]


def new_row(
    *,
    state: DeliveryState,
    due_at: datetime,
    now: datetime,
    email: Email | None,
    reminder: ReminderKey | None = None,
    expected_report_id: int | None = None,
) -> dict[str, Any]:
    """Every column of a new outbox row, decided at `now`: a reminder of the report
    `expected_report_id` when `reminder` is given, else the digest of the period `due_at`.

    `email` is None for a row that is only logged, never sent (a superseded step). Every row names
    the same columns, so a batch of them is inserted as one executemany.
    """
    recipients = list(dict.fromkeys([*email.to, *email.cc])) if email else []
    return {
        "key": digest_key(due_at) if reminder is None else str(reminder),
        "kind": EmailKind.DIGEST if reminder is None else EmailKind.REMINDER,
        "expected_report_id": expected_report_id,
        "plan_code": reminder.plan if reminder else "",
        "milestone_code": reminder.milestone if reminder else "",
        "unit_code": reminder.unit if reminder else "",
        "step_key": reminder.step if reminder else "",
        "repeat": reminder.repeat if reminder else 0,
        "deadline_version": reminder.deadline_version if reminder else 1,
        "extension": reminder.extension if reminder else 0,
        "state": state.value,
        "due_at": due_at,
        "created_at": now,
        "message_id": email.message_id if email else "",
        "subject": email.subject if email else "",
        "message": email.data if email else b"",
        "to_addrs": list(email.to) if email else [],
        "cc_addrs": list(email.cc) if email else [],
        "remaining": recipients,
        "refused": {},
        "attempts": 0,
        "next_attempt_at": now if email else None,
        "lease_worker": "",
        "last_reply": "",
    }


def _insert_or_nothing(session: Session) -> Any:
    return conflict_insert(session, OutboxRow).on_conflict_do_nothing(index_elements=["key"])


def insert_new(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert rows made by `new_row`; one whose key another sweep has just written is left as that
    sweep made it."""
    if rows:
        # One statement run for every row (executemany): a multi-row VALUES would be compiled anew
        # for each batch, with thousands of bound parameters.
        session.execute(_insert_or_nothing(session), rows)


def insert_one(session: Session, row: dict[str, Any]) -> bool:
    """Insert one row made by `new_row` unless its key is taken; True when this call inserted it."""
    inserted = session.execute(_insert_or_nothing(session).values(row).returning(OutboxRow.id))
    return inserted.first() is not None


def is_queued(session: Session, key: str) -> bool:
    return session.scalar(select(OutboxRow.id).where(OutboxRow.key == key)) is not None


# -- sending ---------------------------------------------------------------------------------------


def _claimable(now: datetime) -> ColumnElement[bool]:
    return or_(
        and_(OutboxRow.state == DeliveryState.PENDING.value, OutboxRow.next_attempt_at <= now),
        # A worker that died mid-send leaves its rows `sending`; once the lease is over they are fair game.
        and_(OutboxRow.state == DeliveryState.SENDING.value, OutboxRow.lease_until < now),
    )


Round = tuple[int, int]
"""The deadline a report's reminders are made for now: (the milestone's deadline version, the number of
extensions granted to the unit). A reminder made for another one is no longer wanted."""


def _outstanding(
    db: Session | Connection, report_ids: Iterable[int], now: datetime, zone: ZoneInfo
) -> dict[int, Round]:
    """The reports among `report_ids` still outstanding at `now` (the core's rule), of a unit still
    active (one that left the roster gets nothing more) and of a plan not withdrawn, with their current
    round."""
    return {
        report_id: (version, extensions)
        for report_id, received_on, exempted_at, version, extensions in db.execute(
            select(
                ExpectedReportRow.id,
                ExpectedReportRow.received_on,
                ExpectedReportRow.exempted_at,
                MilestoneRow.deadline_version,
                ExpectedReportRow.extensions,
            )
            .join(ExpectedReportRow.milestone)
            .join(ExpectedReportRow.unit)
            .join(MilestoneRow.plan)
            .where(
                ExpectedReportRow.id.in_(list(report_ids)),
                UnitRow.active.is_(True),
                PlanRow.withdrawn_at.is_(None),
            )
        )
        if ReportFacts(received_on, exempted_at).outstanding(now, zone)
    }


def _still_wanted(session: Session, rows: Sequence[OutboxRow], now: datetime, zone: ZoneInfo) -> set[int]:
    """The reminder rows whose report is still outstanding at `now`, for the deadline they were made for."""
    report_ids = {r.expected_report_id for r in rows if r.expected_report_id is not None}
    if not report_ids:
        return set()
    outstanding = _outstanding(session, report_ids, now, zone)
    return {
        r.id
        for r in rows
        if r.expected_report_id in outstanding
        and outstanding[r.expected_report_id] == (r.deadline_version, r.extension)
    }


@dataclass(frozen=True)
class ReminderFor:
    """The report a claimed reminder was made for, and for which of its deadlines."""

    outbox_id: int
    expected_report_id: int
    deadline_version: int
    extension: int


def reminder_for(row: OutboxRow) -> ReminderFor | None:
    """None for a digest."""
    if row.expected_report_id is None:
        return None
    return ReminderFor(row.id, row.expected_report_id, row.deadline_version, row.extension)


def cancel_unless_wanted(
    connection: Connection, reminder: ReminderFor, now: datetime, zone: ZoneInfo
) -> bool:
    """Right before a claimed reminder is sent: True when its report is still outstanding at `now`
    for the deadline it was made for (one read by primary key); else it is cancelled, and False."""
    outstanding = _outstanding(connection, [reminder.expected_report_id], now, zone)
    if outstanding.get(reminder.expected_report_id) == (reminder.deadline_version, reminder.extension):
        return True
    connection.execute(
        update(OutboxRow)
        .where(OutboxRow.id == reminder.outbox_id, OutboxRow.state == DeliveryState.SENDING.value)
        .values(state=DeliveryState.CANCELLED.value, lease_until=None, lease_worker="")
    )
    return False


def claim(
    session: Session,
    now: datetime,
    worker: str,
    zone: ZoneInfo,
    limit: int,
    *,
    lease_until: datetime | None = None,
    key: str | None = None,
) -> list[OutboxRow]:
    """Take up to `limit` rows due at `now` (only the one of `key`, when given) under a lease held by
    `worker` until `lease_until` (default: `now` + LEASE); cancel the reminders no longer wanted (their
    report recorded or exempted, or their deadline changed). `zone`: the office's, in which received
    dates are days."""
    query = (
        select(OutboxRow)
        .where(_claimable(now))
        .order_by(OutboxRow.next_attempt_at, OutboxRow.id)
        .limit(limit)
    )
    if key is not None:
        query = query.where(OutboxRow.key == key)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    rows = list(session.scalars(query))
    lease_until = lease_until or now + LEASE
    wanted = _still_wanted(session, [r for r in rows if r.kind == EmailKind.REMINDER], now, zone)
    claimed = []
    for row in rows:
        if row.kind == EmailKind.REMINDER and row.id not in wanted:
            row.state = DeliveryState.CANCELLED.value
            continue
        row.state, row.lease_until, row.lease_worker = DeliveryState.SENDING.value, lease_until, worker
        row.attempts += 1
        claimed.append(row)
    return claimed


def claimed_email(row: OutboxRow) -> ClaimedEmail:
    """What recording the answer for a claimed row needs, read when it was claimed: the answer is
    then written with one UPDATE by primary key, without loading the row again."""
    return ClaimedEmail(row.id, len(row.to_addrs) + len(row.cc_addrs), dict(row.refused), row.attempts)


def record_answer(connection: Connection, outbox_id: int, outcome: AnswerOutcome) -> None:
    """Write what a server's answer made of a claimed row, and end its lease."""
    connection.execute(
        update(OutboxRow)
        .where(OutboxRow.id == outbox_id)
        .values(
            {
                OutboxRow.state: outcome.state.value,
                OutboxRow.refused: outcome.refused,
                OutboxRow.remaining: list(outcome.remaining),
                OutboxRow.last_reply: outcome.last_reply,
                OutboxRow.attempts: outcome.attempts,
                OutboxRow.next_attempt_at: outcome.next_attempt_at,
                OutboxRow.sent_at: outcome.sent_at,
                OutboxRow.lease_until: None,
                OutboxRow.lease_worker: "",
            }
        )
    )
    if outcome.sent_at is not None:  # a reminder that left is its report's last one (if the latest)
        report = (
            select(OutboxRow.expected_report_id)
            .where(OutboxRow.id == outbox_id, OutboxRow.kind == "reminder")
            .scalar_subquery()
        )
        connection.execute(
            update(ExpectedReportRow)
            .where(
                ExpectedReportRow.id == report,
                or_(
                    ExpectedReportRow.last_reminder_at.is_(None),
                    ExpectedReportRow.last_reminder_at < outcome.sent_at,
                ),
            )
            .values(last_reminder_at=outcome.sent_at)
        )


def renew_leases(connection: Connection, worker: str, until: datetime) -> None:
    """The rows `worker` is sending stay its own until `until`."""
    connection.execute(
        update(OutboxRow)
        .where(OutboxRow.state == DeliveryState.SENDING.value, OutboxRow.lease_worker == worker)
        .values(lease_until=until)
    )


def lease_holders(session: Session) -> set[str]:
    """The workers holding a lease on some row, expired or not."""
    query = select(OutboxRow.lease_worker).where(OutboxRow.state == DeliveryState.SENDING.value).distinct()
    return set(session.scalars(query))


def reclaim(session: Session, workers: Iterable[str], now: datetime) -> None:
    """The rows leased by `workers`, known to be gone, are due again at once, without waiting for
    their leases to end (a send they had begun may have reached the server: one duplicate at most)."""
    session.execute(
        update(OutboxRow)
        .where(OutboxRow.state == DeliveryState.SENDING.value, OutboxRow.lease_worker.in_(list(workers)))
        .values(state=DeliveryState.PENDING.value, next_attempt_at=now, lease_until=None, lease_worker="")
    )


def release(session: Session, ids: Iterable[int], now: datetime) -> None:
    """Give claimed rows back untried (shutdown, or sending stopped): pending again, attempt not counted."""
    for row in session.scalars(select(OutboxRow).where(OutboxRow.id.in_(list(ids)))):
        row.state, row.lease_until, row.lease_worker = DeliveryState.PENDING.value, None, ""
        row.next_attempt_at = min(row.next_attempt_at or now, now)
        row.attempts -= 1


def pause_until(session: Session, moment: datetime) -> None:
    """Nothing waiting is tried again before `moment` (a spent daily quota)."""
    session.execute(
        update(OutboxRow)
        .where(OutboxRow.state == DeliveryState.PENDING.value, OutboxRow.next_attempt_at < moment)
        .values(next_attempt_at=moment)
    )


def cancel_queued_reminders(session: Session, expected_report_id: int) -> None:
    """A report recorded or exempted: its reminders still queued will not leave."""
    session.execute(
        update(OutboxRow)
        .where(
            OutboxRow.expected_report_id == expected_report_id,
            OutboxRow.state == DeliveryState.PENDING.value,
        )
        .values(state=DeliveryState.CANCELLED.value)
    )


def restore_cancelled_reminders(session: Session, expected_report_id: int, now: datetime) -> None:
    """A receipt or exemption undone: the reminders it cancelled (for the current deadline) are
    queued again, to leave at the next sending pass; the ladder then resumes where it was."""
    current_version = (
        select(MilestoneRow.deadline_version)
        .join(ExpectedReportRow, ExpectedReportRow.milestone_id == MilestoneRow.id)
        .where(ExpectedReportRow.id == expected_report_id)
        .scalar_subquery()
    )
    current_round = (
        select(ExpectedReportRow.extensions)
        .where(ExpectedReportRow.id == expected_report_id)
        .scalar_subquery()
    )
    session.execute(
        update(OutboxRow)
        .where(
            OutboxRow.expected_report_id == expected_report_id,
            OutboxRow.state == DeliveryState.CANCELLED.value,
            OutboxRow.deadline_version == current_version,
            OutboxRow.extension == current_round,
        )
        .values(state=DeliveryState.PENDING.value, next_attempt_at=now)
    )


def detach_reminders(session: Session, expected_report_id: int) -> None:
    """A report no longer expected (about to be deleted): its reminders still queued will not leave;
    all of them keep their plan, milestone and unit codes, as the history of what was decided, and
    lose their link to the report until `reattach_reminders`."""
    cancel_queued_reminders(session, expected_report_id)
    session.execute(
        update(OutboxRow)
        .where(OutboxRow.expected_report_id == expected_report_id)
        .values(expected_report_id=None)
    )


def reattach_reminders(
    session: Session, expected_report_id: int, plan: str, milestone: str, unit: str
) -> None:
    """A report expected again takes back the reminders it had (by its plan, milestone and unit codes),
    so that no step already decided for it is decided again."""
    session.execute(
        update(OutboxRow)
        .where(
            OutboxRow.kind == "reminder",
            OutboxRow.expected_report_id.is_(None),
            OutboxRow.plan_code == plan,
            OutboxRow.milestone_code == milestone,
            OutboxRow.unit_code == unit,
        )
        .values(expected_report_id=expected_report_id)
    )


# -- reading back ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoggedReminder:
    """What deciding a report's next reminder needs of one already in the outbox."""

    step_key: str
    repeat: int
    state: str
    message_id: str


def logged_reminders(session: Session, rounds: Mapping[int, Round]) -> dict[int, list[LoggedReminder]]:
    """The reminders of each report in `rounds` (report id -> its current round) made in that round,
    oldest first."""
    found: dict[int, list[LoggedReminder]] = defaultdict(list)
    query = (
        select(
            OutboxRow.expected_report_id,
            OutboxRow.deadline_version,
            OutboxRow.extension,
            OutboxRow.step_key,
            OutboxRow.repeat,
            OutboxRow.state,
            OutboxRow.message_id,
        )
        .where(OutboxRow.expected_report_id.in_(list(rounds)))
        .order_by(OutboxRow.id)
    )
    for report_id, version, extension, step_key, repeat, state, message_id in session.execute(query):
        assert report_id is not None, "selected by its report"
        if (version, extension) == rounds[report_id]:
            found[report_id].append(LoggedReminder(step_key, repeat, state, message_id))
    return found


def rows_by_key(session: Session, keys: Sequence[str]) -> dict[str, OutboxRow]:
    """The rows of these keys (those that exist), without the emails themselves."""
    query = select(OutboxRow).options(defer(OutboxRow.message))
    return {
        row.key: row
        for start in range(0, len(keys), KEYS_PER_QUERY)
        for row in session.scalars(query.where(OutboxRow.key.in_(keys[start : start + KEYS_PER_QUERY])))
    }


def rows_by_id(session: Session, ids: Sequence[int]) -> list[OutboxRow]:
    """The rows of these ids, without the emails themselves."""
    query = select(OutboxRow).options(defer(OutboxRow.message))
    return [
        row
        for start in range(0, len(ids), KEYS_PER_QUERY)
        for row in session.scalars(query.where(OutboxRow.id.in_(ids[start : start + KEYS_PER_QUERY])))
    ]


def emails_of_report(session: Session, expected_report_id: int) -> list[OutboxRow]:
    """Every email decided for one expected report, every deadline version, oldest first (without
    the emails themselves): what was sent to the unit, what waits, what was cancelled."""
    return list(
        session.scalars(
            select(OutboxRow)
            .where(OutboxRow.expected_report_id == expected_report_id)
            .options(defer(OutboxRow.message))
            .order_by(OutboxRow.due_at, OutboxRow.id)
        )
    )


def failed_reminder_count(session: Session) -> int:
    """Reminders whose every recipient the mail server refused (the board's count)."""
    count = session.scalar(
        select(func.count())
        .select_from(OutboxRow)
        .where(OutboxRow.kind == "reminder", OutboxRow.state == DeliveryState.FAILED.value)
    )
    return count or 0


def reminder_log(session: Session) -> Iterator[ReminderRecord]:
    """The reminder rows of the outbox as core values (without the message bodies), read as they are
    consumed, in batches: a long reminder history is passed through, never held. Consume it inside the
    session."""
    query = select(
        OutboxRow.plan_code,
        OutboxRow.milestone_code,
        OutboxRow.unit_code,
        OutboxRow.step_key,
        OutboxRow.repeat,
        OutboxRow.state,
        OutboxRow.due_at,
        OutboxRow.sent_at,
        OutboxRow.refused,
        OutboxRow.deadline_version,
    ).where(OutboxRow.kind == EmailKind.REMINDER)
    rows = session.execute(query.execution_options(yield_per=READ_BATCH))
    return (
        ReminderRecord(
            plan_code=plan,
            milestone_code=milestone,
            unit_code=unit,
            step_key=step,
            repeat=repeat,
            state=DeliveryState(state),
            due_at=due_at,
            sent_at=sent_at,
            failed_recipients=tuple(sorted(refused or {})),
            deadline_version=version,
        )
        for plan, milestone, unit, step, repeat, state, due_at, sent_at, refused, version in rows
    )


def cancel_queued_reminders_of_plan(session: Session, plan_code: str) -> None:
    """A plan withdrawn: its reminders still queued will not leave (they stay as its history)."""
    session.execute(
        update(OutboxRow)
        .where(
            OutboxRow.kind == EmailKind.REMINDER,
            OutboxRow.plan_code == plan_code,
            OutboxRow.state == DeliveryState.PENDING.value,
        )
        .values(state=DeliveryState.CANCELLED.value)
    )


REFUSED_SHOWN = 20  # refused addresses the health lists, most recent first


def mail_health_facts(session: Session, now: datetime) -> tuple[int, datetime | None, str, tuple[str, ...]]:
    """For tracker.core.health.mail_health: how many emails are due and not yet accepted, the oldest
    one's due time, the last reply a server gave one of them, and the addresses refused for good."""
    waiting = (
        OutboxRow.state.in_([DeliveryState.PENDING.value, DeliveryState.SENDING.value]),
        OutboxRow.due_at <= now,
    )
    count, oldest = session.execute(select(func.count(), func.min(OutboxRow.due_at)).where(*waiting)).one()
    last_error = session.scalar(
        select(OutboxRow.last_reply)
        .where(*waiting, OutboxRow.attempts > 0, OutboxRow.last_reply != "")
        .order_by(OutboxRow.next_attempt_at.desc(), OutboxRow.id.desc())
        .limit(1)
    )
    refusals = session.scalars(
        select(OutboxRow.refused)
        .where(func.length(cast(OutboxRow.refused, Text)) > 2)  # not {}
        .order_by(OutboxRow.id.desc())
        .limit(REFUSED_SHOWN)
    )
    refused = dict.fromkeys(address for refusal in refusals for address in refusal)
    return count, oldest, last_error or "", tuple(refused)[:REFUSED_SHOWN]
