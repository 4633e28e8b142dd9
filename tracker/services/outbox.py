"""Sending what the outbox holds: claim, re-check, send, record — safe with several daemons.

Claiming marks rows `sending` under a lease in a short transaction (PostgreSQL: FOR UPDATE SKIP
LOCKED; SQLite: the whole transaction is BEGIN IMMEDIATE), so no row lock is held while a mail
server is talked to. Inside the claim a reminder whose report has meanwhile been recorded or
exempted is cancelled instead. Each result is recorded as soon as the server has answered; a crash
in between leaves the row `sending` until its lease expires and another sweep sends it again: at
most one duplicate, never a loss. Every time comes from the sweep's `now`, never from the clock.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import cast

from sqlalchemy import ColumnElement, Engine, Table, and_, bindparam, or_, select, update
from sqlalchemy.orm import Session

from tracker.core.calendar import SendingWindow
from tracker.core.reports import DeliveryState
from tracker.mail.delivery import Delivery, Outcome, SendJob, Transport
from tracker.store.db import session_factory
from tracker.store.tables import ExpectedReportRow, MilestoneRow, OutboxRow

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)  # longer than any one send (timeouts are well under a minute)
FIRST_RETRY = timedelta(minutes=5)
LONGEST_RETRY = timedelta(hours=2)
CLAIM_BATCH = 200


def retry_delay(attempts: int) -> timedelta:
    """5 minutes after the first failure, doubling, at most 2 hours apart (DESIGN §5)."""
    return min(FIRST_RETRY * (1 << max(attempts - 1, 0)), LONGEST_RETRY)


@dataclass(frozen=True)
class Attempt:
    """What one sending pass did with one outbox row."""

    outbox_id: int
    state: DeliveryState
    refused: tuple[str, ...] = ()


@dataclass(frozen=True)
class PassResult:
    attempts: list[Attempt]
    stopped: str = ""  # why sending stopped early (authentication, quota), for the operator


def _claimable(now: datetime) -> ColumnElement[bool]:
    return or_(
        and_(OutboxRow.state == DeliveryState.PENDING.value, OutboxRow.next_attempt_at <= now),
        # A sender that died mid-send leaves its rows `sending`; once the lease is over they are fair game.
        and_(OutboxRow.state == DeliveryState.SENDING.value, OutboxRow.lease_until < now),
    )


def _still_wanted(
    session: Session, rows: Sequence[OutboxRow], now: datetime, zone_today: datetime
) -> set[int]:
    """The reminder rows whose report is still outstanding at `now`, for the deadline they were made for."""
    report_ids = {r.expected_report_id for r in rows if r.expected_report_id is not None}
    if not report_ids:
        return set()
    today = zone_today.date()
    outstanding = {
        report.id: milestone_version
        for report, milestone_version in session.execute(
            select(ExpectedReportRow, MilestoneRow.deadline_version)
            .join(ExpectedReportRow.milestone)
            .where(ExpectedReportRow.id.in_(report_ids))
        )
        if not (report.received_on is not None and report.received_on <= today)
        and not (report.exempted_at is not None and report.exempted_at <= now)
    }
    return {
        r.id
        for r in rows
        if r.expected_report_id in outstanding and outstanding[r.expected_report_id] == r.deadline_version
    }


def claim(session: Session, now: datetime, owner: str, window: SendingWindow, limit: int) -> list[OutboxRow]:
    """Take up to `limit` rows due at `now` under a lease; cancel reminders no longer wanted."""
    query = (
        select(OutboxRow)
        .where(_claimable(now))
        .order_by(OutboxRow.next_attempt_at, OutboxRow.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    rows = list(session.scalars(query))
    wanted = _still_wanted(
        session, [r for r in rows if r.kind == "reminder"], now, now.astimezone(window.zone)
    )
    claimed = []
    for row in rows:
        if row.kind == "reminder" and row.id not in wanted:
            row.state = DeliveryState.CANCELLED.value
            continue
        row.state, row.lease_until, row.lease_owner = DeliveryState.SENDING.value, now + LEASE, owner
        row.attempts += 1
        claimed.append(row)
    return claimed


def tomorrow_opening(window: SendingWindow, now: datetime) -> datetime:
    """When a spent daily quota is worth trying again: the sending window's next opening tomorrow."""
    return window.opening_of_day((now.astimezone(window.zone) + timedelta(days=1)).date())


@dataclass(frozen=True)
class Claimed:
    """What recording the answer for one claimed row needs, read when it was claimed: the answer is
    then written with one UPDATE by primary key, without loading the row again."""

    outbox_id: int
    addressed: int  # To and Cc recipients
    refused: dict[str, str]  # by earlier attempts
    attempts: int  # this one included

    @classmethod
    def of(cls, row: OutboxRow) -> Claimed:
        return cls(row.id, len(row.to_addrs) + len(row.cc_addrs), dict(row.refused), row.attempts)


def record(
    claimed: Claimed, delivery: Delivery, now: datetime, window: SendingWindow
) -> tuple[DeliveryState, dict[str, object]]:
    """The new state of a claimed row after one server answer, and the other columns that change."""
    refused = {**claimed.refused, **{r.recipient: r.reply for r in delivery.refused}}
    values: dict[str, object] = {
        "refused": refused,
        "remaining": list(delivery.pending),
        "last_reply": delivery.reply,
        "lease_until": None,
        "lease_owner": "",
    }
    if delivery.outcome in (Outcome.DELIVERED, Outcome.REFUSED):
        # Refused now, but an earlier attempt reached someone: the email did go out.
        accepted_ever = claimed.addressed - len(refused) - len(delivery.pending)
        delivered = delivery.outcome is Outcome.DELIVERED or accepted_ever > 0
        state = DeliveryState.SENT if delivered else DeliveryState.FAILED
        return state, values | {"sent_at": now, "next_attempt_at": None}
    if delivery.outcome is Outcome.QUOTA_EXCEEDED:
        return DeliveryState.PENDING, values | {"next_attempt_at": tomorrow_opening(window, now)}
    if delivery.outcome is Outcome.AUTH_FAILED:
        # Not the message's fault: keep it as it was and try again at the next sweep.
        return DeliveryState.PENDING, values | {"next_attempt_at": now, "attempts": claimed.attempts - 1}
    return DeliveryState.PENDING, values | {"next_attempt_at": now + retry_delay(claimed.attempts)}


def release(rows: Sequence[OutboxRow], now: datetime) -> None:
    """Give claimed rows back untried (shutdown, or sending stopped): pending again, attempt not counted."""
    for row in rows:
        row.state, row.lease_until, row.lease_owner = DeliveryState.PENDING.value, None, ""
        row.next_attempt_at = min(row.next_attempt_at or now, now)
        row.attempts -= 1


# The SET clause comes from the parameters' names: compiled once per set of names, not per message.
_OUTBOX = cast(Table, OutboxRow.__table__)  # declared as a FromClause; it is the mapped Table
_RECORD = update(_OUTBOX).where(_OUTBOX.c.id == bindparam("outbox_id"))


@dataclass
class Sender:
    """One sending pass over what is due: claim a batch, send it, record each answer."""

    engine: Engine
    transport: Transport
    window: SendingWindow
    owner: str
    should_stop: Callable[[], bool] = lambda: False

    def send_due(self, now: datetime) -> PassResult:
        if not self.window.is_open(now):
            return PassResult([])  # emails leave only inside the sending window
        return asyncio.run(self._send_due(now))

    async def _send_due(self, now: datetime) -> PassResult:
        attempts: list[Attempt] = []
        sessions = session_factory(self.engine)
        async with self.transport:
            while not self.should_stop():
                with sessions() as session, session.begin():
                    rows = claim(session, now, self.owner, self.window, CLAIM_BATCH)
                    jobs = [SendJob.of(r.message, r.remaining) for r in rows]
                    claims = [Claimed.of(r) for r in rows]
                if not rows:
                    break
                recorded: set[int] = set()
                on_delivery = partial(self._on_delivery, claims, recorded, now, attempts)
                results = await self.transport.send_all(jobs, on_delivery)
                unsent = [index for index in range(len(claims)) if index not in recorded]
                if self.should_stop():
                    self._release(sessions, [claims[index].outbox_id for index in unsent], now)
                    break
                for index in unsent:  # a batch stopped by authentication or quota
                    self._record(claims[index], results[index], now, attempts)
                stop = next((d for d in results if d.stops_sending), None)
                if stop is not None:
                    log.error("sending stopped: %s (%s)", stop.outcome, stop.reply)
                    if stop.outcome is Outcome.QUOTA_EXCEEDED:
                        self._pause_until_tomorrow(sessions, now)
                    return PassResult(attempts, f"{stop.outcome}: {stop.reply}")
        return PassResult(attempts)

    def _pause_until_tomorrow(self, sessions: Callable[[], Session], now: datetime) -> None:
        """The daily quota is spent: nothing is tried again before tomorrow's window opens (asking
        again today only earns more refusals)."""
        tomorrow = tomorrow_opening(self.window, now)
        with sessions() as session, session.begin():
            session.execute(
                update(OutboxRow)
                .where(OutboxRow.state == DeliveryState.PENDING.value, OutboxRow.next_attempt_at < tomorrow)
                .values(next_attempt_at=tomorrow)
            )

    def _on_delivery(
        self,
        claims: list[Claimed],
        recorded: set[int],
        now: datetime,
        attempts: list[Attempt],
        index: int,
        delivery: Delivery,
    ) -> bool:
        # Recorded the moment the server has answered: a crash can cost one duplicate, never a loss.
        self._record(claims[index], delivery, now, attempts)
        recorded.add(index)
        return not self.should_stop()

    def _record(self, claimed: Claimed, delivery: Delivery, now: datetime, attempts: list[Attempt]) -> None:
        state, values = record(claimed, delivery, now, self.window)
        with self.engine.begin() as connection:
            connection.execute(_RECORD, {"outbox_id": claimed.outbox_id, "state": state.value, **values})
        attempts.append(Attempt(claimed.outbox_id, state, tuple(r.recipient for r in delivery.refused)))

    @staticmethod
    def _release(sessions: Callable[[], Session], ids: list[int], now: datetime) -> None:
        with sessions() as session, session.begin():
            release(list(session.scalars(select(OutboxRow).where(OutboxRow.id.in_(ids)))), now)
