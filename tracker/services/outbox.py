"""Sending what the outbox holds: claim a batch, send it, record each answer — safe with several
daemons (see `tracker.store.outbox` for the lease, `tracker.core.delivery` for what an answer does).

Each answer is recorded as soon as the server has given it; a crash in between leaves the row
`sending` until its lease expires and another sweep sends it again: at most one duplicate, never a
loss. Every time comes from the sweep's `now`, never from the clock.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tracker.core.calendar import SendingWindow
from tracker.core.delivery import ClaimedEmail, Delivery, Outcome, outcome_of_answer, tomorrow_opening
from tracker.core.reports import DeliveryState
from tracker.mail.delivery import SendJob, Transport
from tracker.store.db import session_factory
from tracker.store.outbox import (
    LEASE,
    ReminderFor,
    cancel_unless_wanted,
    claim,
    claimed_email,
    lease_holders,
    pause_until,
    reclaim,
    record_answer,
    release,
    reminder_for,
    renew_leases,
)

log = logging.getLogger(__name__)

CLAIM_BATCH = 200


def worker_name(host: str, pid: int) -> str:
    """How a process is named as the holder of the leases it takes."""
    return f"{host}:{pid}"


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: nothing is sent, only whether the process exists is checked
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def reclaim_from_dead_workers(
    engine: Engine, host: str, me: int, now: datetime, is_running: Callable[[int], bool] = _is_running
) -> list[str]:
    """At a daemon's start (process `me` on `host`): the rows leased by processes of this host that
    are no longer running (killed mid-send) are due again now, not when their leases end. Leases
    held on other hosts are left to expire: their processes cannot be seen from here."""
    with session_factory(engine)() as session, session.begin():
        gone = []
        for worker in lease_holders(session):
            worker_host, _, pid = worker.rpartition(":")
            # A holder with this process's pid is an earlier process that had it: it holds nothing now.
            if worker_host == host and pid.isdigit() and (int(pid) == me or not is_running(int(pid))):
                gone.append(worker)
        reclaim(session, gone, now)
    if gone:
        log.warning("emails leased by stopped workers due again: %s", ", ".join(sorted(gone)))
    return gone


RENEW_AFTER = LEASE / 4
"""How old a lease may grow before it is renewed. Renewals happen around each message, and one message
takes at most the transport's send timeouts (well under LEASE / 2), so a lease never runs out while
its batch is still being sent."""


@dataclass
class _Leases:
    """The leases one sending pass takes, renewed while it sends: a lease must outlive the work it
    covers, and a slow server can make a batch last longer than one lease (another daemon would then
    claim the rest again, and send it twice)."""

    engine: Engine
    worker: str
    now: datetime  # the pass's moment: leases are counted from it, plus how long the pass has run
    clock: Callable[[], float]  # seconds, monotonic
    started: float
    taken: float = 0.0  # when the leases were last taken or renewed, by `clock`

    def take(self) -> datetime:
        """When a lease taken now ends."""
        self.taken = self.clock()
        return self.now + timedelta(seconds=self.taken - self.started) + LEASE

    def keep(self) -> None:
        """Renew this worker's leases once they are RENEW_AFTER old."""
        if self.clock() - self.taken >= RENEW_AFTER.total_seconds():
            until = self.take()
            with self.engine.begin() as connection:
                renew_leases(connection, self.worker, until)


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


@dataclass
class Sender:
    """One sending pass over what is due: claim a batch, send it, record each answer."""

    engine: Engine
    transport: Transport
    window: SendingWindow
    worker: str  # this process, as the holder of the leases it takes
    should_stop: Callable[[], bool] = lambda: False
    clock: Callable[[], float] = time.monotonic  # how long the pass has run, to renew its leases

    def send_due(self, now: datetime) -> PassResult:
        if not self.window.is_open(now):
            return PassResult([])  # emails leave only inside the sending window
        return _run_to_end(self._send_due(now))

    def send_now(self, key: str, now: datetime) -> PassResult:
        """Send the email of `key` at once if it is due, inside the sending window or not: someone asked."""
        return _run_to_end(self._send_due(now, key))

    async def _send_due(self, now: datetime, key: str | None = None) -> PassResult:
        attempts: list[Attempt] = []
        sessions = session_factory(self.engine)
        leases = _Leases(self.engine, self.worker, now, self.clock, self.clock())
        async with self.transport:
            while not self.should_stop():
                with sessions() as session, session.begin():
                    rows = claim(
                        session,
                        now,
                        self.worker,
                        self.window.zone,
                        CLAIM_BATCH,
                        lease_until=leases.take(),
                        key=key,
                    )
                    jobs = [SendJob.of(r.message, r.remaining) for r in rows]
                    claims = [claimed_email(r) for r in rows]
                    reminders = [reminder_for(r) for r in rows]
                if not rows:
                    break
                recorded: set[int] = set()  # answered, or cancelled before being sent
                on_delivery = partial(self._on_delivery, leases, claims, recorded, now, attempts)
                before_send = partial(self._before_send, leases, reminders, recorded, now)
                results = await self.transport.send_all(jobs, on_delivery, before_send)
                unsent = [index for index in range(len(claims)) if index not in recorded]
                if self.should_stop():
                    with sessions() as session, session.begin():
                        release(session, [claims[index].outbox_id for index in unsent], now)
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
        with sessions() as session, session.begin():
            pause_until(session, tomorrow_opening(self.window, now))

    def _before_send(
        self,
        leases: _Leases,
        reminders: list[ReminderFor | None],
        recorded: set[int],
        now: datetime,
        index: int,
    ) -> bool:
        leases.keep()
        # Checked again right before sending, not only when the batch was claimed: a clerk may have
        # recorded the report while the batch's first messages were going out.
        reminder = reminders[index]
        if reminder is None:
            return True
        with self.engine.begin() as connection:
            wanted = cancel_unless_wanted(connection, reminder, now, self.window.zone)
        if not wanted:
            recorded.add(index)
        return wanted

    def _on_delivery(
        self,
        leases: _Leases,
        claims: list[ClaimedEmail],
        recorded: set[int],
        now: datetime,
        attempts: list[Attempt],
        index: int,
        delivery: Delivery,
    ) -> bool:
        leases.keep()
        # Recorded the moment the server has answered: a crash can cost one duplicate, never a loss.
        self._record(claims[index], delivery, now, attempts)
        recorded.add(index)
        return not self.should_stop()

    def _record(
        self, claimed: ClaimedEmail, delivery: Delivery, now: datetime, attempts: list[Attempt]
    ) -> None:
        outcome = outcome_of_answer(claimed, delivery, now, self.window)
        with self.engine.begin() as connection:
            record_answer(connection, claimed.outbox_id, outcome)
        refused = tuple(r.recipient for r in delivery.refused)
        attempts.append(Attempt(claimed.outbox_id, outcome.state, refused))


T = TypeVar("T")


def _run_to_end(work: Coroutine[Any, Any, T]) -> T:
    """Run a sending pass from synchronous code. When this thread already runs an event loop (an async
    host, a browser driver in tests), the pass gets a thread and a loop of its own rather than failing."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, work).result()
