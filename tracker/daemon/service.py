"""The daemon: a sweep every few minutes and the weekly digest, with a heartbeat after each sweep.

`jobs()` gives both jobs with their triggers; `tracker run` hands them to APScheduler, `tracker run
--replay-from` to the virtual clock. Each job takes the moment it runs for and nothing else.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from apscheduler.triggers.base import BaseTrigger
from sqlalchemy import Engine

from tracker.core.delivery import retry_delay
from tracker.daemon.jobs import Job, digest_trigger, last_fire_time, sweep_trigger
from tracker.services.digests import DigestQueue
from tracker.services.intake import Intake, IntakeResult, MailboxDown
from tracker.services.sweep import Sweep, SweepResult
from tracker.store.db import session_factory
from tracker.store.repository import record_heartbeat

log = logging.getLogger("tracker.daemon")

DEFAULT_SWEEP_EVERY = timedelta(minutes=5)


def _tally(lines: Iterable[Any]) -> str:
    """`sent=3 superseded=1`: how many lines of a run ended in each state, for the log."""
    counts = Counter(line.state for line in lines)
    return " ".join(f"{state}={count}" for state, count in sorted(counts.items()))


@dataclass
class MailboxReader:
    """The daemon's reading of the mailbox: a mailbox that is down is tried again after a delay that
    doubles (as a mail server that is down is), and said in the log at each failure, never silently.
    It runs in a thread of its own under APScheduler, so a slow mailbox never holds up the sweep."""

    intake: Intake
    every: timedelta
    failures: int = 0
    retry_at: datetime | None = None
    problem: str = ""  # the last failure, until a read succeeds

    def run(self, now: datetime) -> IntakeResult | None:
        """Read the mailbox at `now`; None when it waits for its retry time or could not be opened."""
        if self.retry_at is not None and now < self.retry_at:
            return None
        try:
            result = self.intake.run(now, next_try=now + retry_delay(self.failures + 1))
        except MailboxDown as error:
            self._failed(now, str(error))
            return None
        if result.error:
            self._failed(now, result.error)
        else:
            self.failures, self.retry_at, self.problem = 0, None, ""
        log.info("intake at=%s read=%d %s", now.isoformat(), len(result.lines), _tally(result.lines))
        return result

    def _failed(self, now: datetime, problem: str) -> None:
        self.failures += 1
        self.retry_at = now + retry_delay(self.failures)
        self.problem = problem
        log.error("mailbox unreadable at=%s retry_at=%s reason=%s", now.isoformat(), self.retry_at, problem)


@dataclass
class Daemon:
    engine: Engine
    sweep: Sweep
    digests: DigestQueue
    every: timedelta
    name: str  # host:pid, the heartbeat's key
    started_at: datetime
    mailbox: MailboxReader | None = field(default=None)  # when TRACKER_IMAP_HOST is set

    @cached_property
    def _sweeps(self) -> BaseTrigger:
        """When this daemon sweeps, for its heartbeat: in the office's zone as the daemon found it."""
        return sweep_trigger(self.every, self.sweep.office().zone, self.started_at)

    def jobs(self, start: datetime) -> list[Job]:
        office = self.sweep.office()
        return [
            Job(
                "digest",
                digest_trigger(office.organization.digest, office.zone),
                self.send_digest,
                None,
            ),
            Job("sweep", sweep_trigger(self.every, office.zone, start), self.run_sweep, self.every),
        ] + (
            [Job("intake", sweep_trigger(self.mailbox.every, office.zone, start), self.mailbox.run, None)]
            if self.mailbox
            else []
        )

    def run_sweep(self, now: datetime) -> SweepResult:
        result = self.sweep.run(now)
        log.info(
            "sweep at=%s decided_or_tried=%d %s", now.isoformat(), len(result.lines), _tally(result.lines)
        )
        if result.stopped:
            log.error("sending stopped at=%s reason=%s", now.isoformat(), result.stopped)
        self.beat(now, last_sweep_at=now)
        return result

    def send_digest(self, now: datetime) -> bool:
        """Queue the digest of the latest period that has begun (a late run catches up), then send."""
        office = self.sweep.office()
        period = last_fire_time(digest_trigger(office.organization.digest, office.zone), now)
        if period is None:
            return False
        with session_factory(self.engine)() as session, session.begin():
            queued = self.digests.queue(session, office, period, now)
        if queued:
            log.info("digest queued period=%s", period.isoformat())
            self.sweep.sender(office).send_due(now)
        return queued

    def beat_swept(self, now: datetime) -> None:
        """The heartbeat of a sweep at `now` (the replay's stand-in for a sweep that finds nothing)."""
        self.beat(now, last_sweep_at=now)

    def beat(self, now: datetime, *, last_sweep_at: datetime | None = None, stopped: bool = False) -> None:
        with session_factory(self.engine)() as session, session.begin():
            record_heartbeat(
                session,
                name=self.name,
                started_at=self.started_at,
                interval_seconds=int(self.every.total_seconds()),
                last_sweep_at=last_sweep_at,
                next_sweep_at=None
                if stopped
                else self._sweeps.get_next_fire_time(now, now + timedelta(seconds=1)),
                stopped_at=now if stopped else None,
            )
