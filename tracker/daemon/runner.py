"""Running the daemon's jobs: on the real clock under APScheduler, or on a virtual clock (replay).

Both ask the same triggers when to fire and call the same jobs with the moment they fire for.
SIGTERM/SIGINT stop cleanly: the job in flight finishes its message, releases its leases, and the
heartbeat says the daemon stopped.
"""

from __future__ import annotations

import logging
import signal
import threading
import time as _time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import FrameType
from zoneinfo import ZoneInfo

from apscheduler.schedulers.blocking import BlockingScheduler

from tracker.daemon.jobs import Job

log = logging.getLogger("tracker.daemon")


@dataclass
class StopFlag:
    """Set by a signal; long work checks it between messages."""

    _event: threading.Event = field(default_factory=threading.Event)

    def set(self) -> None:
        self._event.set()

    def __call__(self) -> bool:
        return self._event.is_set()

    def wait(self, seconds: float) -> bool:
        return self._event.wait(seconds)


def install_signal_handlers(on_signal: Callable[[], None]) -> None:
    def handler(signum: int, _frame: FrameType | None) -> None:
        log.info(
            "signal %s received: finishing the work in flight, then stopping", signal.Signals(signum).name
        )
        on_signal()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


def run_on_real_clock(jobs: list[Job], zone: ZoneInfo, stop: StopFlag) -> None:
    """Run until a signal: APScheduler with an explicit time zone, one instance of each job at a time."""
    scheduler = BlockingScheduler(timezone=zone)

    def runner(job: Job) -> Callable[[], None]:
        def run() -> None:
            if not stop():
                job.run(datetime.now(UTC))

        return run

    for job in jobs:
        scheduler.add_job(
            runner(job),
            trigger=job.trigger,
            id=job.name,
            name=job.name,
            coalesce=True,  # after a pause, one run, not a burst
            max_instances=1,
            misfire_grace_time=int(job.misfire_grace.total_seconds()) if job.misfire_grace else None,
        )

    def shutdown() -> None:
        stop.set()
        # Not from inside the signal handler's frame: shutdown waits for the job in flight.
        threading.Thread(target=scheduler.shutdown, kwargs={"wait": True}, daemon=True).start()

    install_signal_handlers(shutdown)
    log.info("daemon started: jobs %s, time zone %s", ", ".join(j.name for j in jobs), zone.key)
    scheduler.start()
    log.info("daemon stopped")


@dataclass
class VirtualClock:
    """Replay time: starts at `start` and runs `speed` times faster than real time, or (speed None)
    jumps straight from one job's fire time to the next."""

    start: datetime
    speed: float | None
    _real_start: float = field(default_factory=_time.monotonic)

    def wait_until(self, moment: datetime, stop: StopFlag) -> None:
        if self.speed is None:
            return
        real_offset = (moment - self.start).total_seconds() / self.speed
        remaining = self._real_start + real_offset - _time.monotonic()
        if remaining > 0:
            stop.wait(remaining)


def fire_times(
    jobs: list[Job],
    start: datetime,
    until: datetime,
    skip_to: Callable[[Job, datetime], datetime | None] | None = None,
) -> Iterator[tuple[datetime, Job]]:
    """Each job's fire times in [start, until], in time order (ties: the order of `jobs`).

    `skip_to(job, fire)` may move a job's next fire time later when nothing can happen before it, or
    say None when nothing will (the replay at full speed skips the sweeps that would find nothing).
    """
    upcoming = {job.name: job.trigger.get_next_fire_time(None, start) for job in jobs}
    order = {job.name: index for index, job in enumerate(jobs)}
    by_name = {job.name: job for job in jobs}
    while True:
        pending = [
            (when, order[name], name) for name, when in upcoming.items() if when is not None and when <= until
        ]
        if not pending:
            return
        when, _, name = min(pending)
        job = by_name[name]
        yield when, job
        following = job.trigger.get_next_fire_time(when, when + timedelta(microseconds=1))
        if following is not None and skip_to is not None:
            target = skip_to(job, following)
            if target is None or target > until:
                following = None
            elif target > following:
                following = job.trigger.get_next_fire_time(None, target)
        upcoming[name] = following
